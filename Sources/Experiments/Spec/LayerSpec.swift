/// One hidden layer of the model, written in the file as a one-key map: `- lstm: {units: 32}`.
public enum LayerSpec: Equatable, Sendable {
    case lstm(RecurrentSpec)
    case gru(RecurrentSpec)
    case dense(DenseSpec)
    /// Drops inputs with this probability during training; written `- dropout: 0.5`.
    case dropout(rate: Double)

    /// The layer types in the order the file documents them.
    static let typeNames = ["lstm", "gru", "dense", "dropout"]

    /// The key that names this layer in the file.
    public var typeName: String {
        switch self {
        case .lstm: return "lstm"
        case .gru: return "gru"
        case .dense: return "dense"
        case .dropout: return "dropout"
        }
    }

    /// The settings of an LSTM or GRU layer; nil for the others.
    public var recurrent: RecurrentSpec? {
        switch self {
        case .lstm(let spec), .gru(let spec): return spec
        case .dense, .dropout: return nil
        }
    }
}

/// The settings of an LSTM or GRU layer, by their Keras names.
public struct RecurrentSpec: Equatable, Sendable {
    /// At least 1.
    public var units: Int
    /// `return_sequences`: output every time step rather than the last. Default false.
    public var returnSequences: Bool
    /// Dropout on the inputs, one mask for all time steps, in [0, 1). Default 0.
    public var dropout: Double
    /// `recurrent_dropout`: dropout on the carried state, in [0, 1). Default 0.
    public var recurrentDropout: Double
    /// `recurrent_activation`: the gates' activation, one of `gateActivations`. Default sigmoid.
    public var recurrentActivation: String
    /// Run a second layer over the reversed sequence and concatenate. Default false.
    public var bidirectional: Bool
    /// Carry the last state into the next batch (truncated back-propagation). Default false.
    public var stateful: Bool
    /// `kernel_initializer`: how the input weights start. Default glorot_uniform.
    public var kernelInitializer: InitializerSpec
    /// `recurrent_initializer`: how the recurrent weights start. Default orthogonal.
    public var recurrentInitializer: InitializerSpec
    /// `bias_initializer`: how the biases start (a GRU's two alike). Default zeros; never
    /// orthogonal, which needs a matrix.
    public var biasInitializer: InitializerSpec
    /// `unit_forget_bias`, of an LSTM: its forget gate's bias starts at 1. Default true; a GRU,
    /// which has no forget gate, keeps the default and ignores it.
    public var unitForgetBias: Bool

    /// The accepted `recurrent_activation` names.
    public static let gateActivations = ["sigmoid", "hard_sigmoid"]
    /// Keras's `kernel_initializer` of LSTM, GRU and Dense.
    public static let defaultKernelInitializer = InitializerSpec.glorotUniform
    /// Keras's `recurrent_initializer` of LSTM and GRU.
    public static let defaultRecurrentInitializer = InitializerSpec.orthogonal(gain: 1)
    /// Keras's `bias_initializer` of LSTM, GRU and Dense.
    public static let defaultBiasInitializer = InitializerSpec.zeros

    public init(
        units: Int, returnSequences: Bool = false, dropout: Double = 0, recurrentDropout: Double = 0,
        recurrentActivation: String = "sigmoid", bidirectional: Bool = false, stateful: Bool = false,
        kernelInitializer: InitializerSpec = defaultKernelInitializer,
        recurrentInitializer: InitializerSpec = defaultRecurrentInitializer,
        biasInitializer: InitializerSpec = defaultBiasInitializer, unitForgetBias: Bool = true
    ) {
        self.units = units
        self.returnSequences = returnSequences
        self.dropout = dropout
        self.recurrentDropout = recurrentDropout
        self.recurrentActivation = recurrentActivation
        self.bidirectional = bidirectional
        self.stateful = stateful
        self.kernelInitializer = kernelInitializer
        self.recurrentInitializer = recurrentInitializer
        self.biasInitializer = biasInitializer
        self.unitForgetBias = unitForgetBias
    }
}

/// The settings of a fully connected layer.
public struct DenseSpec: Equatable, Sendable {
    /// At least 1.
    public var units: Int
    /// One of `activations`. Default linear.
    public var activation: String
    /// `kernel_initializer`: how the weights start. Default glorot_uniform.
    public var kernelInitializer: InitializerSpec
    /// `bias_initializer`: how the bias starts. Default zeros; never orthogonal.
    public var biasInitializer: InitializerSpec

    /// The accepted `activation` names (Keras's).
    public static let activations = ["linear", "relu", "tanh", "sigmoid", "hard_sigmoid", "softmax"]

    public init(units: Int, activation: String = "linear",
                kernelInitializer: InitializerSpec = RecurrentSpec.defaultKernelInitializer,
                biasInitializer: InitializerSpec = RecurrentSpec.defaultBiasInitializer) {
        self.units = units
        self.activation = activation
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
    }
}

/// How the output layer starts, written as the last entry of the `model:` list:
/// `- output: {kernel_initializer: ..., bias_initializer: ...}`. The builder appends that layer
/// itself, its size and activation following from the task; only its initializers can be set.
/// (Not the top-level `output:` section, which says how results are written.)
public struct OutputLayerSpec: Equatable, Sendable {
    /// `kernel_initializer`: how the weights start. Default glorot_uniform.
    public var kernelInitializer: InitializerSpec
    /// `bias_initializer`: how the bias starts. Default zeros; never orthogonal.
    public var biasInitializer: InitializerSpec

    /// The keys of the `output` entry.
    static let keys = ["kernel_initializer", "bias_initializer"]

    public init(kernelInitializer: InitializerSpec = RecurrentSpec.defaultKernelInitializer,
                biasInitializer: InitializerSpec = RecurrentSpec.defaultBiasInitializer) {
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
    }
}
