import Engine
import Testing
@testable import Experiments

/// The engine's layers start as the experiment file says: biases, the forget gate, the output
/// layer; and a file without those keys starts exactly as before they existed.
@Suite struct InitialWeightsTests {
    static let seed: UInt64 = 1

    /// The starting weights, by parameter name, of the model whose `model:` list is `lines`, on
    /// 12 token ids of 40 embedded in 6 dimensions.
    static func weights(_ lines: String, classes: Int = 2) throws -> [String: [Float]] {
        let yaml = "name: t\ndata: {dataset: synthetic}\nembedding: {dim: 6}\nmodel:\n" + lines
        let spec = try SpecLoader.load(yaml: yaml, file: "t.yaml")
        let built = try ModelBuilder.build(spec, file: "t.yaml", input: InputDescription(exampleShape: [12], vocabularySize: 40),
                                           classCount: classes, streams: RandomStreams(seed: seed))
        return Dictionary(uniqueKeysWithValues: built.model.namedParameters.map { ($0.name, $0.parameter.value.scalars) })
    }

    static let uniform = "{name: random_uniform, minval: -0.1, maxval: 0.1}"

    /// Whether every value lies in [-0.1, 0.1) and they are not all the same.
    static func drawnWithinATenth(_ values: [Float]?) -> Bool {
        guard let values, !values.isEmpty else { return false }
        return values.allSatisfy { $0 >= -0.1 && $0 < 0.1 } && Set(values).count > 1
    }

    @Test func anLSTMWithZeroBiasAndNoForgetBiasStartsAtZero() throws {
        let weights = try Self.weights("  - lstm: {units: 4, bias_initializer: zeros, unit_forget_bias: false}\n")
        #expect(weights["lstm.bias"] == [Float](repeating: 0, count: 16))
    }

    @Test func uniformBiasesLieInTheirRangeAndDiffer() throws {
        let weights = try Self.weights("""
              - lstm: {units: 4, return_sequences: true, bias_initializer: \(Self.uniform), unit_forget_bias: false}
              - gru: {units: 4, bias_initializer: \(Self.uniform)}
              - dense: {units: 3, bias_initializer: \(Self.uniform)}

            """)
        for name in ["lstm.bias", "gru.bias_ih", "gru.bias_hh", "dense.bias"] {
            #expect(Self.drawnWithinATenth(weights[name]), "\(name): \(weights[name] ?? [])")
        }
        #expect(weights["gru.bias_ih"] != weights["gru.bias_hh"])
    }

    /// Gates i, f, g, o of 4 units each: the forget gate's slice is 1, the others drawn.
    @Test func unitForgetBiasSetsTheForgetGateToOne() throws {
        let bias = try #require(try Self.weights("  - lstm: {units: 4, bias_initializer: \(Self.uniform)}\n")["lstm.bias"])
        #expect(bias[4..<8].allSatisfy { $0 == 1 })
        #expect(Self.drawnWithinATenth(Array(bias[0..<4]) + Array(bias[8...])))
        let zero = try #require(try Self.weights("  - lstm: {units: 4}\n")["lstm.bias"])
        #expect(zero == [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test(arguments: [2, 5])
    func theOutputEntryStartsTheOutputLayer(classes: Int) throws {
        let weights = try Self.weights("  - lstm: {units: 4}\n  - output: {kernel_initializer: \(Self.uniform), bias_initializer: \(Self.uniform)}\n",
                                       classes: classes)
        #expect(Self.drawnWithinATenth(weights["output.weight"]))
        #expect(weights["output.bias"].map { values in values.allSatisfy { $0 >= -0.1 && $0 < 0.1 } } == true)
        #expect(weights["output.bias"]?.count == (classes == 2 ? 1 : classes))
    }

    /// A file without the new keys: every weight as the engine drew it before biases had
    /// initializers, computed here from a fresh stream of the same seed in the layers' order
    /// (zero biases, an LSTM's forget gate at 1, nothing drawn for either); and the same
    /// weights when the defaults are written out.
    @Test func filesWithoutTheNewKeysStartAsBefore() throws {
        let lines = """
              - lstm: {units: 4, return_sequences: true, bidirectional: true}
              - gru: {units: 4}
              - dense: {units: 3}
              - dropout: 0.5

            """
        let rng = RandomStreams(seed: Self.seed).initialization
        func draw(_ initializer: Initializer, _ shape: [Int], fanIn: Int, fanOut: Int) -> [Float] {
            var values = Tensor(shape: shape)
            initializer.fill(&values, fanIn: fanIn, fanOut: fanOut, rng: rng)
            return values.scalars
        }
        func zeros(_ count: Int) -> [Float] { [Float](repeating: 0, count: count) }
        var expected = ["embedding.weight": draw(.uniform(limit: 0.05), [40, 6], fanIn: 40, fanOut: 6)]
        for suffix in ["", "_reverse"] {
            expected["lstm.weight_ih" + suffix] = draw(.glorotUniform, [16, 6], fanIn: 6, fanOut: 16)
            expected["lstm.weight_hh" + suffix] = draw(.orthogonal(), [16, 4], fanIn: 4, fanOut: 16)
            expected["lstm.bias" + suffix] = zeros(4) + [1, 1, 1, 1] + zeros(8)
        }
        expected["gru.weight_ih"] = draw(.glorotUniform, [12, 8], fanIn: 8, fanOut: 12)
        expected["gru.weight_hh"] = draw(.orthogonal(), [12, 4], fanIn: 4, fanOut: 12)
        expected["gru.bias_ih"] = zeros(12)
        expected["gru.bias_hh"] = zeros(12)
        expected["dense.weight"] = draw(.glorotUniform, [3, 4], fanIn: 4, fanOut: 3)
        expected["dense.bias"] = zeros(3)
        expected["output.weight"] = draw(.glorotUniform, [1, 3], fanIn: 3, fanOut: 1)
        expected["output.bias"] = zeros(1)

        let weights = try Self.weights(lines)
        #expect(weights == expected)
        let explicit = lines
            .replacingOccurrences(of: "bidirectional: true}", with: "bidirectional: true, bias_initializer: zeros, unit_forget_bias: true}")
            .replacingOccurrences(of: "gru: {units: 4}", with: "gru: {units: 4, bias_initializer: zeros}")
            .replacingOccurrences(of: "dense: {units: 3}", with: "dense: {units: 3, bias_initializer: zeros}")
            + "  - output: {kernel_initializer: glorot_uniform, bias_initializer: zeros}\n"
        #expect(try Self.weights(explicit) == weights)
    }
}
