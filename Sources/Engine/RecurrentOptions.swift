/// The options of a recurrent layer (LSTM or GRU), under their Keras names.
public struct RecurrentOptions: Equatable, Sendable {
    /// The size of the hidden state `h` (and of the LSTM's cell state `c`).
    public var units: Int
    /// When true the layer outputs `h_t` of every step, `[batch, time, units × directions]`;
    /// otherwise only the state after the whole sequence, `[batch, units × directions]`.
    public var returnSequences: Bool = false
    /// When true a second cell reads the sequence backwards and its outputs are concatenated
    /// after the forward cell's on the feature axis (Keras `Bidirectional(merge_mode='concat')`,
    /// PyTorch `bidirectional=True`).
    public var bidirectional: Bool = false
    /// The fraction of input features dropped in training. One mask per sequence (and per
    /// direction), reused at every time step, as Keras does.
    public var dropout: Float = 0
    /// The fraction of `h_{t-1}` dropped as the input of the recurrent matrix product in
    /// training, one mask per sequence (Gal & Ghahramani, Keras 2). The carried state itself is
    /// never masked.
    public var recurrentDropout: Float = 0
    /// The gate activation: `.sigmoid` or `.hardSigmoid` (`clip(x / 6 + 0.5, 0, 1)`).
    public var recurrentActivation: Activation = .sigmoid
    /// When true the final state of each forward becomes the initial state of the next one,
    /// with no gradient flowing between batches (truncated backpropagation through time).
    public var stateful: Bool = false
    /// How the input weights `W_ih` start (Keras's `kernel_initializer`). Default glorot_uniform.
    public var kernelInitializer: Initializer = .glorotUniform
    /// How the recurrent weights `W_hh` start (Keras's `recurrent_initializer`). Default orthogonal.
    public var recurrentInitializer: Initializer = .orthogonal()
    /// How the biases start (Keras's `bias_initializer`): an LSTM's drawn as vectors (so not an
    /// initializer that `needsMatrix`), a GRU's two as the rows of one `[2, 3·units]` matrix, as
    /// Keras holds them (see `LSTM` and `GRU`). Default zeros, which draws nothing.
    public var biasInitializer: Initializer = .zeros

    public init(
        units: Int, returnSequences: Bool = false, bidirectional: Bool = false, dropout: Float = 0,
        recurrentDropout: Float = 0, recurrentActivation: Activation = .sigmoid, stateful: Bool = false,
        kernelInitializer: Initializer = .glorotUniform, recurrentInitializer: Initializer = .orthogonal(),
        biasInitializer: Initializer = .zeros
    ) {
        self.units = units
        self.returnSequences = returnSequences
        self.bidirectional = bidirectional
        self.dropout = dropout
        self.recurrentDropout = recurrentDropout
        self.recurrentActivation = recurrentActivation
        self.stateful = stateful
        self.kernelInitializer = kernelInitializer
        self.recurrentInitializer = recurrentInitializer
        self.biasInitializer = biasInitializer
    }
}

/// The state of one direction of a recurrent layer between two time steps.
public struct RecurrentState: Equatable, Sendable {
    /// `h`, `[batch, units]`.
    public var hidden: Tensor
    /// `c`, `[batch, units]`, for an LSTM; nil for a GRU.
    public var cell: Tensor?

    public init(hidden: Tensor, cell: Tensor? = nil) {
        self.hidden = hidden
        self.cell = cell
    }
}
