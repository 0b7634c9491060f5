import Testing
@testable import Engine

/// Finite-difference checks of the LSTM's and GRU's backward passes, one option at a time.
@Suite struct RecurrentGradientTests {
    static let batch = 3, steps = 4, inputSize = 3, units = 4

    /// The gradient check of a fresh layer with random parameters at a random input.
    private func mismatches(
        _ kind: RecurrentKind, _ options: RecurrentOptions, inputScale: Float = 1,
        initialState: Bool = false
    ) -> [GradientCheck.Mismatch] {
        let streams = RandomStreams(seed: 11)
        let layer = kind.make(inputSize: Self.inputSize, options: options, streams: streams)
        randomizeParameters(of: layer, seed: 21)
        if initialState { layer.initialState = randomState(for: layer, batch: Self.batch, seed: 31) }
        let x = randomTensor([Self.batch, Self.steps, Self.inputSize], scale: inputScale, seed: 41)
        return GradientCheck(rewind: streams.dropout).mismatches(of: layer, input: x)
    }

    @Test(arguments: RecurrentKind.allCases, [false, true])
    func unidirectional(kind: RecurrentKind, returnSequences: Bool) {
        expectAgreement(mismatches(kind, RecurrentOptions(units: Self.units, returnSequences: returnSequences)))
    }

    /// 12 units: the cells' passes go eight units at a time (`Lanes`), then the last four,
    /// where the 4 units of the other checks take only the second path.
    @Test(arguments: RecurrentKind.allCases)
    func unitsInWholeVectorsAndARemainder(kind: RecurrentKind) {
        expectAgreement(mismatches(kind, RecurrentOptions(units: 12, returnSequences: true)))
    }

    @Test(arguments: RecurrentKind.allCases, [false, true])
    func bidirectional(kind: RecurrentKind, returnSequences: Bool) {
        let options = RecurrentOptions(units: Self.units, returnSequences: returnSequences, bidirectional: true)
        expectAgreement(mismatches(kind, options))
    }

    @Test(arguments: RecurrentKind.allCases, [false, true])
    func dropoutAndRecurrentDropout(kind: RecurrentKind, bidirectional: Bool) {
        let options = RecurrentOptions(units: Self.units, returnSequences: true, bidirectional: bidirectional,
                                       dropout: 0.3, recurrentDropout: 0.4)
        expectAgreement(mismatches(kind, options))
    }

    /// Inputs of scale 5 drive some gates into hard sigmoid's flat parts (|a| > 3), so both of
    /// its derivatives are exercised: with the derivative forced to 1/6 everywhere this check
    /// fails for both cells. Central differences are wrong only for a pre-activation within
    /// `epsilon` of a kink at ±3; these fixed seeds put none there (scales 6 and 8 do, and the
    /// check then fails, loudly rather than quietly).
    @Test(arguments: RecurrentKind.allCases)
    func hardSigmoidGates(kind: RecurrentKind) {
        let options = RecurrentOptions(units: Self.units, returnSequences: true, recurrentActivation: .hardSigmoid)
        expectAgreement(mismatches(kind, options, inputScale: 5))
    }

    @Test(arguments: RecurrentKind.allCases, [false, true])
    func givenInitialState(kind: RecurrentKind, bidirectional: Bool) {
        let options = RecurrentOptions(units: Self.units, returnSequences: true, bidirectional: bidirectional,
                                       recurrentDropout: 0.3)
        expectAgreement(mismatches(kind, options, initialState: true))
        #expect(initialStateErrors(kind, options).allSatisfy { $0 < 1e-2 })
    }

    /// The gradient of `L = Σ forward(x) ⊙ w` with respect to each tensor of the initial state,
    /// from `backward` and from central differences, as normwise relative errors.
    private func initialStateErrors(_ kind: RecurrentKind, _ options: RecurrentOptions) -> [Float] {
        let streams = RandomStreams(seed: 12)
        let layer = kind.make(inputSize: Self.inputSize, options: options, streams: streams)
        randomizeParameters(of: layer, seed: 22)
        let state = randomState(for: layer, batch: Self.batch, seed: 32)
        let x = randomTensor([Self.batch, Self.steps, Self.inputSize], seed: 42)
        let dropoutState = streams.dropout.state
        func output(from s: [RecurrentState]) -> Tensor {
            streams.dropout.state = dropoutState
            layer.initialState = s
            return layer.forward(x, training: true)
        }
        let w = randomTensor(output(from: state).shape, seed: 52)
        func loss(_ s: [RecurrentState]) -> Double {
            zip(output(from: s).scalars, w.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        _ = output(from: state)
        _ = layer.backward(w)
        let analytic = layer.initialStateGradient

        let epsilon: Float = 1e-2
        var errors: [Float] = []
        for d in state.indices {
            let keys: [WritableKeyPath<RecurrentState, Tensor?>] = kind == .lstm ? [\.hiddenOptional, \.cell] : [\.hiddenOptional]
            for key in keys {
                var numeric: [Float] = []
                for i in 0..<(state[d][keyPath: key]!.count) {
                    var plus = state, minus = state
                    plus[d][keyPath: key]!.scalars[i] += epsilon
                    minus[d][keyPath: key]!.scalars[i] -= epsilon
                    numeric.append(Float((loss(plus) - loss(minus)) / Double(2 * epsilon)))
                }
                errors.append(relativeError(analytic[d][keyPath: key]!.scalars, numeric))
            }
        }
        return errors
    }

    /// A stateful layer carries the state of one batch into the next; the check runs on the
    /// second batch, restoring the carried state before every forward so the finite differences
    /// see one function.
    @Test(arguments: RecurrentKind.allCases)
    func statefulCarrying(kind: RecurrentKind) throws {
        let streams = RandomStreams(seed: 13)
        let options = RecurrentOptions(units: Self.units, returnSequences: true, stateful: true)
        let layer = kind.make(inputSize: Self.inputSize, options: options, streams: streams)
        randomizeParameters(of: layer, seed: 23)
        _ = layer.forward(randomTensor([Self.batch, Self.steps, Self.inputSize], seed: 43), training: true)
        let carried = try #require(layer.initialState)
        #expect(carried == layer.finalState)
        #expect(carried[0].hidden.scalars.contains { $0 != 0 })
        let restoring = RestoringState(layer, state: carried)
        let x = randomTensor([Self.batch, Self.steps, Self.inputSize], seed: 44)
        expectAgreement(GradientCheck().mismatches(of: restoring, input: x))
    }
}

private extension RecurrentState {
    /// `hidden` through the same optional key-path type as `cell`.
    var hiddenOptional: Tensor? {
        get { hidden }
        set { hidden = newValue! }
    }
}

/// Expects a gradient check without mismatches, naming them otherwise.
private func expectAgreement(_ mismatches: [GradientCheck.Mismatch], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(mismatches.isEmpty, "\(mismatches)", sourceLocation: sourceLocation)
}

/// `‖a − b‖ / max(‖a‖, ‖b‖, 1e-3)`, as `GradientCheck` compares.
private func relativeError(_ a: [Float], _ b: [Float]) -> Float {
    var diff: Float = 0, na: Float = 0, nb: Float = 0
    for (x, y) in zip(a, b) {
        diff += (x - y) * (x - y)
        na += x * x
        nb += y * y
    }
    return diff.squareRoot() / max(na.squareRoot(), nb.squareRoot(), 1e-3)
}

/// A recurrent layer whose initial state is set to `state` before every forward.
private final class RestoringState: Layer {
    let layer: RecurrentLayer
    let state: [RecurrentState]
    init(_ layer: RecurrentLayer, state: [RecurrentState]) {
        self.layer = layer
        self.state = state
    }
    var name: String {
        get { layer.name }
        set { layer.name = newValue }
    }
    var parameters: [Parameter] { layer.parameters }
    var computesInputGradient: Bool {
        get { layer.computesInputGradient }
        set { layer.computesInputGradient = newValue }
    }
    func outputShape(forInput inputShape: [Int]) -> [Int] { layer.outputShape(forInput: inputShape) }
    func forward(_ input: Tensor, training: Bool) -> Tensor {
        layer.initialState = state
        return layer.forward(input, training: training)
    }
    func backward(_ outputGradient: Tensor) -> Tensor { layer.backward(outputGradient) }
}
