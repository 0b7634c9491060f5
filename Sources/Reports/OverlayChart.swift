/// One metric of several runs in one chart, e.g. the validation loss of two learning rates.
public enum OverlayChart {
    /// A chart of `metric` against the epoch, one solid line per run in its own colour, labelled
    /// with the run's name, in the order given. The y axis keeps to the metric's range (0...1 for
    /// accuracies, at least 0 for losses and perplexities).
    public static func svg(runs: [(name: String, log: MetricsLog)], metric: String) -> String {
        let series = runs.map { run in
            LineChart.Series(name: run.name, points: run.log.values(of: metric).map { (x: Double($0.epoch), y: $0.value) })
        }
        let limits = Charts.kinds.first { metric.hasSuffix($0.metric) }?.yLimits ?? -Double.infinity...Double.infinity
        return LineChart(title: "\(metric) by run", xLabel: "epoch", yLabel: metric, series: series, yLimits: limits).svg()
    }
}
