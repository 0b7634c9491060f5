/// Whether a smaller or a larger value of a metric is better, judged from its name.
enum MetricGoal {
    case minimize, maximize

    /// `maximize` for accuracies, `minimize` for losses and perplexities, nil for anything else.
    init?(metric: String) {
        if metric.contains("accuracy") {
            self = .maximize
        } else if metric.contains("loss") || metric.contains("perplexity") {
            self = .minimize
        } else {
            return nil
        }
    }

    /// Whether `value` is strictly better than `incumbent`.
    func prefers(_ value: Double, over incumbent: Double) -> Bool {
        self == .minimize ? value < incumbent : value > incumbent
    }
}

/// The `summary.md` of a run: what a reader of the results folder sees first on a git host.
public struct RunSummary {
    public var experiment: String
    public var log: MetricsLog
    /// The metric the trainer watched to choose its best epoch, e.g. "val_loss".
    public var monitor: String
    /// The epoch the trainer kept as best, if it chose one.
    public var bestEpoch: Int?
    /// Further facts as key/value lines, in this order: dataset, parameter count, early stop, ...
    public var details: [(String, String)]
    /// File names of the charts to embed, e.g. "loss.svg", relative to the summary.
    public var charts: [String]

    public init(experiment: String, log: MetricsLog, monitor: String, bestEpoch: Int?,
                details: [(String, String)], charts: [String]) {
        self.experiment = experiment
        self.log = log
        self.monitor = monitor
        self.bestEpoch = bestEpoch
        self.details = details
        self.charts = charts
    }

    /// The summary as Markdown: a title; the best epoch and the monitored metric; the details as
    /// a list; a table with the final value of every metric, and for losses, perplexities and
    /// accuracies the best value (lowest, lowest, highest; the earliest on a tie) and its epoch;
    /// then the charts as images. Numbers have exactly `decimals` digits after the point.
    public func markdown(decimals: Int = 4) -> String {
        var lines = ["# \(experiment)", ""]
        lines.append(bestEpochSentence(decimals: decimals))
        lines.append("")
        if !details.isEmpty {
            lines += details.map { "- **\($0.0)**: \($0.1)" }
            lines.append("")
        }
        lines += ["| metric | final | best | best epoch |", "| --- | ---: | ---: | ---: |"]
        for column in log.columns {
            let values = log.values(of: column)
            guard let final = values.last else { continue }
            var cells = [column, final.value.fixed(decimals), "—", "—"]
            if let best = Self.best(of: values, column: column) {
                cells[2] = best.value.fixed(decimals)
                cells[3] = String(best.epoch)
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        for chart in charts {
            let name = chart.hasSuffix(".svg") ? String(chart.dropLast(4)) : chart
            lines += ["", "![\(name)](\(chart))"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Best epoch: 12 of 20, by lowest val_loss (0.3456)." or why there is none.
    private func bestEpochSentence(decimals: Int) -> String {
        guard let bestEpoch else { return "No best epoch was chosen (monitored metric: \(monitor))." }
        let of = log.rows.last.map { " of \($0.epoch)" } ?? ""
        let how = switch MetricGoal(metric: monitor) {
        case .minimize: "lowest "
        case .maximize: "highest "
        case nil: ""
        }
        let value = log.rows.first { $0.epoch == bestEpoch }?.values[monitor].map { " (\($0.fixed(decimals)))" } ?? ""
        return "Best epoch: **\(bestEpoch)**\(of), by \(how)\(monitor)\(value)."
    }

    /// The best finite value of a metric with a known goal, and the earliest epoch it was reached.
    static func best(of values: [(epoch: Int, value: Double)], column: String) -> (epoch: Int, value: Double)? {
        guard let goal = MetricGoal(metric: column) else { return nil }
        var best: (epoch: Int, value: Double)?
        for entry in values where entry.value.isFinite {
            if best == nil || goal.prefers(entry.value, over: best!.value) { best = entry }
        }
        return best
    }
}
