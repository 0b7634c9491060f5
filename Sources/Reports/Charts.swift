/// The charts every run gets.
public enum Charts {
    /// The kinds of metric that get a chart, each from its "train_" and "val_" columns, with the
    /// range its axis keeps to.
    static let kinds: [(metric: String, yLimits: ClosedRange<Double>)] = [
        ("loss", 0...Double.infinity),
        ("accuracy", 0...1),
        ("perplexity", 0...Double.infinity),
    ]

    /// The standard charts of a run from its log: "loss.svg" (train_loss and val_loss),
    /// "accuracy.svg" (if accuracy columns exist), "perplexity.svg" (if perplexity columns
    /// exist); each against the epoch, titled "<experiment> — <metric>", with the training curve
    /// solid and the validation curve dashed.
    public static func standard(for log: MetricsLog, experiment: String) -> [(fileName: String, svg: String)] {
        kinds.compactMap { kind in
            let lines = [("train", false), ("validation", true)].compactMap { name, dashed -> LineChart.Series? in
                let column = (dashed ? "val_" : "train_") + kind.metric
                guard log.columns.contains(column) else { return nil }
                let points = log.values(of: column).map { (x: Double($0.epoch), y: $0.value) }
                return LineChart.Series(name: name, points: points, dashed: dashed)
            }
            guard !lines.isEmpty else { return nil }
            let chart = LineChart(title: "\(experiment) — \(kind.metric)", xLabel: "epoch", yLabel: kind.metric,
                                  series: lines, yLimits: kind.yLimits)
            return (fileName: kind.metric + ".svg", svg: chart.svg())
        }
    }
}
