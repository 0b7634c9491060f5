import Engine
import Reports

/// Everything a training run needs to go on exactly where it stopped: the epoch and batch it
/// had reached, the order of the epoch's examples, the partial sums of its metrics, the
/// early-stopping bookkeeping and the log so far. With the model's parameters, the optimizer's
/// state and the random streams (saved beside it in the checkpoint), a resumed run computes the
/// same numbers as one that was never interrupted.
struct TrainingState: Equatable {
    /// The epoch in progress (1-based).
    var epoch = 1
    /// The next batch of that epoch to train; 0 when the epoch has not started (not yet shuffled).
    var nextBatch = 0
    /// The order of the training examples; shuffled in place at the start of every epoch.
    var order: [Int]
    /// The sums over the epoch's batches trained so far.
    var total = Accumulator()
    /// The best value of the monitored metric so far.
    var best: Double?
    var epochsWithoutImprovement = 0
    var outcome: TrainingOutcome

    init(exampleCount: Int, outcome: TrainingOutcome) {
        order = Array(0..<exampleCount)
        self.outcome = outcome
    }
}

extension TrainingState {
    /// Records the finished epoch's metrics `values`: the best epoch of the monitored metric,
    /// the epochs without improvement, and the move to the next epoch. Returns whether early
    /// stopping ends the run here.
    mutating func finishEpoch(_ values: [String: Double], spec: TrainingSpec, observer: TrainingObserver?) -> Bool {
        let monitor = outcome.monitor, current = values[monitor]!
        let maximize = spec.earlyStopping.map { $0.mode == "max" } ?? monitor.hasSuffix("accuracy")
        let minDelta = spec.earlyStopping?.minDelta ?? 0
        if let b = best, maximize ? current <= b + minDelta : current >= b - minDelta {
            epochsWithoutImprovement += 1
        } else {
            best = current
            outcome.bestEpoch = epoch
            epochsWithoutImprovement = 0
        }
        let finished = epoch
        epoch += 1
        nextBatch = 0
        total = Accumulator()
        guard let patience = spec.earlyStopping?.patience, epochsWithoutImprovement >= patience, finished < spec.epochs else {
            return false
        }
        outcome.stoppedAfter = finished
        observer?.note("early stopping: \(monitor) has not improved for \(patience) epochs; best epoch \(outcome.bestEpoch!)")
        return true
    }
}

/// Sums of loss and correct predictions over batches, weighted by their sizes.
struct Accumulator: Equatable {
    var lossSum = 0.0
    var correct = 0
    var count = 0

    mutating func add(_ r: LossResult) {
        lossSum += Double(r.loss) * Double(r.count)
        correct += r.correct
        count += r.count
    }

    /// Adds the losses of `count` predictions summing to `lossSum` (a language model's tokens).
    mutating func add(lossSum: Double, count: Int) {
        self.lossSum += lossSum
        self.count += count
    }

    var meanLoss: Double { count > 0 ? lossSum / Double(count) : 0 }
    var accuracy: Double { count > 0 ? Double(correct) / Double(count) : 0 }
}

// MARK: - Saving in a checkpoint's metadata

extension TrainingState {
    /// The state as checkpoint metadata: plain strings, every Double written so that it reads
    /// back to the same bits.
    func metadata(streams: RandomStreams) -> [String: String] {
        var m: [String: String] = [
            "trainer.epoch": String(epoch), "trainer.next_batch": String(nextBatch),
            "trainer.order": order.map(String.init).joined(separator: ","),
            "trainer.loss_sum": String(total.lossSum), "trainer.correct": String(total.correct),
            "trainer.count": String(total.count),
            "trainer.without_improvement": String(epochsWithoutImprovement),
            "trainer.log": outcome.log.rows.map { row in
                String(row.epoch) + ";" + row.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            }.joined(separator: "\n"),
            "trainer.timing": outcome.timing.rows.map { "\($0.epoch);\($0.seconds);\($0.trainSeconds);\($0.samplesPerSecond)" }.joined(separator: "\n"),
        ]
        if let best { m["trainer.best"] = String(best) }
        if let bestEpoch = outcome.bestEpoch { m["trainer.best_epoch"] = String(bestEpoch) }
        for (name, stream) in streams.named { m["random.\(name)"] = stream.state.map(String.init).joined(separator: ",") }
        return m
    }

    /// The state saved by `metadata(streams:)`, restoring the streams' positions too; nil when
    /// the metadata is not a trainer's (`file` names the checkpoint in the error).
    init(metadata m: [String: String], outcome: TrainingOutcome, streams: RandomStreams, file: String) throws {
        func value<T: LosslessStringConvertible>(_ key: String) throws -> T {
            guard let text = m[key], let v = T(text) else { throw RunError.badCheckpoint(path: file, key: key) }
            return v
        }
        func list<T: LosslessStringConvertible>(_ key: String, _ separator: Character = ",") throws -> [T] {
            guard let text = m[key] else { throw RunError.badCheckpoint(path: file, key: key) }
            return try text.split(separator: separator).map {
                guard let v = T(String($0)) else { throw RunError.badCheckpoint(path: file, key: key) }
                return v
            }
        }
        self.init(exampleCount: 0, outcome: outcome)
        epoch = try value("trainer.epoch")
        nextBatch = try value("trainer.next_batch")
        order = try list("trainer.order")
        total = Accumulator(lossSum: try value("trainer.loss_sum"), correct: try value("trainer.correct"),
                            count: try value("trainer.count"))
        epochsWithoutImprovement = try value("trainer.without_improvement")
        best = m["trainer.best"].flatMap(Double.init)
        self.outcome.bestEpoch = m["trainer.best_epoch"].flatMap(Int.init)
        for line in (m["trainer.log"] ?? "").split(separator: "\n") {
            let fields = line.split(separator: ";")
            guard let epoch = Int(fields[0]) else { throw RunError.badCheckpoint(path: file, key: "trainer.log") }
            var values: [String: Double] = [:]
            for field in fields.dropFirst() {
                let pair = field.split(separator: "=")
                guard pair.count == 2, let v = Double(pair[1]) else { throw RunError.badCheckpoint(path: file, key: "trainer.log") }
                values[String(pair[0])] = v
            }
            self.outcome.log.rows.append(EpochMetrics(epoch: epoch, values: values))
        }
        for line in (m["trainer.timing"] ?? "").split(separator: "\n") {
            let f = line.split(separator: ";").compactMap { Double($0) }
            guard f.count == 4 else { throw RunError.badCheckpoint(path: file, key: "trainer.timing") }
            self.outcome.timing.rows.append(EpochTiming(epoch: Int(f[0]), seconds: f[1], trainSeconds: f[2], samplesPerSecond: f[3]))
        }
        for (name, stream) in streams.named {
            let state: [UInt64] = try list("random.\(name)")
            guard state.count == stream.state.count else { throw RunError.badCheckpoint(path: file, key: "random.\(name)") }
            stream.state = state
        }
    }
}

extension RandomStreams {
    /// Every stream with a stable name, for checkpoints.
    var named: [(String, RandomStream)] {
        [("initialization", initialization), ("shuffling", shuffling), ("dropout", dropout), ("sampling", sampling)]
    }
}
