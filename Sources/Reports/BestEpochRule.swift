/// How training chooses its best epoch: the first epoch, then every epoch whose monitored
/// metric improves on the best so far by more than `minDelta`.
public struct BestEpochRule: Sendable {
    /// The metric watched, e.g. "val_loss".
    public var monitor: String
    /// Larger values are better (accuracies); otherwise smaller ones are (losses).
    public var maximize: Bool
    public var minDelta: Double

    public init(monitor: String, maximize: Bool, minDelta: Double = 0) {
        self.monitor = monitor
        self.maximize = maximize
        self.minDelta = minDelta
    }

    /// The best epoch of `log` by this rule, or nil when no epoch has the monitored metric.
    public func bestEpoch(in log: MetricsLog) -> Int? {
        var best: (epoch: Int, value: Double)?
        for (epoch, value) in log.values(of: monitor) {
            if let b = best, maximize ? value <= b.value + minDelta : value >= b.value - minDelta { continue }
            best = (epoch, value)
        }
        return best?.epoch
    }
}
