/// A reader of tar archives (POSIX ustar, with GNU `././@LongLink` and pax `path` long names).
///
/// Only regular files are returned; folders, links and devices are skipped. An entry of any
/// kind whose path is absolute or contains a `..` component makes the whole archive an error.
public enum Tar {
    /// One regular file of an archive.
    public struct Entry: Equatable, Sendable {
        /// The path inside the archive, e.g. `aclImdb/train/pos/0_9.txt`.
        public var path: String
        /// The file's contents (a slice of the archive's bytes).
        public var bytes: ArraySlice<UInt8>
    }

    static let blockSize = 512

    /// The regular files of the tar archive `archive`, in archive order. `file` names the
    /// archive in errors.
    public static func entries(in archive: [UInt8], file: String) throws(DatasetError) -> [Entry] {
        var entries: [Entry] = []
        var longPath: String?  // from a GNU long-name or pax entry, for the entry that follows
        var offset = 0
        while offset + blockSize <= archive.count {
            let header = archive[offset ..< offset + blockSize]
            if header.allSatisfy({ $0 == 0 }) { return entries }  // end-of-archive marker
            guard let stored = number(header, 148, 8), checksums(header).contains(stored) else {
                throw .corruptArchive(file: file, offset: offset, reason: "bad tar header checksum")
            }
            guard let size = number(header, 124, 12) else {
                throw .corruptArchive(file: file, offset: offset, reason: "bad tar entry size")
            }
            let start = offset + blockSize
            guard size <= archive.count - start else { throw .truncatedArchive(file: file, offset: archive.count) }
            let data = archive[start ..< start + size]
            offset = start + (size + blockSize - 1) / blockSize * blockSize

            let path = longPath ?? headerPath(header)
            let type = header[header.startIndex + 156]
            switch type {
            case UInt8(ascii: "L"):  // GNU: the data is the next entry's path
                longPath = text(data)
                continue
            case UInt8(ascii: "x"):  // pax extended header: may carry the next entry's path
                longPath = paxPath(data) ?? longPath
                continue
            case UInt8(ascii: "g"):  // pax global header: nothing we need
                continue
            default:
                break
            }
            longPath = nil
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || components.contains("..") {
                throw .unsafeArchivePath(file: file, entry: path)
            }
            if type == UInt8(ascii: "0") || type == 0 || type == UInt8(ascii: "7") {
                entries.append(Entry(path: path, bytes: data))
            }
        }
        if offset < archive.count { throw .truncatedArchive(file: file, offset: archive.count) }
        return entries
    }

    /// The header's checksum, computed with the checksum field as spaces; both the unsigned sum
    /// (POSIX) and the signed one (old Unix tars) are accepted.
    static func checksums(_ header: ArraySlice<UInt8>) -> Set<Int> {
        var unsigned = 0, signed = 0
        for (i, byte) in header.enumerated() {
            let b = (148..<156).contains(i) ? UInt8(ascii: " ") : byte
            unsigned += Int(b)
            signed += Int(Int8(bitPattern: b))
        }
        return [unsigned, signed]
    }

    /// The number in the header field at `field` of `length` bytes: octal ASCII, or base-256
    /// when the first byte has its high bit set (GNU, for sizes of 8 GiB and more). Nil for a
    /// field that is neither, or a base-256 number too large for `Int` (a negative one among them).
    static func number(_ header: ArraySlice<UInt8>, _ field: Int, _ length: Int) -> Int? {
        let bytes = header.dropFirst(field).prefix(length)
        if let first = bytes.first, first & 0x80 != 0 {
            var value = Int(first & 0x7F)
            for byte in bytes.dropFirst() {
                guard value <= Int.max >> 8 else { return nil }
                value = value << 8 | Int(byte)
            }
            return value
        }
        let digits = bytes.prefix { $0 != 0 }.drop { $0 == UInt8(ascii: " ") }.prefix { $0 != UInt8(ascii: " ") }
        guard !digits.isEmpty else { return 0 }
        var value = 0
        for d in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(d) else { return nil }
            value = value * 8 + Int(d - UInt8(ascii: "0"))
        }
        return value
    }

    /// The path in a ustar header: `prefix/name`, or `name` alone.
    static func headerPath(_ header: ArraySlice<UInt8>) -> String {
        let name = text(header.prefix(100))
        let isUstar = header.dropFirst(257).prefix(5).elementsEqual("ustar".utf8)
        let prefix = isUstar ? text(header.dropFirst(345).prefix(155)) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// The NUL-terminated UTF-8 text at the start of `bytes`.
    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The `path` record of pax extended-header data (records are `"<length> <key>=<value>\n"`).
    static func paxPath(_ data: ArraySlice<UInt8>) -> String? {
        for record in text(data).split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let field = record[record.index(after: space)...]
            if field.hasPrefix("path=") { return String(field.dropFirst(5)) }
        }
        return nil
    }
}
