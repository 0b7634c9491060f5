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

    public init(
        epochs: Int = 10, batchSize: Int = 32, shuffle: Bool = true,
        optimizer: OptimizerSpec = OptimizerSpec(name: .rmsprop), clipNorm: Double? = nil,
        lrSchedule: LRScheduleSpec? = nil, earlyStopping: EarlyStoppingSpec? = nil
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.optimizer = optimizer
        self.clipNorm = clipNorm
        self.lrSchedule = lrSchedule
        self.earlyStopping = earlyStopping
    }
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
/// `factor` after every `every` epochs.
public struct LRScheduleSpec: Equatable, Sendable {
    /// In (0, 1].
    public var factor: Double
    /// At least 1.
    public var every: Int

    /// The schedule names the file accepts.
    static let names = ["step_decay"]

    public init(factor: Double, every: Int) {
        self.factor = factor
        self.every = every
    }
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
    public static let monitors = ["train_loss", "train_accuracy", "val_loss", "val_accuracy"]
    /// The modes the file accepts.
    static let modes = ["min", "max", "auto"]

    public init(monitor: String = "val_loss", patience: Int = 0, mode: String = "auto", minDelta: Double = 0) {
        self.monitor = monitor
        self.patience = patience
        self.mode = mode == "auto" ? (monitor.hasSuffix("accuracy") ? "max" : "min") : mode
        self.minDelta = minDelta
    }
}
