import Testing
@testable import Engine

/// The behaviour of LSTM and GRU that gradients and fixtures do not pin down: parameters and
/// their initialisation, shapes, directions, state carrying and dropout.
@Suite struct RecurrentLayerTests {
    static let batch = 2, steps = 5, inputSize = 3, units = 4

    private func input(seed: UInt64 = 1, steps: Int = steps) -> Tensor {
        randomTensor([Self.batch, steps, Self.inputSize], seed: seed)
    }

    @Test func lstmParametersFollowPyTorchAndKeras() {
        let layer = LSTM(inputSize: 3, options: RecurrentOptions(units: 4, bidirectional: true), streams: RandomStreams(seed: 1))
        #expect(layer.parameters.map(\.name) == ["weight_ih", "weight_hh", "bias", "weight_ih_reverse", "weight_hh_reverse", "bias_reverse"])
        #expect(layer.parameters.map(\.value.shape) == [[16, 3], [16, 4], [16], [16, 3], [16, 4], [16]])
        #expect(layer.trainableParameterCount == 2 * 4 * 4 * (3 + 4 + 1))  // Keras: 4H(D+H+1) per direction
        let bias = layer.parameters[2].value.scalars
        #expect(bias[0..<4].allSatisfy { $0 == 0 } && bias[4..<8].allSatisfy { $0 == 1 } && bias[8...].allSatisfy { $0 == 0 })
    }

    @Test func gruParametersFollowPyTorchAndKeras() {
        let layer = GRU(inputSize: 3, options: RecurrentOptions(units: 4), streams: RandomStreams(seed: 1))
        #expect(layer.parameters.map(\.name) == ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
        #expect(layer.parameters.map(\.value.shape) == [[12, 3], [12, 4], [12], [12]])
        #expect(layer.trainableParameterCount == 3 * 4 * (3 + 4 + 2))  // Keras reset_after: 3H(D+H+2)
    }

    @Test(arguments: RecurrentKind.allCases)
    func recurrentWeightsAreOrthogonalAndInitialisationIsSeeded(kind: RecurrentKind) {
        let a = kind.make(inputSize: 3, options: RecurrentOptions(units: 4), streams: RandomStreams(seed: 7))
        let b = kind.make(inputSize: 3, options: RecurrentOptions(units: 4), streams: RandomStreams(seed: 7))
        #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
        let whh = a.parameters[1].value  // [G·H, H]: orthonormal columns
        for i in 0..<4 {
            for j in 0..<4 {
                let d = (0..<whh.shape[0]).reduce(Float(0)) { $0 + whh[$1, i] * whh[$1, j] }
                #expect(abs(d - (i == j ? 1 : 0)) < 1e-5)
            }
        }
    }

    /// Zaremba et al.'s PTB model draws every weight uniform in ±0.1.
    @Test(arguments: RecurrentKind.allCases)
    func weightsStartFromTheInitializersOfTheOptions(kind: RecurrentKind) {
        let options = RecurrentOptions(units: 20, kernelInitializer: .uniform(limit: 0.1),
                                       recurrentInitializer: .uniform(low: 0, high: 0.5))
        let layer = kind.make(inputSize: 30, options: options, streams: RandomStreams(seed: 3))
        let wih = layer.parameters[0].value.scalars, whh = layer.parameters[1].value.scalars
        #expect(wih.allSatisfy { abs($0) <= 0.1 } && wih.map(abs).max()! > 0.09 && wih.min()! < -0.09)
        #expect(whh.allSatisfy { $0 >= 0 && $0 < 0.5 } && whh.max()! > 0.45)
    }

    @Test(arguments: RecurrentKind.allCases, [false, true])
    func outputShapes(kind: RecurrentKind, bidirectional: Bool) {
        for returnSequences in [false, true] {
            let options = RecurrentOptions(units: Self.units, returnSequences: returnSequences, bidirectional: bidirectional)
            let layer = kind.make(inputSize: Self.inputSize, options: options, streams: RandomStreams(seed: 1))
            let y = layer.forward(input(), training: false)
            #expect(y.shape == [Self.batch] + layer.outputShape(forInput: [Self.steps, Self.inputSize]))
            #expect(y.shape.last == Self.units * (bidirectional ? 2 : 1))
        }
    }

    /// Without return_sequences a direction outputs its state after the whole sequence: the
    /// forward cell's last step, the backward cell's first.
    @Test(arguments: RecurrentKind.allCases)
    func lastOutputIsEachDirectionsFinalState(kind: RecurrentKind) {
        func layer(_ returnSequences: Bool) -> RecurrentLayer {
            let options = RecurrentOptions(units: Self.units, returnSequences: returnSequences, bidirectional: true)
            return kind.make(inputSize: Self.inputSize, options: options, streams: RandomStreams(seed: 3))
        }
        let sequences = layer(true).forward(input(), training: false)
        let last = layer(false)
        let y = last.forward(input(), training: false)
        let H = Self.units
        for b in 0..<Self.batch {
            for j in 0..<H {
                #expect(y[b, j] == sequences[b, Self.steps - 1, j])
                #expect(y[b, H + j] == sequences[b, 0, H + j])
                #expect(y[b, j] == last.finalState[0].hidden[b, j])
                #expect(y[b, H + j] == last.finalState[1].hidden[b, j])
            }
        }
    }

    /// Backward passes over batches of other sizes and lengths leave nothing behind: the next
    /// pass gives the input and parameter gradients of a new layer, bit for bit (the layer
    /// keeps its buffer of `∂L/∂h_t`, of which only the last step's rows carry a gradient
    /// without return_sequences, zero between passes).
    @Test(arguments: RecurrentKind.allCases, [false, true])
    func earlierBackwardPassesLeaveNothingBehind(kind: RecurrentKind, returnSequences: Bool) {
        func layer() -> RecurrentLayer {
            let options = RecurrentOptions(units: Self.units, returnSequences: returnSequences, bidirectional: true)
            return kind.make(inputSize: Self.inputSize, options: options, streams: RandomStreams(seed: 8))
        }
        func pass(_ layer: RecurrentLayer, batch: Int, steps: Int, seed: UInt64) -> Tensor {
            let y = layer.forward(randomTensor([batch, steps, Self.inputSize], seed: seed), training: true)
            return layer.backward(randomTensor(y.shape, seed: seed + 1))
        }
        let used = layer(), fresh = layer()
        _ = pass(used, batch: Self.batch, steps: Self.steps, seed: 40)
        _ = pass(used, batch: Self.batch - 1, steps: Self.steps + 2, seed: 42)
        for p in used.parameters { p.zeroGradient() }
        #expect(pass(used, batch: Self.batch, steps: Self.steps, seed: 44)
                == pass(fresh, batch: Self.batch, steps: Self.steps, seed: 44))
        for (p, q) in zip(used.parameters, fresh.parameters) { #expect(p.gradient == q.gradient, "\(p.name)") }
    }

    /// The backward direction is a forward cell with the `_reverse` weights reading the
    /// sequence reversed, its outputs put back in time order.
    @Test(arguments: RecurrentKind.allCases)
    func backwardDirectionReadsTheSequenceReversed(kind: RecurrentKind) {
        let both = kind.make(inputSize: Self.inputSize, options: RecurrentOptions(units: Self.units, returnSequences: true, bidirectional: true),
                             streams: RandomStreams(seed: 4))
        let single = kind.make(inputSize: Self.inputSize, options: RecurrentOptions(units: Self.units, returnSequences: true),
                               streams: RandomStreams(seed: 5))
        let reverse = both.parameters.filter { $0.name.hasSuffix("_reverse") }
        for (p, q) in zip(single.parameters, reverse) { p.value = q.value }
        let x = input()
        var reversed = x
        for b in 0..<Self.batch {
            for t in 0..<Self.steps {
                for k in 0..<Self.inputSize { reversed[b, t, k] = x[b, Self.steps - 1 - t, k] }
            }
        }
        let y = both.forward(x, training: false), z = single.forward(reversed, training: false)
        for b in 0..<Self.batch {
            for t in 0..<Self.steps {
                for j in 0..<Self.units { #expect(abs(y[b, t, Self.units + j] - z[b, Self.steps - 1 - t, j]) < 1e-6) }
            }
        }
    }

    /// A stateful layer fed a sequence in two chunks outputs what a plain layer outputs for the
    /// whole sequence; after `resetStates()` it starts from zeros again.
    @Test(arguments: RecurrentKind.allCases)
    func statefulLayerContinuesAcrossBatches(kind: RecurrentKind) {
        let x = input(steps: 5)
        let whole = kind.make(inputSize: Self.inputSize, options: RecurrentOptions(units: Self.units, returnSequences: true),
                              streams: RandomStreams(seed: 6)).forward(x, training: false)
        let stateful = kind.make(inputSize: Self.inputSize, options: RecurrentOptions(units: Self.units, returnSequences: true, stateful: true),
                                 streams: RandomStreams(seed: 6))
        var first = Tensor(shape: [Self.batch, 2, Self.inputSize]), second = Tensor(shape: [Self.batch, 3, Self.inputSize])
        for b in 0..<Self.batch {
            for k in 0..<Self.inputSize {
                for t in 0..<2 { first[b, t, k] = x[b, t, k] }
                for t in 0..<3 { second[b, t, k] = x[b, t + 2, k] }
            }
        }
        let y1 = stateful.forward(first, training: true), y2 = stateful.forward(second, training: false)
        for b in 0..<Self.batch {
            for j in 0..<Self.units {
                for t in 0..<2 { #expect(abs(y1[b, t, j] - whole[b, t, j]) < 1e-6) }
                for t in 0..<3 { #expect(abs(y2[b, t, j] - whole[b, t + 2, j]) < 1e-6) }
            }
        }
        stateful.resetStates()
        #expect(stateful.initialState == nil)
        #expect(stateful.forward(first, training: false) == y1)
    }

    @Test(arguments: RecurrentKind.allCases)
    func initialStateIsUsedUntilChanged(kind: RecurrentKind) {
        let layer = kind.make(inputSize: Self.inputSize, options: RecurrentOptions(units: Self.units), streams: RandomStreams(seed: 8))
        let zeroStart = layer.forward(input(), training: false)
        layer.initialState = randomState(for: layer, batch: Self.batch, seed: 9)
        let given = layer.forward(input(), training: false)
        #expect(given != zeroStart)
        #expect(layer.forward(input(), training: false) == given)
        layer.initialState = nil
        #expect(layer.forward(input(), training: false) == zeroStart)
    }

    /// A forward from zeros gives the same output and gradients as one from a given state of
    /// zeros (its first step skips products that would only add zeros), and only the given
    /// state gets a gradient.
    @Test(arguments: RecurrentKind.allCases, [false, true])
    func startingFromZerosSkipsOnlyProductsOfZeros(kind: RecurrentKind, bidirectional: Bool) {
        func run(givenZeros: Bool) -> (RecurrentLayer, [[Float]]) {
            let options = RecurrentOptions(units: Self.units, returnSequences: true, bidirectional: bidirectional)
            let layer = kind.make(inputSize: Self.inputSize, options: options, streams: RandomStreams(seed: 10))
            randomizeParameters(of: layer, seed: 11)
            if givenZeros {
                layer.initialState = randomState(for: layer, batch: Self.batch, seed: 12).map {
                    RecurrentState(hidden: Tensor(shape: $0.hidden.shape), cell: $0.cell.map { Tensor(shape: $0.shape) })
                }
            }
            let y = layer.forward(input(), training: true)
            let dx = layer.backward(randomTensor(y.shape, seed: 13))
            return (layer, [y.scalars, dx.scalars] + layer.parameters.map(\.gradient.scalars))
        }
        let (fromZeros, implicit) = run(givenZeros: false)
        let (fromGiven, explicit) = run(givenZeros: true)
        #expect(implicit == explicit)
        #expect(fromZeros.initialStateGradient.isEmpty)
        #expect(fromGiven.initialStateGradient.count == (bidirectional ? 2 : 1))
    }

    /// Dropout acts in training only, draws its masks from the dropout stream, and leaves the
    /// initial weights alone (they come from the initialisation stream).
    @Test(arguments: RecurrentKind.allCases)
    func dropoutOnlyInTrainingAndFromTheDropoutStream(kind: RecurrentKind) {
        let plainOptions = RecurrentOptions(units: Self.units, returnSequences: true)
        var dropOptions = plainOptions
        dropOptions.dropout = 0.5
        dropOptions.recurrentDropout = 0.5
        let plain = kind.make(inputSize: Self.inputSize, options: plainOptions, streams: RandomStreams(seed: 10))
        let streams = RandomStreams(seed: 10)
        let dropping = kind.make(inputSize: Self.inputSize, options: dropOptions, streams: streams)
        #expect(plain.parameters.map(\.value) == dropping.parameters.map(\.value))
        let x = input()
        #expect(dropping.forward(x, training: false) == plain.forward(x, training: false))
        let saved = streams.dropout.state
        let a = dropping.forward(x, training: true)
        #expect(a != plain.forward(x, training: true))
        #expect(dropping.forward(x, training: true) != a)
        streams.dropout.state = saved
        #expect(dropping.forward(x, training: true) == a)
    }

    /// Recurrent dropout masks `h_{t-1}` only where it enters the recurrent product: with the
    /// recurrent weights zero the mask has nothing to act on, so the output equals the
    /// undropped layer's even in training (a mask on the carried or output state would show,
    /// in the GRU's `z ⊙ h_{t-1}` and in both cells' outputs).
    @Test(arguments: RecurrentKind.allCases)
    func recurrentDropoutLeavesTheCarriedStateUnmasked(kind: RecurrentKind) {
        var options = RecurrentOptions(units: Self.units, returnSequences: true)
        let plain = kind.make(inputSize: Self.inputSize, options: options, streams: RandomStreams(seed: 12))
        options.recurrentDropout = 0.5
        let dropping = kind.make(inputSize: Self.inputSize, options: options, streams: RandomStreams(seed: 12))
        for layer in [plain, dropping] { layer.parameters[1].value.zero() }  // weight_hh
        #expect(dropping.forward(input(), training: true) == plain.forward(input(), training: true))
    }

    /// A cell's backward writes its gradients over what its forward kept, so a second backward
    /// without a new training forward would read gradients as gates: it stops the program.
    @Test func aSecondLSTMBackwardWithoutAForwardStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            Self.backwardTwice(LSTM(inputSize: 3, options: RecurrentOptions(units: 4), streams: RandomStreams(seed: 13)))
        }
    }

    @Test func aSecondGRUBackwardWithoutAForwardStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            Self.backwardTwice(GRU(inputSize: 3, options: RecurrentOptions(units: 4), streams: RandomStreams(seed: 13)))
        }
    }

    /// One training forward of `layer` (3 inputs, 4 units), then two backwards.
    private static func backwardTwice(_ layer: RecurrentLayer) {
        let gradient = randomTensor([2, 4], seed: 2)
        _ = layer.forward(randomTensor([2, 5, 3], seed: 1), training: true)
        _ = layer.backward(gradient)
        _ = layer.backward(gradient)
    }
}
