import Datasets
import Engine
import Reports

/// What a finished (or early-stopped) training run produced.
struct TrainingOutcome {
    var log: MetricsLog
    var timing: TimingLog
    /// The epoch with the best value of the monitored metric.
    var bestEpoch: Int?
    /// The metric that decides the best epoch and early stopping.
    var monitor: String
    /// Set when early stopping ended the run before the last epoch.
    var stoppedAfter: Int?
}

/// Trains a built model on a dataset: seeded shuffling, mini-batches, one optimizer step per
/// batch, training and validation loss and accuracy per epoch, early stopping.
///
/// Training metrics are the means over the epoch's batches as they were trained (dropout on),
/// as Keras reports them; validation metrics come from an inference pass after the epoch.
final class Trainer {
    private let built: BuiltModel
    private let spec: TrainingSpec
    private let streams: RandomStreams
    private let optimizer: Optimizer

    init(built: BuiltModel, spec: TrainingSpec, streams: RandomStreams) {
        self.built = built
        self.spec = spec
        self.streams = streams
        self.optimizer = spec.optimizer.makeOptimizer()
    }

    /// The metric columns of this run, in the order they are written.
    static let columns = ["train_loss", "train_accuracy", "val_loss", "val_accuracy"]

    /// Trains for the spec's epochs (or until early stopping), calling `afterEpoch` with the
    /// log so far after every epoch so that results are on disk as the run goes.
    func fit(train: SequenceExamples, validation: SequenceExamples, observer: TrainingObserver?,
             afterEpoch: (TrainingOutcome) throws -> Void) throws -> TrainingOutcome {
        let monitor = spec.earlyStopping?.monitor ?? (validation.count > 0 ? "val_loss" : "train_loss")
        let maximize = spec.earlyStopping.map { $0.mode == "max" } ?? monitor.hasSuffix("accuracy")
        let minDelta = spec.earlyStopping?.minDelta ?? 0
        var outcome = TrainingOutcome(log: MetricsLog(columns: Self.columns), timing: TimingLog(),
                                      bestEpoch: nil, monitor: monitor)
        var best: Double? = nil
        var epochsWithoutImprovement = 0
        let batches = Batches(train)
        var order = Array(0..<train.count)
        let clock = ContinuousClock()

        for epoch in 1...spec.epochs {
            let started = clock.now
            optimizer.learningRate = spec.schedule.learningRate(initial: Float(spec.optimizer.learningRate), epoch: epoch - 1)
            if spec.shuffle { streams.shuffling.shuffle(&order) }
            let slices = Batches.slices(of: order, size: spec.batchSize)
            observer?.epochStarted(epoch, of: spec.epochs, batches: slices.count)

            var total = Accumulator()
            for (b, slice) in slices.enumerated() {
                let (inputs, targets) = batches.batch(slice)
                let logits = built.model.forward(inputs, training: true)
                let result = built.loss.evaluate(logits: logits, targets: targets)
                guard result.loss.isFinite else {
                    throw RunError.numericalFailure(epoch: epoch, batch: b + 1, loss: result.loss)
                }
                built.model.zeroGradients()
                built.model.backward(result.gradient)
                if let maxNorm = spec.clipNorm { clipGradients(built.model.trainableParameters, maxNorm: Float(maxNorm)) }
                optimizer.step(built.model.trainableParameters)
                total.add(result)
                observer?.batchFinished(b + 1, meanLoss: total.meanLoss)
            }

            var values = ["train_loss": total.meanLoss, "train_accuracy": total.accuracy]
            if validation.count > 0 {
                let v = evaluate(validation)
                values["val_loss"] = v.meanLoss
                values["val_accuracy"] = v.accuracy
            }
            let seconds = Double((clock.now - started) / .milliseconds(1)) / 1000
            let metrics = EpochMetrics(epoch: epoch, values: values)
            outcome.log.rows.append(metrics)
            outcome.timing.rows.append(EpochTiming(epoch: epoch, seconds: seconds, samples: train.count))
            observer?.epochFinished(metrics, seconds: seconds)

            let current = values[monitor]!
            if let b = best, maximize ? current <= b + minDelta : current >= b - minDelta {
                epochsWithoutImprovement += 1
            } else {
                best = current
                outcome.bestEpoch = epoch
                epochsWithoutImprovement = 0
            }
            try afterEpoch(outcome)
            if let patience = spec.earlyStopping?.patience, epochsWithoutImprovement >= patience, epoch < spec.epochs {
                outcome.stoppedAfter = epoch
                observer?.note("early stopping: \(monitor) has not improved for \(patience) epochs; best epoch \(outcome.bestEpoch!)")
                break
            }
        }
        return outcome
    }

    /// Loss and accuracy of the model on `examples` in inference mode.
    private func evaluate(_ examples: SequenceExamples) -> Accumulator {
        let batches = Batches(examples)
        var total = Accumulator()
        for slice in Batches.slices(of: Array(0..<examples.count), size: spec.batchSize) {
            let (inputs, targets) = batches.batch(slice)
            total.add(built.loss.evaluate(logits: built.model.forward(inputs, training: false), targets: targets))
        }
        return total
    }
}

/// Sums of loss and correct predictions over batches, weighted by their sizes.
private struct Accumulator {
    private var lossSum = 0.0
    private var correct = 0
    private var count = 0

    mutating func add(_ r: LossResult) {
        lossSum += Double(r.loss) * Double(r.count)
        correct += r.correct
        count += r.count
    }

    var meanLoss: Double { count > 0 ? lossSum / Double(count) : 0 }
    var accuracy: Double { count > 0 ? Double(correct) / Double(count) : 0 }
}
