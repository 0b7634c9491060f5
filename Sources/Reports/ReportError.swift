import Foundation

/// What can go wrong when reading or writing result files.
public enum ReportError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A CSV file could not be read back: `line` is 1-based, counting the header as line 1.
    case malformedCSV(file: String, line: Int, reason: String)
    /// A result file could not be written to `path`.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedCSV(file, line, reason):
            return "\(file):\(line): \(reason)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }

    /// What went wrong, without the file: for a caller that names the file itself.
    public var reason: String {
        switch self {
        case let .malformedCSV(_, _, reason), let .writeFailed(_, reason):
            return reason
        }
    }

    public var errorDescription: String? { description }
}
