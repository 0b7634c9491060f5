/// How the model is fitted (the `training:` section).
public struct TrainingSpec: Equatable, Sendable {
    /// At least 1. Default 10.
    public var epochs: Int
    /// `batch_size`: at least 1. Default 32, as in Keras.
    public var batchSize: Int
    /// Shuffle the training examples every epoch. Default true.
    public var shuffle: Bool
    /// Default RMSprop, as Keras's `compile` has it.
    public var optimizer: OptimizerSpec
    /// `clip_norm`: rescale the gradients when their global norm exceeds this (> 0); nil: no clipping.
    public var clipNorm: Double?
    /// `lr_schedule`: nil keeps the learning rate constant.
    public var lrSchedule: LRScheduleSpec?
    /// `early_stopping`: nil runs every epoch.
    public var earlyStopping: EarlyStoppingSpec?
    /// `loss_reduction`: `mean` (over every prediction) or `sum_over_steps` (summed over time,
    /// averaged over the batch, as the PTB recipes clip it). Default `mean`.
    public var lossReduction: String
    /// `checkpoint`: which model parameters to save as safetensors in the results folder: `none`,
    /// `best` (`model.safetensors` at the best epoch), `last` (`model.safetensors` after every
    /// epoch) or `every_epoch` (`model_epoch_<n>.safetensors`). Default `none`.
    public var checkpoint: String
    /// `sampling` (language models): `consecutive` (the corpus as `batch_size` streams whose
    /// state carries from batch to batch) or `random` (independent windows, state reset every
    /// batch). Default `consecutive`.
    public var sampling: String
    /// `steps` (language models): the tokens of one training window, the length of truncated
    /// back-propagation through time; at least 1. Default 35.
    public var steps: Int

    public init(
        epochs: Int = 10, batchSize: Int = 32, shuffle: Bool = true,
        optimizer: OptimizerSpec = OptimizerSpec(name: .rmsprop), clipNorm: Double? = nil,
        lrSchedule: LRScheduleSpec? = nil, earlyStopping: EarlyStoppingSpec? = nil, lossReduction: String = "mean",
        checkpoint: String = "none", sampling: String = "consecutive", steps: Int = 35
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.optimizer = optimizer
        self.clipNorm = clipNorm
        self.lrSchedule = lrSchedule
        self.earlyStopping = earlyStopping
        self.lossReduction = lossReduction
        self.checkpoint = checkpoint
        self.sampling = sampling
        self.steps = steps
    }

    /// The values `loss_reduction` takes.
    public static let lossReductions = ["mean", "sum_over_steps"]
    /// The values `checkpoint` takes.
    public static let checkpoints = ["none", "best", "last", "every_epoch"]
    /// The values `sampling` takes.
    public static let samplings = ["consecutive", "random"]
    /// The keys of `training:` that only language models read.
    static let languageModelKeys = ["sampling", "steps"]
}

/// The optimizers, by their Keras names.
public enum OptimizerName: String, CaseIterable, Equatable, Sendable {
    case sgd, adam, rmsprop, adagrad

    /// The keys this optimizer accepts in the file besides `name`, in the order they are written.
    public var settings: [String] {
        switch self {
        case .sgd: return ["learning_rate", "momentum", "nesterov", "weight_decay"]
        case .adam: return ["learning_rate", "beta_1", "beta_2", "epsilon", "weight_decay"]
        case .rmsprop: return ["learning_rate", "rho", "momentum", "epsilon", "weight_decay"]
        case .adagrad: return ["learning_rate", "initial_accumulator_value", "epsilon", "weight_decay"]
        }
    }
}

/// An optimizer and its settings. Settings the chosen optimizer does not use keep their defaults.
public struct OptimizerSpec: Equatable, Sendable {
    public var name: OptimizerName
    /// `learning_rate`: > 0. Default 0.01 for SGD, 0.001 for the others (Keras's).
    public var learningRate: Double
    /// SGD and RMSprop: >= 0. Default 0.
    public var momentum: Double
    /// SGD: Nesterov momentum. Default false.
    public var nesterov: Bool
    /// Adam `beta_1`: in [0, 1). Default 0.9.
    public var beta1: Double
    /// Adam `beta_2`: in [0, 1). Default 0.999.
    public var beta2: Double
    /// Adam, RMSprop, Adagrad: > 0. Default 1e-7.
    public var epsilon: Double
    /// RMSprop: the decay of the squared-gradient average, in [0, 1). Default 0.9.
    public var rho: Double
    /// Adagrad `initial_accumulator_value`: >= 0. Default 0.1.
    public var initialAccumulatorValue: Double
    /// `weight_decay`: decoupled weight decay, >= 0. Default 0.
    public var weightDecay: Double

    /// The optimizer with Keras's defaults.
    public init(name: OptimizerName) {
        self.name = name
        self.learningRate = name == .sgd ? 0.01 : 0.001
        self.momentum = 0
        self.nesterov = false
        self.beta1 = 0.9
        self.beta2 = 0.999
        self.epsilon = 1e-7
        self.rho = 0.9
        self.initialAccumulatorValue = 0.1
        self.weightDecay = 0
    }
}

/// `lr_schedule: {name: step_decay, factor: 0.5, every: 5}`: the learning rate is multiplied by
/// `factor` after every `every` epochs. `start` delays the first decay: `{name: step_decay,
/// factor: 0.5, every: 1, start: 5}` keeps the rate for epochs 1 to 4 and halves it from epoch 5
/// on, every epoch (the word-level PTB recipe of Zaremba et al.).
public struct LRScheduleSpec: Equatable, Sendable {
    /// In (0, 1].
    public var factor: Double
    /// At least 1.
    public var every: Int
    /// The epoch (counted from 1, as `metrics.csv` counts them) that first trains at the decayed
    /// rate; at least 1. Default `every + 1`: the rate falls after the first `every` epochs.
    public var start: Int

    /// The schedule names the file accepts.
    static let names = ["step_decay"]

    public init(factor: Double, every: Int, start: Int? = nil) {
        self.factor = factor
        self.every = every
        self.start = start ?? Self.defaultStart(every: every)
    }

    /// The `start` of a schedule that does not give one: the epoch after the first `every`.
    static func defaultStart(every: Int) -> Int { every + 1 }
}

/// `early_stopping:` stops training when a metric has not improved for `patience` epochs.
public struct EarlyStoppingSpec: Equatable, Sendable {
    /// One of `monitors`. Default val_loss.
    public var monitor: String
    /// Epochs without improvement before stopping, >= 0. Default 0 (Keras's).
    public var patience: Int
    /// "min" or "max": whether the monitored metric improves downwards or upwards. The file may
    /// say `auto` (the default), which is resolved here: max for accuracies, min otherwise.
    public var mode: String
    /// `min_delta`: the smallest change that counts as an improvement, >= 0. Default 0.
    public var minDelta: Double

    /// The metrics early stopping can watch.
    public static let monitors = ["train_loss", "train_accuracy", "val_loss", "val_accuracy",
                                  "train_perplexity", "val_perplexity"]
    /// The modes the file accepts.
    static let modes = ["min", "max", "auto"]

    public init(monitor: String = "val_loss", patience: Int = 0, mode: String = "auto", minDelta: Double = 0) {
        self.monitor = monitor
        self.patience = patience
        self.mode = mode == "auto" ? (monitor.hasSuffix("accuracy") ? "max" : "min") : mode
        self.minDelta = minDelta
    }
}

/// The `generation:` section of a language model: text generated from prefixes while training.
public struct GenerationSpec: Equatable, Sendable {
    /// `sample_every`: generate after every this many epochs (and after the last); at least 1.
    public var sampleEvery: Int
    /// `sample_length`: the tokens generated after each prefix; at least 1. Default 50.
    public var sampleLength: Int
    /// The texts generation starts from; each made only of tokens of the vocabulary.
    public var prefixes: [String]
    /// 0 picks the likeliest token (greedy); above 0, tokens are drawn from the softmax of the
    /// logits divided by it, with the run's seed. Default 0.
    public var temperature: Double

    public init(sampleEvery: Int, sampleLength: Int = 50, prefixes: [String], temperature: Double = 0) {
        self.sampleEvery = sampleEvery
        self.sampleLength = sampleLength
        self.prefixes = prefixes
        self.temperature = temperature
    }
}
