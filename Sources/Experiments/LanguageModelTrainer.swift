import Engine
import Foundation
import Reports

/// Trains a language model on a token stream: a softmax over the vocabulary at every step, one
/// optimizer step per batch of windows, and per epoch the loss per token and the perplexity
/// (its exponent) on the training windows and on the validation stream.
///
/// `sampling: consecutive` reads the stream as `batch_size` parallel streams and carries every
/// recurrent layer's state from one batch to the next as a plain value, so back-propagation
/// stops at the batch's first step (truncated BPTT); the state starts from zeros at each epoch.
/// `sampling: random` trains on independent windows in a shuffled order, each from a zero state.
/// Evaluation always reads consecutive streams, every token but the first predicted once.
final class LanguageModelTrainer {
    private let built: BuiltModel
    private let spec: TrainingSpec
    private let streams: RandomStreams
    private let reduction: LossReduction
    /// Measures every epoch's sections when enabled; the model's layers report to it.
    private let profiler: Profiler
    let optimizer: Optimizer

    /// A trainer of `built`; with `profiling`, every epoch's time is broken down by section.
    init(built: BuiltModel, spec: TrainingSpec, streams: RandomStreams, profiling: Bool = false) {
        self.built = built
        self.spec = spec
        self.streams = streams
        self.profiler = Profiler(enabled: profiling)
        built.model.profiler = profiler
        self.reduction = spec.lossReduction == "sum_over_steps" ? .sumOverSteps : .mean
        self.optimizer = spec.optimizer.makeOptimizer()
    }

    /// The metric columns of a language model, in the order they are written.
    static let columns = ["train_loss", "train_perplexity", "val_loss", "val_perplexity"]

    /// Trains for the spec's epochs (or until early stopping), calling `afterEpoch` with the log
    /// so far after every epoch. After every batch it asks `shouldStop`; when that says yes it
    /// throws `RunError.interrupted` (a language model's run keeps its results so far but cannot
    /// be resumed).
    func fit(train: [Int32], validation: [Int32], observer: TrainingObserver?, shouldStop: () -> Bool = { false },
             afterEpoch: (TrainingOutcome) throws -> Void) throws -> TrainingOutcome {
        let windowCount = TokenWindows.windowCount(train, steps: spec.steps)
        let monitor = spec.earlyStopping?.monitor ?? (validation.count > 1 ? "val_loss" : "train_loss")
        var state = TrainingState(exampleCount: windowCount, outcome: TrainingOutcome(
            log: MetricsLog(columns: Self.columns), timing: TimingLog(), bestEpoch: nil, monitor: monitor))

        while state.epoch <= spec.epochs {
            let epoch = state.epoch
            var clock = EpochClock(profiler: profiler)
            optimizer.learningRate = spec.schedule.learningRate(initial: Float(spec.optimizer.learningRate), epoch: epoch - 1)
            let windows: TokenWindows
            if spec.sampling == "random" {
                streams.shuffling.shuffle(&state.order)
                windows = .random(train, rows: spec.batchSize, steps: spec.steps, order: state.order)
            } else {
                windows = .consecutive(train, rows: spec.batchSize, steps: spec.steps, partial: false)
            }
            guard windows.count > 0 else {
                throw RunError.corpusTooShort(tokens: train.count, batchSize: spec.batchSize, steps: spec.steps)
            }
            observer?.epochStarted(epoch, of: spec.epochs, batches: windows.count)
            built.model.resetRecurrentStates()

            for b in 0..<windows.count {
                if spec.sampling == "random" { built.model.resetRecurrentStates() } else if b > 0 { built.model.carryRecurrentStates() }
                let (inputs, targets) = clock.data { windows.batch(b) }
                let result = try clock.model {
                    try forwardBackward(built, inputs, targets, reduction: reduction, epoch: epoch, batch: b + 1)
                }
                clock.optimizer { step(optimizer, built.model, clipNorm: spec.clipNorm) }
                state.total.add(lossSum: tokenLossSum(result, batch: inputs.shape[0]), count: result.count)
                observer?.batchFinished(b + 1, meanLoss: state.total.meanLoss)
                if shouldStop() { throw RunError.interrupted(epoch: epoch, batch: b + 1) }
            }

            var values = Self.metrics("train", meanLoss: state.total.meanLoss)
            if validation.count > 1 {
                values.merge(Self.metrics("val", meanLoss: clock.evaluation { evaluate(validation) }), uniquingKeysWith: { $1 })
            }
            let metrics = EpochMetrics(epoch: epoch, values: values)
            let timing = clock.timing(epoch: epoch, samples: state.total.count)
            state.outcome.log.rows.append(metrics)
            state.outcome.timing.rows.append(timing)
            observer?.epochFinished(metrics, seconds: timing.seconds)
            state.outcome.record(clock.profile(epoch: epoch), observer: observer)
            let stopsEarly = state.finishEpoch(values, spec: spec, observer: observer)
            try afterEpoch(state.outcome)
            if stopsEarly { break }
        }
        return state.outcome
    }

    /// The mean loss per token of the model on `stream`, read as consecutive streams from a
    /// zero state in inference mode.
    func evaluate(_ stream: [Int32]) -> Double {
        let rows = max(1, min(spec.batchSize, stream.count / 2))
        let windows = TokenWindows.consecutive(stream, rows: rows, steps: spec.steps, partial: true)
        var total = Accumulator()
        built.model.resetRecurrentStates()
        for b in 0..<windows.count {
            if b > 0 { built.model.carryRecurrentStates() }
            let (inputs, targets) = windows.batch(b)
            let result = built.loss.evaluate(logits: built.model.forward(inputs, training: false), targets: targets,
                                             reduction: reduction)
            total.add(lossSum: tokenLossSum(result, batch: inputs.shape[0]), count: result.count)
        }
        built.model.resetRecurrentStates()
        return total.meanLoss
    }

    /// The sum of the per-token losses behind `result`, undoing its reduction.
    private func tokenLossSum(_ result: LossResult, batch: Int) -> Double {
        Double(result.loss) * Double(reduction == .mean ? result.count : batch)
    }

    /// `<split>_loss` and `<split>_perplexity` for a mean loss per token.
    private static func metrics(_ split: String, meanLoss: Double) -> [String: Double] {
        ["\(split)_loss": meanLoss, "\(split)_perplexity": exp(meanLoss)]
    }
}
