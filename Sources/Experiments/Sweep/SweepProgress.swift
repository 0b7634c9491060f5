import Foundation

/// The progress of a sweep on standard error, one line per event, so that it reads the same
/// in a terminal and in a log: the plan, each trial started, skipped, finished with its metric,
/// or failed with its error.
struct SweepProgress {
    let total: Int

    /// "[3/8] units=32,lr=0.001: " before each trial's news.
    private func prefix(_ trial: Trial) -> String {
        let width = String(total).count
        let number = String(trial.number)
        return "[" + String(repeating: " ", count: width - number.count) + "\(number)/\(total)] \(trial.id): "
    }

    func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func skipped(_ trial: Trial) {
        note(prefix(trial) + "skipped, finished earlier with the same spec")
    }

    func started(_ trial: Trial, resuming: Bool) {
        note(prefix(trial) + (resuming ? "resuming from its checkpoint" : "started"))
    }

    func finished(_ trial: Trial, seconds: Double, result: String) {
        note(prefix(trial) + "finished in \(String(format: "%.1f", seconds))s" + (result.isEmpty ? "" : ", " + result))
    }

    func failed(_ trial: Trial, reason: String) {
        note(prefix(trial) + "failed: " + reason)
    }

    func interrupted(_ trial: Trial) {
        note(prefix(trial) + "interrupted")
    }
}
