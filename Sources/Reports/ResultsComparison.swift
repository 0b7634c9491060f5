/// The final value of a metric in a run, and its best value with the epoch it was first reached.
public struct MetricOutcome: Equatable, Sendable {
    public var final: Double
    /// Nil for a metric with no notion of better (see `MetricGoal`).
    public var best: Double?
    public var bestEpoch: Int?

    /// The outcome of `column` in `log`, or nil when no epoch has a value for it.
    public init?(_ log: MetricsLog, column: String) {
        let values = log.values(of: column)
        guard let last = values.last else { return nil }
        final = last.value
        let best = RunSummary.best(of: values, column: column)
        self.best = best?.value
        bestEpoch = best?.epoch
    }
}

/// A key of `config.yaml` whose value differs between two runs; nil for a key one side lacks.
public struct ConfigChange: Equatable, Sendable {
    /// A dotted key such as "training.optimizer.learning_rate".
    public var key: String
    public var before: String?
    public var after: String?

    public init(key: String, before: String?, after: String?) {
        self.key = key
        self.before = before
        self.after = after
    }

    /// The keys whose values differ between two flattened configs: in the order of `after`,
    /// then the keys only `before` has, in its order.
    public static func between(_ before: [(key: String, value: String)],
                               _ after: [(key: String, value: String)]) -> [ConfigChange] {
        let old = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after, uniquingKeysWith: { first, _ in first })
        let changed = after.filter { old[$0.key] != $0.value }.map { ConfigChange(key: $0.key, before: old[$0.key], after: $0.value) }
        let removed = before.filter { new[$0.key] == nil }.map { ConfigChange(key: $0.key, before: $0.value, after: nil) }
        return changed + removed
    }
}

/// One run compared with another version of itself: an experiment's results, or one trial of
/// a sweep.
public struct RunComparison: Equatable, Sendable {
    /// The experiment's name, or the trial's id.
    public var name: String
    public var before: MetricsLog
    public var after: MetricsLog
    public var configChanges: [ConfigChange]

    public init(name: String, before: MetricsLog, after: MetricsLog, configChanges: [ConfigChange]) {
        self.name = name
        self.before = before
        self.after = after
        self.configChanges = configChanges
    }

    /// Whether any metric of any epoch, or any config key, differs.
    public var hasDifferences: Bool { before != after || !configChanges.isEmpty }

    /// The metric columns of either run: those of `after` in order, then any only `before` has.
    public var metrics: [String] {
        after.columns + before.columns.filter { !after.columns.contains($0) }
    }

    /// The epochs present in both runs whose values differ.
    public var changedEpochs: [Int] {
        let old = Dictionary(before.rows.map { ($0.epoch, $0.values) }, uniquingKeysWith: { a, _ in a })
        return after.rows.filter { row in old[row.epoch].map { $0 != row.values } ?? false }.map(\.epoch)
    }

    /// One line: the change of each validation metric's final value (of every metric with a
    /// goal when there is no validation), better or worse, then how many config keys changed:
    /// "val_loss −0.0100 (better), val_accuracy +0.0123 (better); 1 config key changed".
    public func verdict(decimals: Int) -> String {
        guard hasDifferences else { return "no difference" }
        let judged = metrics.filter { $0.hasPrefix("val_") }
        let shown = judged.isEmpty ? metrics.filter { MetricGoal(metric: $0) != nil } : judged
        var parts = shown.map { metric -> String in
            switch (MetricOutcome(before, column: metric), MetricOutcome(after, column: metric)) {
            case (nil, nil): return "\(metric) absent"
            case (nil, _): return "\(metric) new"
            case (_, nil): return "\(metric) gone"
            case let (old?, new?):
                let change = new.final - old.final
                guard Signed.isNonZero(change, decimals: decimals) else { return "\(metric) unchanged" }
                let judgement = MetricGoal(metric: metric).map { $0.prefers(new.final, over: old.final) ? " (better)" : " (worse)" } ?? ""
                return "\(metric) \(Signed.text(change, decimals: decimals))\(judgement)"
            }
        }.joined(separator: ", ")
        let (oldEpochs, newEpochs) = (before.rows.last?.epoch ?? 0, after.rows.last?.epoch ?? 0)
        if oldEpochs != newEpochs { parts += "; \(oldEpochs) → \(newEpochs) epochs" }
        let keys = configChanges.count
        parts += keys == 0 ? "; config unchanged" : "; \(keys) config key\(keys == 1 ? "" : "s") changed"
        return parts
    }
}

/// Two versions of a results folder compared: one run, or a sweep trial by trial.
public struct ResultsComparison: Equatable, Sendable {
    /// What the old side is, e.g. "HEAD:results/quickstart" or a folder's path.
    public var before: String
    /// What the new side is, e.g. "results/quickstart".
    public var after: String
    /// The runs present on both sides, in order (by trial id for a sweep).
    public var runs: [RunComparison]
    /// Trial ids only the new side has.
    public var addedTrials: [String]
    /// Trial ids only the old side has.
    public var removedTrials: [String]
    /// Digits after the point for values and changes (the runs' `output.decimals`).
    public var decimals: Int

    public init(before: String, after: String, runs: [RunComparison], addedTrials: [String] = [],
                removedTrials: [String] = [], decimals: Int = 4) {
        self.before = before
        self.after = after
        self.runs = runs
        self.addedTrials = addedTrials
        self.removedTrials = removedTrials
        self.decimals = decimals
    }

    /// Whether anything differs: a run, or the set of trials.
    public var hasDifferences: Bool {
        !addedTrials.isEmpty || !removedTrials.isEmpty || runs.contains(where: \.hasDifferences)
    }
}

/// Signed differences, written with "+" and a true minus sign "−" for people to read.
enum Signed {
    /// Whether `value` shows as something other than zero with `decimals` digits.
    static func isNonZero(_ value: Double, decimals: Int) -> Bool {
        value.magnitude.fixed(decimals) != 0.0.fixed(decimals)
    }

    /// "+0.0123", "−0.0100", "0.0000"; `minus` replaces the sign of negative values.
    static func text(_ value: Double, decimals: Int, minus: String = "−") -> String {
        let digits = value.magnitude.fixed(decimals)
        guard isNonZero(value, decimals: decimals) else { return digits }
        return (value < 0 ? minus : "+") + digits
    }
}
