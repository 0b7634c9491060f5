/// The files of a run that are made from its metrics alone: the standard charts and
/// `summary.md`. Training writes them after every epoch and `runner report` rebuilds them from
/// `metrics.csv`, both through here, so the two always give the same bytes.
public struct RunReport {
    public var experiment: String
    public var log: MetricsLog
    /// The metric that chose the best epoch, e.g. "val_loss".
    public var monitor: String
    public var bestEpoch: Int?
    /// Facts for the summary's list (dataset, classes, parameters), in order.
    public var details: [(String, String)]
    /// Set when early stopping ended the run after this epoch; adds a "Stopped early" detail.
    public var stoppedAfter: Int?
    /// Digits after the point in the summary's numbers.
    public var decimals: Int

    public init(experiment: String, log: MetricsLog, monitor: String, bestEpoch: Int?,
                details: [(String, String)], stoppedAfter: Int?, decimals: Int) {
        self.experiment = experiment
        self.log = log
        self.monitor = monitor
        self.bestEpoch = bestEpoch
        self.details = details
        self.stoppedAfter = stoppedAfter
        self.decimals = decimals
    }

    /// The charts of `Charts.standard`, then "summary.md" embedding them, all drawn from the
    /// values as `metrics.csv` holds them (rounded to `decimals`), so that rebuilding them from
    /// that file gives the same bytes.
    public func files() -> [(fileName: String, text: String)] {
        let log = MetricsLog(columns: self.log.columns, rows: self.log.rows.map { row in
            EpochMetrics(epoch: row.epoch, values: row.values.mapValues { Double($0.fixed(decimals)) ?? $0 })
        })
        let charts = Charts.standard(for: log, experiment: experiment)
        var lines = details
        if let stoppedAfter { lines.append(("Stopped early", "after epoch \(stoppedAfter)")) }
        let summary = RunSummary(experiment: experiment, log: log, monitor: monitor, bestEpoch: bestEpoch,
                                 details: lines, charts: charts.map(\.fileName))
        return charts.map { (fileName: $0.fileName, text: $0.svg) }
            + [(fileName: "summary.md", text: summary.markdown(decimals: decimals))]
    }

    /// The best epoch a `summary.md` this type wrote records ("Best epoch: **12** of 20, ..."),
    /// if it names one.
    public static func bestEpoch(inSummary markdown: String) -> Int? {
        guard let start = markdown.range(of: "Best epoch: **"),
              let end = markdown[start.upperBound...].range(of: "**") else { return nil }
        return Int(markdown[start.upperBound..<end.lowerBound])
    }

    /// The details listed in a `summary.md` this type wrote: its "- **Label**: value" lines,
    /// the early-stopping line among them.
    public static func details(inSummary markdown: String) -> [(String, String)] {
        markdown.split(separator: "\n").compactMap { line -> (String, String)? in
            guard line.hasPrefix("- **"), let end = line.range(of: "**: ") else { return nil }
            let label = line[line.index(line.startIndex, offsetBy: 4)..<end.lowerBound]
            return (String(label), String(line[end.upperBound...]))
        }
    }
}
