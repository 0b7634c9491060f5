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
        }
    }
}
