/// What stops a sweep, or a trial of one, from running as asked.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    /// `--trial` named a trial the sweep does not have; `nearest` is a likely intended id.
    case unknownTrial(file: String, id: String, nearest: String?)
    /// An option that only sweeps take (`--trial`, `--jobs`, `--force`, `--list`) on a file without `sweep:`.
    case notASweep(file: String, option: String)
    /// `--resume` on a whole sweep, which resumes by itself.
    case resumeOnSweep(file: String)
    /// Trials that failed; the others ran to their end. `folder` is the sweep's results folder.
    case trialsFailed(ids: [String], of: Int, folder: String)
    /// SIGINT or SIGTERM stopped the sweep; the trials that were running stopped after their batch.
    case interrupted(folder: String)

    /// Whether the error is in what was asked (exit status 2) rather than in running it.
    public var isConfigurationProblem: Bool {
        switch self {
        case .unknownTrial, .notASweep, .resumeOnSweep: return true
        case .trialsFailed, .interrupted: return false
        }
    }

    public var description: String {
        switch self {
        case .unknownTrial(let file, let id, let nearest):
            return "\(file): error: the sweep has no trial `\(id)`" + (nearest.map { " (did you mean `\($0)`?)" } ?? "")
                + "; `runner sweep \(file) --list` prints its trials"
        case .notASweep(let file, let option):
            return "\(file): error: \(option) applies to sweeps, and the file has no `sweep:` section"
        case .resumeOnSweep(let file):
            return "\(file): error: a sweep resumes by itself: running it again skips the trials that finished and "
                + "resumes the interrupted ones; leave out --resume (or give --trial ID to resume one trial)"
        case .trialsFailed(let ids, let total, let folder):
            return "error: \(ids.count) of \(total) trials failed: " + ids.joined(separator: "; ")
                + "; their errors are in \(folder)/trials/<id>/error.txt, and running the sweep again runs them again"
        case .interrupted(let folder):
            return "interrupted; the finished trials are kept in \(folder)/. Run the sweep again to run the others."
        }
    }
}
