/// Why data could not be read. Every case names the file, and where it helps the line or byte offset.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at `path`.
    case missingFile(path: String)
    /// `path` exists but could not be read.
    case unreadableFile(path: String, reason: String)
    /// The compressed stream or archive in `file` ends before it is complete.
    case truncatedArchive(file: String, offset: Int)
    /// The compressed stream or archive in `file` is damaged at byte `offset`.
    case corruptArchive(file: String, offset: Int, reason: String)
    /// An archive entry whose path is absolute or climbs out with `..`; it is never extracted.
    case unsafeArchivePath(file: String, entry: String)
    /// A row of an embedding file that is not a word followed by the expected numbers.
    case badEmbeddingRow(file: String, line: Int, reason: String)
    /// A dataset split with no examples, e.g. a folder without `train/pos` files.
    case emptySplit(path: String, split: String)
    /// An IDX file whose first 4 bytes are not the magic number `expected` (`found` is `nil`
    /// when the file is shorter than that).
    case wrongMagic(file: String, found: UInt32?, expected: UInt32)
    /// A file of `size` bytes whose header promises `expected`.
    case wrongSize(file: String, size: Int, expected: Int)
    /// An IDX images file and its labels file that hold different numbers of examples.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// An IDX label, at byte `offset`, that is not one of the `classCount` classes.
    case labelOutOfRange(file: String, offset: Int, label: Int, classCount: Int)
    /// A file with nothing but white space in it.
    case emptyFile(path: String)
    /// A CSV or TSV table with a header row and nothing below it.
    case noRows(file: String)
    /// A table without the column `column`; `available` lists the columns it has (in JSON
    /// Lines, the keys of that line's object).
    case missingColumn(file: String, line: Int, column: String, available: [String])
    /// A table row without a label: an empty field, or a JSON key that is absent or `null`.
    case missingLabel(file: String, line: Int, column: String)
    /// A table line that cannot be read, e.g. not valid JSON.
    case badLine(file: String, line: Int, reason: String)
    /// Data that is nowhere to be found: `tried` lists every place looked at, `help` what to do.
    case dataNotFound(name: String, tried: [String], help: String)
    /// A download from `url`, which is neither `https` nor plain `http` to this machine; refused
    /// before any connection.
    case insecureDownload(url: String)
    /// A download from `url` that did not complete: no network, an error status from the
    /// server, a cache that cannot be written.
    case downloadFailed(url: String, reason: String)
    /// A download from `url` whose SHA-256 is `actual`, not the `expected` one; it was deleted.
    case digestMismatch(url: String, expected: String, actual: String)
    /// Data that is nowhere on disk and whose download failed: `tried` lists every place looked
    /// at, `failure` is the download's error, `help` what to download by hand and where to put it.
    indirect case dataNotDownloaded(name: String, tried: [String], failure: DatasetError, help: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such file or folder"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot be read: \(reason)"
        case .truncatedArchive(let file, let offset):
            return "\(file): truncated at byte \(offset); the file is incomplete (an interrupted download?)"
        case .corruptArchive(let file, let offset, let reason):
            return "\(file): corrupt at byte \(offset): \(reason)"
        case .unsafeArchivePath(let file, let entry):
            return "\(file): refusing the entry '\(entry)', whose path is absolute or contains '..'"
        case .badEmbeddingRow(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .emptySplit(let path, let split):
            return "\(path): the \(split) split has no examples"
        case .wrongMagic(let file, let found, let expected):
            let what = found.map { "the magic number \(hex($0))" } ?? "fewer than 4 bytes"
            return "\(file): at byte 0: found \(what), expected \(hex(expected)) (\(idxKind(expected)))"
        case .wrongSize(let file, let size, let expected):
            let problem = size < expected ? "truncated at byte \(size)" : "\(size - expected) bytes too many at byte \(expected)"
            return "\(file): \(problem): its header promises \(expected) bytes, the file has \(size)"
        case .countMismatch(let images, let imageCount, let labels, let labelCount):
            return "\(images) (count at byte 4) holds \(imageCount) images but \(labels) (count at byte 4) holds \(labelCount) labels"
        case .labelOutOfRange(let file, let offset, let label, let classCount):
            return "\(file): at byte \(offset): label \(label) is not a class 0…\(classCount - 1)"
        case .emptyFile(let path):
            return "\(path): the file is empty"
        case .noRows(let file):
            return "\(file): the table has a header row but no rows of data"
        case .missingColumn(let file, let line, let column, let available):
            let columns = available.isEmpty ? "none" : available.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(file):\(line): no column \"\(column)\"; the columns are: \(columns)"
        case .missingLabel(let file, let line, let column):
            return "\(file):\(line): the label (column \"\(column)\") is missing"
        case .badLine(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        case .dataNotFound(let name, let tried, let help):
            return "cannot find \(name); tried:\n" + tried.map { "  \($0)\n" }.joined() + help
        case .insecureDownload(let url):
            return "\(url): refusing to download: only https URLs are fetched (plain http only from "
                + RemoteFile.loopbackHosts.joined(separator: ", ") + ")"
        case .downloadFailed(let url, let reason):
            return "\(url): the download failed: \(reason)"
        case .digestMismatch(let url, let expected, let actual):
            return "\(url): the downloaded file's SHA-256 is \(actual), expected \(expected); the file was deleted "
                + "(it changed on the server, or the expected digest is wrong)"
        case .dataNotDownloaded(let name, let tried, let failure, let help):
            return "cannot find \(name); tried:\n" + tried.map { "  \($0)\n" }.joined() + "\(failure)\n" + help
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    private func idxKind(_ magic: UInt32) -> String {
        magic == IDXImages.labelsMagic ? "IDX labels: unsigned bytes, 1 dimension" : "IDX images: unsigned bytes, 3 dimensions"
    }
}
