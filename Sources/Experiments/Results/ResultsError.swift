/// What stops `runner diff` or `runner report` from reading or writing results.
public enum ResultsError: Error, Equatable, CustomStringConvertible {
    /// A results folder that does not exist.
    case noSuchFolder(String)
    /// A file a results folder must have, e.g. its metrics.csv.
    case missingFile(String)
    /// A file that exists but cannot be read or understood.
    case unreadable(path: String, reason: String)
    /// The folder is not inside a git working tree.
    case notAGitRepository(String)
    /// A revision git does not know.
    case unknownRevision(String)
    /// The folder has no files at the revision.
    case notInRevision(folder: String, revision: String)
    /// git could not be started, or failed.
    case gitFailed(command: String, reason: String)
    /// One side is a sweep (it has trials/) and the other a single run.
    case sweepAndRun(sweep: String, run: String)
    /// A run without the metric an overlay chart was asked for.
    case noSuchMetric(metric: String, run: String, available: [String])
    /// A result file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .noSuchFolder(let path):
            return "error: no results folder \(path)"
        case .missingFile(let path):
            return "error: \(path) is missing; is this a results folder, and has its run finished an epoch?"
        case .unreadable(let path, let reason):
            return "error: cannot read \(path): \(reason)"
        case .notAGitRepository(let path):
            return "error: \(path) is not in a git repository; compare two folders with `runner diff A B`"
        case .unknownRevision(let revision):
            return "error: unknown revision '\(revision)'"
        case .notInRevision(let folder, let revision):
            return "error: \(folder) has no committed results at \(revision); commit them first, or pick another --rev"
        case .gitFailed(let command, let reason):
            return "error: `\(command)` failed: \(reason)"
        case .sweepAndRun(let sweep, let run):
            return "error: \(sweep) is a sweep (it has trials/) but \(run) is a single run; compare like with like"
        case .noSuchMetric(let metric, let run, let available):
            return "error: \(run) has no metric \(metric); it has \(available.joined(separator: ", "))"
        case .cannotWrite(let path, let reason):
            return "error: cannot write \(path): \(reason)"
        }
    }
}
