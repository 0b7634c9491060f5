import Datasets
import Engine
import Reports

/// What a finished (or early-stopped) training run produced.
struct TrainingOutcome: Equatable {
    var log: MetricsLog
    var timing: TimingLog
    /// Where each epoch's time went; empty unless profiling.
    var profile = ProfileLog()
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
    /// Measures every epoch's sections when enabled; the model's layers report to it.
    private let profiler: Profiler
    /// The optimizer, whose state a checkpoint saves.
    let optimizer: Optimizer

    /// A trainer of `built`; with `profiling`, every epoch's time is broken down by section.
    init(built: BuiltModel, spec: TrainingSpec, streams: RandomStreams, profiling: Bool = false) {
        self.built = built
        self.spec = spec
        self.streams = streams
        self.profiler = Profiler(enabled: profiling)
        built.model.profiler = profiler
        self.optimizer = spec.optimizer.makeOptimizer()
    }

    /// The metric columns of this run, in the order they are written.
    static let columns = ["train_loss", "train_accuracy", "val_loss", "val_accuracy"]

    /// The state of a run that has not started.
    func initialState(train: SequenceExamples, validation: SequenceExamples) -> TrainingState {
        let monitor = spec.earlyStopping?.monitor ?? (validation.count > 0 ? "val_loss" : "train_loss")
        return TrainingState(exampleCount: train.count, outcome: TrainingOutcome(
            log: MetricsLog(columns: Self.columns), timing: TimingLog(), bestEpoch: nil, monitor: monitor))
    }

    /// Trains from `state` (a new run's, or one restored from a checkpoint) for the spec's
    /// epochs or until early stopping, calling `afterEpoch` with the log so far after every epoch
    /// so that results are on disk as the run goes.
    ///
    /// After every batch it asks `shouldStop`; when that says yes, it calls `onInterrupt` with
    /// the state from which `fit` can carry on exactly, and throws `RunError.interrupted`.
    func fit(from start: TrainingState, train: SequenceExamples, validation: SequenceExamples,
             observer: TrainingObserver?, shouldStop: () -> Bool = { false },
             onInterrupt: (TrainingState) throws -> Void = { _ in },
             afterEpoch: (TrainingOutcome) throws -> Void) throws -> TrainingOutcome {
        var state = start
        let batches = Batches(train)

        while state.epoch <= spec.epochs {
            let epoch = state.epoch
            var clock = EpochClock(profiler: profiler)
            optimizer.learningRate = spec.schedule.learningRate(initial: Float(spec.optimizer.learningRate), epoch: epoch - 1)
            if state.nextBatch == 0 && spec.shuffle { streams.shuffling.shuffle(&state.order) }
            let slices = Batches.slices(of: state.order, size: spec.batchSize)
            observer?.epochStarted(epoch, of: spec.epochs, batches: slices.count)

            while state.nextBatch < slices.count {
                let b = state.nextBatch
                let (inputs, targets) = clock.data { batches.batch(slices[b]) }
                let result = try clock.model { try forwardBackward(built, inputs, targets, epoch: epoch, batch: b + 1) }
                clock.optimizer { step(optimizer, built.model, clipNorm: spec.clipNorm) }
                state.total.add(result)
                state.nextBatch += 1
                observer?.batchFinished(b + 1, meanLoss: state.total.meanLoss)
                if shouldStop() && state.nextBatch < slices.count {
                    try onInterrupt(state)
                    throw RunError.interrupted(epoch: epoch, batch: b + 1)
                }
            }

            var values = ["train_loss": state.total.meanLoss, "train_accuracy": state.total.accuracy]
            if validation.count > 0 {
                let v = clock.evaluation { evaluate(validation) }
                values["val_loss"] = v.meanLoss
                values["val_accuracy"] = v.accuracy
            }
            let metrics = EpochMetrics(epoch: epoch, values: values)
            let timing = clock.timing(epoch: epoch, samples: train.count)
            state.outcome.log.rows.append(metrics)
            state.outcome.timing.rows.append(timing)
            observer?.epochFinished(metrics, seconds: timing.seconds)
            state.outcome.record(clock.profile(epoch: epoch), observer: observer)

            let stopsEarly = state.finishEpoch(values, spec: spec, observer: observer)
            try afterEpoch(state.outcome)
            if stopsEarly { break }
            if shouldStop() && state.epoch <= spec.epochs {
                try onInterrupt(state)
                throw RunError.interrupted(epoch: epoch, batch: slices.count)
            }
        }
        return state.outcome
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
