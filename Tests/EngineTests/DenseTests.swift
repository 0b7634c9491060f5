import Testing
@testable import Engine

@Suite struct DenseTests {
    static let inputShapes = [[3, 5], [2, 3, 5]]

    @Test(arguments: Activation.allCases, inputShapes)
    func gradientsMatchFiniteDifferences(activation: Activation, inputShape: [Int]) {
        let dense = Dense(inputSize: 5, units: 4, activation: activation, streams: RandomStreams(seed: 11))
        dense.bias.value = Tensor(shape: [4], scalars: [0.3, -0.2, 0.1, 0.5])
        let input = kinkFreeInput(shape: inputShape, for: dense, rng: RandomStream(seed: 12))
        #expect(GradientCheck().mismatches(of: dense, input: input).isEmpty)
    }

    /// Matches PyTorch's `Linear` followed by the activation, forward and backward, on 3-D input.
    @Test(arguments: Activation.allCases)
    func matchesPyTorch(activation: Activation) throws {
        let golden = try Golden("dense_\(activation.rawValue)")
        let dense = Dense(inputSize: 5, units: 4, activation: activation, streams: RandomStreams(seed: 0))
        try golden.load(dense, as: "dense")
        let output = dense.forward(try golden["input"], training: true)
        #expect(maxAbsDifference(output, try golden["output"]) < 1e-4)
        let inputGradient = dense.backward(try golden["output_grad"])
        #expect(maxAbsDifference(inputGradient, try golden["input_grad"]) < 1e-4)
        #expect(try golden.gradientDifferences(of: dense, as: "dense").values.allSatisfy { $0 < 1e-4 })
    }

    @Test func initialisesGlorotWeightsAndZeroBias() {
        let dense = Dense(inputSize: 30, units: 50, streams: RandomStreams(seed: 1))
        let limit = Float((6.0 / 80.0).squareRoot())
        #expect(dense.weight.value.shape == [50, 30])
        #expect(dense.weight.value.scalars.allSatisfy { abs($0) <= limit })
        #expect(dense.weight.value.scalars.map(abs).max()! > 0.9 * limit)
        #expect(dense.bias.value == Tensor(shape: [50]))
        #expect(dense.parameters.map(\.name) == ["weight", "bias"])
    }

    @Test func initialisesItsWeightsFromTheGivenInitializer() {
        let dense = Dense(inputSize: 30, units: 50, kernelInitializer: .uniform(limit: 0.1), streams: RandomStreams(seed: 1))
        #expect(dense.weight.value.scalars.allSatisfy { abs($0) <= 0.1 })
        #expect(dense.weight.value.scalars.map(abs).max()! > 0.095)
        #expect(dense.bias.value == Tensor(shape: [50]))
    }

    @Test func outputShapeReplacesTheLastDimension() {
        let dense = Dense(inputSize: 5, units: 7, streams: RandomStreams(seed: 1))
        #expect(dense.outputShape(forInput: [5]) == [7])
        #expect(dense.outputShape(forInput: [9, 5]) == [9, 7])
        #expect(dense.forward(Tensor(shape: [2, 9, 5]), training: false).shape == [2, 9, 7])
    }

    @Test func softmaxRowsSumToOne() {
        let dense = Dense(inputSize: 3, units: 6, activation: .softmax, streams: RandomStreams(seed: 2))
        let input = Tensor(shape: [4, 3], scalars: (0..<12).map { Float($0) * 10 - 60 })
        let output = dense.forward(input, training: false)
        for r in 0..<4 {
            let row = (0..<6).map { output[r, $0] }
            #expect(row.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-5)
        }
    }

    @Test func parameterGradientsAccumulateAndInputGradientCanBeSkipped() {
        let dense = Dense(inputSize: 5, units: 4, activation: .tanh, streams: RandomStreams(seed: 3))
        let input = Tensor(shape: [3, 5], scalars: (0..<15).map { Float($0 % 7) / 7 - 0.4 })
        let outputGradient = Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 12 - 0.5 })
        _ = dense.forward(input, training: true)
        let inputGradient = dense.backward(outputGradient)
        let once = dense.weight.gradient
        #expect(inputGradient.shape == [3, 5])

        dense.computesInputGradient = false
        _ = dense.forward(input, training: true)
        #expect(dense.backward(outputGradient).count == 0)
        let twice = Tensor(shape: once.shape, scalars: once.scalars.map { 2 * $0 })
        #expect(maxAbsDifference(dense.weight.gradient, twice) < 1e-6)
    }

    /// An input of values in ±4 whose pre-activations all lie at least 0.1 from a kink of the
    /// activation (0 for relu, ±3 for hard sigmoid), so that the finite differences (which move a
    /// pre-activation by at most 0.04 here) never straddle one. Drawn again until it does.
    private func kinkFreeInput(shape: [Int], for dense: Dense, rng: RandomStream) -> Tensor {
        let kinks: [Float] = switch dense.activation {
        case .relu: [0]
        case .hardSigmoid: [-3, 3]
        default: []
        }
        let linear = Dense(inputSize: dense.inputSize, units: dense.units, streams: RandomStreams(seed: 0))
        linear.weight.value = dense.weight.value
        linear.bias.value = dense.bias.value
        while true {
            var input = Tensor(shape: shape)
            for i in 0..<input.count { input.scalars[i] = rng.nextFloat(in: -4, 4) }
            let z = linear.forward(input, training: false)
            if z.scalars.allSatisfy({ v in kinks.allSatisfy { abs(v - $0) > 0.1 } }) { return input }
        }
    }
}
