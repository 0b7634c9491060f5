import Datasets
import Engine
import Testing
@testable import Experiments

/// The builder: spec to engine model, with Keras's parameter counts and the task's output layer.
@Suite struct BuilderTests {
    private func build(_ model: String, classes: Int = 2,
                       input: InputDescription = InputDescription(exampleShape: [80], vocabularySize: 10_000)) throws -> BuiltModel {
        let yaml = "name: t\ndata: {dataset: synthetic}\nembedding: {dim: 50, trainable: false}\nmodel:\n\(model)"
        let spec = try SpecLoader.load(yaml: yaml, file: "t.yaml")
        return try ModelBuilder.build(spec, file: "t.yaml", input: input, classCount: classes, streams: RandomStreams(seed: 1))
    }

    /// The IMDB GRU model of the design: Keras counts 500,000 frozen embedding weights, then
    /// 3·64·(50+64+2) = 22,272 and 3·64·(64+64+2) = 24,960 for the GRUs, 2,080 and 33 for the dense layers.
    @Test func stackedGRUHasKerasParameterCounts() throws {
        let built = try build("""
              - gru: {units: 64, return_sequences: true, dropout: 0.5}
              - gru: {units: 64, dropout: 0.5}
              - dense: {units: 32, activation: relu}
              - dropout: 0.5
            """)
        let layers = built.model.layers
        #expect(layers.map(\.name) == ["embedding", "gru", "gru_1", "dense", "dropout", "output"])
        #expect(layers.map { $0.trainableParameterCount + $0.frozenParameterCount } == [500_000, 22_272, 24_960, 2_080, 0, 33])
        #expect(built.model.frozenParameterCount == 500_000)
        #expect(built.model.trainableParameterCount == 22_272 + 24_960 + 2_080 + 33)
        #expect(built.model.outputShapes(forInput: [80]) == [[80, 50], [80, 64], [64], [32], [32], [1]])
        // A frozen embedding first: nothing before the first GRU needs a gradient.
        #expect(layers.map(\.computesInputGradient) == [false, false, true, true, true, true])
    }

    @Test func manyClassesGetASoftmaxOutputAndBidirectionalDoublesTheWidth() throws {
        let built = try build("  - lstm: {units: 8, bidirectional: true}\n", classes: 10,
                              input: InputDescription(exampleShape: [28, 28], vocabularySize: nil))
        #expect(built.model.outputShapes(forInput: [28, 28]) == [[16], [10]])
        #expect(built.model.layers.map(\.name) == ["lstm", "output"])
        // 2 directions × 4·8·(28+8+1) and the output layer 16·10+10.
        #expect(built.model.trainableParameterCount == 2 * 4 * 8 * 37 + 170)
        guard case .softmaxCrossEntropy = built.loss else { Issue.record("expected softmax cross-entropy"); return }
    }

    /// The spec's initializers reach the engine's layers; the output layer keeps its glorot_uniform.
    @Test func initializersOfTheSpecStartTheWeights() throws {
        let yaml = """
            name: t
            data: {dataset: synthetic}
            embedding: {dim: 50, embeddings_initializer: {name: random_uniform, minval: 0.2, maxval: 0.3}}
            model:
              - lstm: {units: 8, return_sequences: true, kernel_initializer: zeros, recurrent_initializer: {name: random_uniform, minval: -0.01, maxval: 0.01}}
              - gru: {units: 8, kernel_initializer: {name: random_uniform, minval: 1, maxval: 2}, recurrent_initializer: zeros}
              - dense: {units: 4, kernel_initializer: {name: random_uniform, minval: -3, maxval: -2}}
            """
        let spec = try SpecLoader.load(yaml: yaml, file: "t.yaml")
        let built = try ModelBuilder.build(spec, file: "t.yaml", input: InputDescription(exampleShape: [12], vocabularySize: 40),
                                           classCount: 2, streams: RandomStreams(seed: 1))
        let weights = Dictionary(uniqueKeysWithValues: built.model.namedParameters.map { ($0.name, $0.parameter.value.scalars) })
        func within(_ name: String, _ low: Float, _ high: Float) -> Bool { weights[name]!.allSatisfy { $0 >= low && $0 < high } }
        #expect(within("embedding.weight", 0.2, 0.3))
        #expect(weights["lstm.weight_ih"]!.allSatisfy { $0 == 0 } && within("lstm.weight_hh", -0.01, 0.01))
        #expect(within("gru.weight_ih", 1, 2) && weights["gru.weight_hh"]!.allSatisfy { $0 == 0 })
        #expect(within("dense.weight", -3, -2))
        #expect(weights["output.weight"]!.allSatisfy { $0 > -2 })
    }

    @Test func tokenInputWithoutAnEmbeddingIsAClearError() throws {
        var spec = try SpecLoader.load(yaml: "name: t\ndata: {dataset: synthetic}\nembedding: {dim: 4}\nmodel: [lstm: {units: 8}]",
                                       file: "t.yaml")
        spec.embedding = nil
        #expect(throws: RunError.embeddingRequired(file: "t.yaml", dataset: "synthetic")) {
            try ModelBuilder.build(spec, file: "t.yaml", input: InputDescription(exampleShape: [12], vocabularySize: 40),
                                   classCount: 2, streams: RandomStreams(seed: 1))
        }
    }

    @Test func sameSeedSameInitialWeights() throws {
        let a = try build("  - lstm: {units: 8}\n").model.namedParameters.map(\.parameter.value)
        let b = try build("  - lstm: {units: 8}\n").model.namedParameters.map(\.parameter.value)
        #expect(a == b)
    }
}
