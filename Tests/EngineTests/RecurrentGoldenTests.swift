import Testing
@testable import Engine

/// LSTM and GRU against PyTorch (`scripts/golden/gen_recurrent.py`): forward and every gradient
/// to 1e-4.
@Suite struct RecurrentGoldenTests {
    static let inputSize = 4, units = 6, tolerance: Float = 1e-4

    /// Builds the layers described, loads the fixture's weights (and initial state), runs forward
    /// and backward in training mode, and compares everything the fixture holds.
    private func check(_ name: String, _ kind: RecurrentKind, _ layerOptions: [RecurrentOptions]) throws {
        let golden = try Golden(name)
        var inputSize = Self.inputSize
        var layers: [RecurrentLayer] = []
        for (i, options) in layerOptions.enumerated() {
            let layer = kind.make(inputSize: inputSize, options: options, streams: RandomStreams(seed: 1))
            for p in layer.parameters { p.value = try golden["layer\(i).\(p.name)"] }
            layers.append(layer)
            inputSize = options.units * (options.bidirectional ? 2 : 1)
        }
        if let h0 = golden.tensors["h0"] {
            layers[0].initialState = [RecurrentState(hidden: h0, cell: golden.tensors["c0"])]
        }
        let model = Sequential(layers)
        layers[0].computesInputGradient = true

        let output = model.forward(try golden["input"], training: true)
        #expect(maxAbsDifference(output, try golden["output"]) < Self.tolerance, "\(name): output")
        var gradient = try golden["output_gradient"]
        for layer in layers.reversed() { gradient = layer.backward(gradient) }
        #expect(maxAbsDifference(gradient, try golden["input_gradient"]) < Self.tolerance, "\(name): input gradient")
        for (i, layer) in layers.enumerated() {
            for p in layer.parameters {
                let expected = try golden["layer\(i).\(p.name).gradient"]
                #expect(maxAbsDifference(p.gradient, expected) < Self.tolerance, "\(name): layer\(i).\(p.name) gradient")
            }
        }
        if golden.tensors["h0"] != nil {
            let stateGradient = try #require(layers[0].initialStateGradient.first)
            #expect(maxAbsDifference(stateGradient.hidden, try golden["h0.gradient"]) < Self.tolerance, "\(name): h0 gradient")
            if let c = stateGradient.cell {
                #expect(maxAbsDifference(c, try golden["c0.gradient"]) < Self.tolerance, "\(name): c0 gradient")
            }
        }
    }

    @Test(arguments: RecurrentKind.allCases, [true, false])
    func stackedTwoLayers(kind: RecurrentKind, secondReturnsSequences: Bool) throws {
        try check("\(kind.rawValue)_stacked_\(secondReturnsSequences ? "sequences" : "last")", kind, [
            RecurrentOptions(units: Self.units, returnSequences: true),
            RecurrentOptions(units: Self.units, returnSequences: secondReturnsSequences),
        ])
    }

    @Test(arguments: RecurrentKind.allCases, [true, false])
    func bidirectional(kind: RecurrentKind, returnSequences: Bool) throws {
        try check("\(kind.rawValue)_bidirectional_\(returnSequences ? "sequences" : "last")", kind, [
            RecurrentOptions(units: Self.units, returnSequences: returnSequences, bidirectional: true),
        ])
    }

    @Test(arguments: RecurrentKind.allCases)
    func givenInitialState(kind: RecurrentKind) throws {
        try check("\(kind.rawValue)_initial_state", kind, [RecurrentOptions(units: Self.units, returnSequences: true)])
    }

    /// 64 units: the LSTM's gate rows (256 floats) are padded apart (`LSTMCell.gateStride`), and
    /// its products span several panels of the weights.
    @Test func lstmWithPaddedGateRows() throws {
        #expect(LSTMCell.gateStride(units: 64) > 4 * 64)
        try check("lstm_64_units", .lstm, [RecurrentOptions(units: 64, returnSequences: true)])
    }

    @Test(arguments: RecurrentKind.allCases)
    func hardSigmoidGates(kind: RecurrentKind) throws {
        try check("\(kind.rawValue)_hard_sigmoid", kind, [
            RecurrentOptions(units: Self.units, returnSequences: true, recurrentActivation: .hardSigmoid),
        ])
    }
}
