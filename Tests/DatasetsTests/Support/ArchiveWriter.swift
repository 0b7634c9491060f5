import CZlib
import Foundation
@testable import Datasets

/// Writers of small gzip and tar files, so the tests build their own archives.
enum ArchiveWriter {
    /// `data` compressed as one gzip member by zlib's `deflate`.
    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS asks deflate for a gzip header and trailer.
        precondition(deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = data, output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(data.count))) + 64)
        let written = input.withUnsafeMutableBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return out.count - Int(stream.avail_out)
            }
        }
        return Array(output[..<written])
    }

    /// A member of a tar file to write.
    enum Member {
        case file(String, [UInt8])
        case folder(String)
        /// A file whose long path goes first into a GNU `././@LongLink` entry.
        case longFile(String, [UInt8])
        /// A file whose path goes into a pax extended header, the ustar name being a stand-in.
        case paxFile(String, [UInt8])
    }

    /// A ustar archive of `members`, ended by two zero blocks.
    static func tar(_ members: [Member]) -> [UInt8] {
        var out: [UInt8] = []
        for member in members {
            switch member {
            case .file(let path, let bytes):
                out += entry(name: path, type: "0", data: bytes)
            case .folder(let path):
                out += entry(name: path, type: "5", data: [])
            case .longFile(let path, let bytes):
                out += entry(name: "././@LongLink", type: "L", data: Array(path.utf8) + [0])
                out += entry(name: String(path.prefix(100)), type: "0", data: bytes)
            case .paxFile(let path, let bytes):
                let record = " path=\(path)\n"
                var length = record.utf8.count + 2
                if "\(length)".count + record.utf8.count != length { length += 1 }
                out += entry(name: "PaxHeaders/x", type: "x", data: Array("\(length)\(record)".utf8))
                out += entry(name: "stand-in", type: "0", data: bytes)
            }
        }
        return out + [UInt8](repeating: 0, count: 1024)
    }

    /// One header block and the data padded to whole blocks.
    static func entry(name: String, type: Character, data: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (i, b) in text.utf8.enumerated() { header[offset + i] = b }
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0001750", at: 108)
        put("0001750", at: 116)
        put(String(data.count, radix: 8).leftPadded(to: 11), at: 124)
        put("14724143550", at: 136)
        put(String(type), at: 156)
        put("ustar", at: 257)
        put("00", at: 263)
        put("        ", at: 148)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(String(sum, radix: 8).leftPadded(to: 6) + "\0 ", at: 148)
        let padding = (512 - data.count % 512) % 512
        return header + data + [UInt8](repeating: 0, count: padding)
    }

    /// A fresh empty folder, inside one folder per test process that is removed, with all it
    /// holds, when the process exits.
    static func temporaryFolder() -> String {
        let path = processFolder + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The folder under the temporary directory that holds this process's `temporaryFolder()`s,
    /// made on first use, which also arranges its removal at exit.
    private static let processFolder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("DatasetsTests-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ArchiveWriter.processFolder) }
        return path
    }()

    /// Writes `bytes` to `path`, creating folders on the way.
    static func write(_ bytes: [UInt8], to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
