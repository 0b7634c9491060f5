import Testing
@testable import Engine

/// How biases start (Keras's `bias_initializer`, and an LSTM's `unit_forget_bias`), and the
/// order in which layers draw their weights from the initialization stream.
@Suite struct BiasInitializerTests {
    static let uniform = Initializer.uniform(limit: 0.1)

    /// With zero weights, which draw nothing, a layer's biases take the stream's first draws.
    static func drawingOnlyBiases(units: Int, bias: Initializer) -> RecurrentOptions {
        RecurrentOptions(units: units, kernelInitializer: .zeros, recurrentInitializer: .zeros, biasInitializer: bias)
    }

    @Test func aVectorIsDrawnWithKerasFansOfAOneDimensionalWeight() {
        let values = Initializer.glorotUniform.vector(6, rng: RandomStream(seed: 1))
        let limit = Float((6.0 / 12.0).squareRoot())
        #expect(values.count == 6 && values.allSatisfy { abs($0) <= limit } && values.map(abs).max()! > limit / 2)
        #expect(Initializer.zeros.vector(3, rng: RandomStream(seed: 1)) == [0, 0, 0])
        #expect(Initializer.orthogonal().needsMatrix && !Initializer.glorotUniform.needsMatrix && !Self.uniform.needsMatrix)
    }

    @Test func anLSTMWithoutUnitForgetBiasDrawsTheWholeBiasAsOneVector() {
        let zero = LSTM(inputSize: 3, options: RecurrentOptions(units: 5), unitForgetBias: false, streams: RandomStreams(seed: 4))
        #expect(zero.parameters[2].value == Tensor(shape: [20]))
        let drawn = LSTM(inputSize: 3, options: Self.drawingOnlyBiases(units: 5, bias: Self.uniform), unitForgetBias: false,
                         streams: RandomStreams(seed: 4))
        #expect(drawn.parameters[2].value.scalars == Self.uniform.vector(20, rng: RandomStreams(seed: 4).initialization))
    }

    /// Keras's `unit_forget_bias`: the input gate's slice and then the cell and output gates'
    /// slice drawn as vectors of their own (glorot_uniform's fans 5 and 10), the forget gate's ones.
    @Test func unitForgetBiasDrawsTheOtherGatesAsKerasDoes() {
        let layer = LSTM(inputSize: 3, options: Self.drawingOnlyBiases(units: 5, bias: .glorotUniform),
                         streams: RandomStreams(seed: 4))
        let rng = RandomStreams(seed: 4).initialization
        let input = Initializer.glorotUniform.vector(5, rng: rng), cellAndOutput = Initializer.glorotUniform.vector(10, rng: rng)
        #expect(layer.parameters[2].value.scalars == input + [Float](repeating: 1, count: 5) + cellAndOutput)
    }

    /// Keras holds a GRU's two biases as one `[2, 3H]` matrix, the input bias first.
    @Test func aGRUsBiasesAreTheRowsOfKerasMatrix() {
        let layer = GRU(inputSize: 3, options: Self.drawingOnlyBiases(units: 5, bias: .glorotUniform), streams: RandomStreams(seed: 4))
        var matrix = Tensor(shape: [2, 15])
        Initializer.glorotUniform.fill(&matrix, fanIn: 2, fanOut: 15, rng: RandomStreams(seed: 4).initialization)
        #expect(layer.parameters.map(\.name) == ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
        #expect(layer.parameters[2].value.scalars == Array(matrix.scalars[..<15]))
        #expect(layer.parameters[3].value.scalars == Array(matrix.scalars[15...]))
    }

    /// Each direction draws `weight_ih`, `weight_hh`, then its biases, the forward direction
    /// first: with every weight uniform, the parameters in that order are one run of the stream.
    @Test(arguments: RecurrentKind.allCases)
    func recurrentLayersDrawWeightsThenBiasesPerDirection(kind: RecurrentKind) {
        let options = RecurrentOptions(units: 4, bidirectional: true, kernelInitializer: Self.uniform,
                                       recurrentInitializer: Self.uniform, biasInitializer: Self.uniform)
        let streams = RandomStreams(seed: 2)
        let layer: RecurrentLayer = kind == .lstm
            ? LSTM(inputSize: 3, options: options, unitForgetBias: false, streams: streams)
            : GRU(inputSize: 3, options: options, streams: streams)
        let values = layer.parameters.flatMap(\.value.scalars)
        #expect(values == Self.uniform.vector(values.count, rng: RandomStreams(seed: 2).initialization))
    }

    @Test func aDenseLayerDrawsItsWeightThenItsBias() {
        let dense = Dense(inputSize: 3, units: 4, kernelInitializer: Self.uniform, biasInitializer: Self.uniform,
                          streams: RandomStreams(seed: 5))
        #expect(dense.weight.value.scalars + dense.bias.value.scalars
            == Self.uniform.vector(16, rng: RandomStreams(seed: 5).initialization))
    }
}
