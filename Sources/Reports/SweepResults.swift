/// One trial of a sweep, as its results folder holds it.
public struct SweepTrial: Sendable {
    /// Its position in the sweep, from 1.
    public var number: Int
    /// Its id, e.g. "units=32,lr=0.001", also the name of its folder under `trials/`.
    public var id: String
    /// The name of each parameter's value, by parameter key, in the sweep's order.
    public var parameters: [(key: String, label: String)]
    /// Whether the trial stopped with an error.
    public var failed: Bool
    /// The first line of the error of a failed trial.
    public var error: String?
    /// Its metrics; nil when it wrote none.
    public var log: MetricsLog?
    /// The metric that chose its best epoch, e.g. "val_loss".
    public var monitor: String
    public var bestEpoch: Int?

    public init(number: Int, id: String, parameters: [(key: String, label: String)], failed: Bool, error: String?,
                log: MetricsLog?, monitor: String, bestEpoch: Int?) {
        self.number = number
        self.id = id
        self.parameters = parameters
        self.failed = failed
        self.error = error
        self.log = log
        self.monitor = monitor
        self.bestEpoch = bestEpoch
    }

    /// The value of `monitor` at the best epoch.
    var bestValue: Double? {
        guard let bestEpoch else { return nil }
        return log?.rows.first { $0.epoch == bestEpoch }?.values[monitor]
    }
}

/// A sweep's own files, made from its trials' results: `sweep.csv` (one row per trial),
/// `sweep.svg` (the trials ranked, and their curves) and `summary.md` (best trial first). The
/// same trials always give the same bytes; nothing depends on time or machine.
public struct SweepResults: Sendable {
    /// The experiment's name.
    public var name: String
    /// The trials, in the order of their numbers.
    public var trials: [SweepTrial]
    /// Digits after the point of every number.
    public var decimals: Int

    public init(name: String, trials: [SweepTrial], decimals: Int) {
        self.name = name
        self.trials = trials.sorted { ($0.number, $0.id) < ($1.number, $1.id) }
        self.decimals = decimals
    }

    /// The metric trials are ranked by: the first trial's monitored metric.
    public var monitor: String { trials.first?.monitor ?? "val_loss" }

    /// The trials that finished with a value of `monitor` at their best epoch, best first (the
    /// earlier trial first on a tie).
    public var ranked: [SweepTrial] {
        let goal = MetricGoal(metric: monitor) ?? .minimize
        return trials.filter { !$0.failed && $0.monitor == monitor && $0.bestValue?.isFinite == true }
            .enumerated().sorted { a, b in
                let x = a.element.bestValue!, y = b.element.bestValue!
                return x != y ? goal.prefers(x, over: y) : a.offset < b.offset
            }.map(\.element)
    }

    /// The parameter keys of the trials, in order of first appearance.
    var keys: [String] {
        var keys: [String] = []
        for trial in trials { keys += trial.parameters.map(\.key).filter { !keys.contains($0) } }
        return keys
    }

    /// The metric columns of the trials, in order of first appearance.
    var metrics: [String] {
        var metrics: [String] = []
        for trial in trials { metrics += (trial.log?.columns ?? []).filter { !metrics.contains($0) } }
        return metrics
    }

    /// `sweep.csv`, `sweep.svg` and `summary.md`.
    public func files() -> [(fileName: String, text: String)] {
        [("sweep.csv", csv()), ("sweep.svg", SweepChart(results: self).svg()), ("summary.md", summary())]
    }

    /// One row per trial in order: the trial's id (quoted: it holds commas), the label of each
    /// parameter, its status, the epochs it ran, its best epoch, and the final and best value of
    /// every metric, each with `decimals` digits after the point.
    public func csv() -> String {
        let metrics = self.metrics
        let header = ["trial"] + keys + ["status", "epochs", "best_epoch"] + metrics.flatMap { ["final_" + $0, "best_" + $0] }
        let rows = trials.map { trial -> [String] in
            let labels = Dictionary(trial.parameters, uniquingKeysWith: { first, _ in first })
            var row = ["\"\(trial.id)\""] + keys.map { labels[$0] ?? "" }
            row += [trial.failed ? "failed" : "finished", trial.log?.rows.last.map { String($0.epoch) } ?? "0",
                    trial.bestEpoch.map(String.init) ?? ""]
            for metric in metrics {
                let outcome = trial.log.flatMap { MetricOutcome($0, column: metric) }
                row += [outcome?.final.fixed(decimals) ?? "", outcome?.best?.fixed(decimals) ?? ""]
            }
            return row
        }
        return CSVText.render(header: header, rows: rows)
    }

    /// The summary: the ranking as a table, best trial first, each linked to its own summary;
    /// the failed trials with their errors; then the chart.
    public func summary() -> String {
        let ranked = self.ranked
        let finished = trials.filter { !$0.failed }.count, failed = trials.count - finished
        let goal = MetricGoal(metric: monitor) == .maximize ? "highest" : "lowest"
        var lines = ["# \(name)", ""]
        lines.append("A sweep of \(trials.count) trials, ranked by best \(monitor) (\(goal) first): "
            + "\(finished) finished" + (failed > 0 ? ", \(failed) failed." : "."))
        if let best = ranked.first {
            lines += ["", "Best trial: **\(best.id)**, \(monitor) \(best.bestValue!.fixed(decimals)) at epoch \(best.bestEpoch!)."]
        }
        let finals = metrics.filter { $0.hasPrefix("val_") }.isEmpty ? metrics : metrics.filter { $0.hasPrefix("val_") }
        let keys = self.keys
        lines += ["", "| rank | trial | " + (keys + ["best \(monitor)", "best epoch"] + finals.map { "final \($0)" })
                    .joined(separator: " | ") + " |",
                  "| ---: | --- | " + (keys.map { _ in "---" } + Array(repeating: "---:", count: finals.count + 2))
                    .joined(separator: " | ") + " |"]
        for (rank, trial) in ranked.enumerated() {
            let labels = Dictionary(trial.parameters, uniquingKeysWith: { first, _ in first })
            var cells = ["\(rank + 1)", "[\(trial.id)](trials/\(trial.id)/summary.md)"] + keys.map { labels[$0] ?? "" }
            cells += [trial.bestValue!.fixed(decimals), "\(trial.bestEpoch!)"]
            cells += finals.map { metric in trial.log?.values(of: metric).last?.value.fixed(decimals) ?? "—" }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let unranked = trials.filter { trial in !ranked.contains { $0.id == trial.id } }
        if !unranked.isEmpty {
            lines += ["", "Not ranked:", ""]
            lines += unranked.map { trial in
                trial.failed ? "- `\(trial.id)` failed: \(trial.error ?? "no error recorded") ([error.txt](trials/\(trial.id)/error.txt))"
                    : "- `\(trial.id)` has no \(monitor) at a best epoch"
            }
        }
        lines += ["", "![sweep](sweep.svg)"]
        return lines.joined(separator: "\n") + "\n"
    }
}
