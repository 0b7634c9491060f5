import Testing
@testable import Engine

@Suite struct EmbeddingTests {
    /// Two sequences with padding (0) and ids repeated within and across them.
    static let ids = Tensor(shape: [2, 4], scalars: [0, 3, 1, 3, 2, 3, 0, 5])

    @Test func forwardCopiesTheRowOfEachId() {
        let embedding = Embedding(vocabularySize: 6, dimension: 3, streams: RandomStreams(seed: 1))
        let output = embedding.forward(Self.ids, training: false)
        #expect(output.shape == [2, 4, 3])
        for b in 0..<2 {
            for t in 0..<4 {
                let id = Int(Self.ids[b, t])
                #expect((0..<3).map { output[b, t, $0] } == (0..<3).map { embedding.weight.value[id, $0] })
            }
        }
    }

    @Test func gradientMatchesFiniteDifferences() {
        let embedding = Embedding(vocabularySize: 6, dimension: 3, streams: RandomStreams(seed: 2))
        #expect(GradientCheck().mismatches(of: embedding, input: Self.ids, checkInput: false).isEmpty)
    }

    @Test func backwardAddsEachStepsGradientToTheRowOfItsId() {
        let embedding = Embedding(vocabularySize: 6, dimension: 3, streams: RandomStreams(seed: 3))
        _ = embedding.forward(Self.ids, training: true)
        let outputGradient = Tensor(shape: [2, 4, 3], scalars: (0..<24).map { Float($0) })
        #expect(embedding.backward(outputGradient).count == 0)
        // Id 3 is read at [0, 1], [0, 3] and [1, 1]: steps 1, 3 and 5 of the flattened batch.
        func gradientRow(_ id: Int) -> [Float] { (0..<3).map { embedding.weight.gradient[id, $0] } }
        let id3: [Float] = [3 + 9 + 15, 4 + 10 + 16, 5 + 11 + 17]
        let id0: [Float] = [0 + 18, 1 + 19, 2 + 20]
        #expect(gradientRow(3) == id3)
        #expect(gradientRow(0) == id0)
        #expect(gradientRow(4) == [0, 0, 0])
    }

    @Test func frozenTableGetsNoGradient() {
        let embedding = Embedding(vocabularySize: 6, dimension: 3, trainable: false, streams: RandomStreams(seed: 4))
        #expect(embedding.trainableParameterCount == 0)
        #expect(embedding.frozenParameterCount == 18)
        _ = embedding.forward(Self.ids, training: true)
        #expect(embedding.backward(Tensor(shape: [2, 4, 3], repeating: 1)).count == 0)
        #expect(embedding.weight.gradient == Tensor(shape: [6, 3]))

        embedding.isTrainable = true
        #expect(embedding.weight.isTrainable)
        _ = embedding.forward(Self.ids, training: true)
        _ = embedding.backward(Tensor(shape: [2, 4, 3], repeating: 1))
        #expect(embedding.weight.gradient[3, 0] == 3)
    }

    @Test func initialisesUniformInKerasRangeFromTheSeed() {
        let a = Embedding(vocabularySize: 100, dimension: 20, streams: RandomStreams(seed: 5))
        let b = Embedding(vocabularySize: 100, dimension: 20, streams: RandomStreams(seed: 5))
        #expect(a.weight.value == b.weight.value)
        #expect(a.weight.value.scalars.allSatisfy { abs($0) <= 0.05 })
        #expect(a.weight.value.scalars.map(abs).max()! > 0.045)
        #expect(a.parameters.map(\.name) == ["weight"])
    }

    @Test func initialisesFromTheGivenInitializer() {
        let embedding = Embedding(vocabularySize: 100, dimension: 20, initializer: .uniform(limit: 0.1),
                                  streams: RandomStreams(seed: 5))
        #expect(embedding.weight.value.scalars.allSatisfy { abs($0) <= 0.1 })
        #expect(embedding.weight.value.scalars.map(abs).max()! > 0.095)
    }

    @Test func setRowsReplacesTheTable() {
        let embedding = Embedding(vocabularySize: 3, dimension: 2, streams: RandomStreams(seed: 6))
        let glove = Tensor(shape: [3, 2], scalars: [0, 0, 1, 2, 3, 4])
        embedding.setRows(glove)
        let output = embedding.forward(Tensor(shape: [1, 2], scalars: [2, 1]), training: false)
        #expect(output.scalars == [3, 4, 1, 2])
    }

    @Test func idOutsideTheVocabularyStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let embedding = Embedding(vocabularySize: 3, dimension: 2, streams: RandomStreams(seed: 7))
            _ = embedding.forward(Tensor(shape: [1, 2], scalars: [1, 3]), training: false)
        }
    }

    // MARK: - Embedding → pooling → Dense → loss, against PyTorch

    @Test func meanOverTimeDenseBinaryCrossEntropyMatchesPyTorch() throws {
        let golden = try Golden("embedding_mean_dense_bce")
        let embedding = Embedding(vocabularySize: 10, dimension: 4, streams: RandomStreams(seed: 0))
        let dense = Dense(inputSize: 4, units: 1, streams: RandomStreams(seed: 0))
        try golden.load(embedding, as: "embedding")
        try golden.load(dense, as: "dense")

        let embedded = embedding.forward(try golden["ids"], training: true)
        let logits = dense.forward(meanOverTime(embedded), training: true)
        let result = Loss.binaryCrossEntropy.evaluate(logits: logits, targets: try golden["targets"])
        try expectLoss(result, logits: logits, match: golden)
        _ = embedding.backward(meanOverTimeBackward(dense.backward(result.gradient), steps: embedded.shape[1]))
        #expect(try golden.gradientDifferences(of: dense, as: "dense").values.allSatisfy { $0 < 1e-4 })
        #expect(try golden.gradientDifferences(of: embedding, as: "embedding").values.allSatisfy { $0 < 1e-4 })
    }

    @Test func lastStepDenseSoftmaxCrossEntropyMatchesPyTorch() throws {
        let golden = try Golden("embedding_last_dense_softmax_ce")
        let embedding = Embedding(vocabularySize: 10, dimension: 4, streams: RandomStreams(seed: 0))
        let hidden = Dense(inputSize: 4, units: 8, activation: .relu, streams: RandomStreams(seed: 0))
        let output = Dense(inputSize: 8, units: 5, streams: RandomStreams(seed: 0))
        try golden.load(embedding, as: "embedding")
        try golden.load(hidden, as: "hidden")
        try golden.load(output, as: "output")

        let embedded = embedding.forward(try golden["ids"], training: true)
        let logits = output.forward(hidden.forward(lastStep(embedded), training: true), training: true)
        let result = Loss.softmaxCrossEntropy.evaluate(logits: logits, targets: try golden["targets"])
        try expectLoss(result, logits: logits, match: golden)
        let dLast = hidden.backward(output.backward(result.gradient))
        _ = embedding.backward(lastStepBackward(dLast, steps: embedded.shape[1]))
        #expect(try golden.gradientDifferences(of: output, as: "output").values.allSatisfy { $0 < 1e-4 })
        #expect(try golden.gradientDifferences(of: hidden, as: "hidden").values.allSatisfy { $0 < 1e-4 })
        #expect(try golden.gradientDifferences(of: embedding, as: "embedding").values.allSatisfy { $0 < 1e-4 })
    }

    @Test(arguments: [(LossReduction.mean, "mean"), (.sumOverSteps, "sum_over_steps")])
    func perStepDenseSoftmaxCrossEntropyMatchesPyTorch(reduction: LossReduction, fixture: String) throws {
        let golden = try Golden("embedding_dense_per_step_ce_\(fixture)")
        let embedding = Embedding(vocabularySize: 10, dimension: 4, streams: RandomStreams(seed: 0))
        let dense = Dense(inputSize: 4, units: 10, streams: RandomStreams(seed: 0))
        try golden.load(embedding, as: "embedding")
        try golden.load(dense, as: "dense")

        let logits = dense.forward(embedding.forward(try golden["ids"], training: true), training: true)
        let result = Loss.softmaxCrossEntropy.evaluate(logits: logits, targets: try golden["targets"],
                                                       reduction: reduction)
        try expectLoss(result, logits: logits, match: golden)
        #expect(result.count == 20)
        _ = embedding.backward(dense.backward(result.gradient))
        #expect(try golden.gradientDifferences(of: dense, as: "dense").values.allSatisfy { $0 < 1e-4 })
        #expect(try golden.gradientDifferences(of: embedding, as: "embedding").values.allSatisfy { $0 < 1e-4 })
    }

    private func expectLoss(_ result: LossResult, logits: Tensor, match golden: Golden) throws {
        #expect(maxAbsDifference(logits, try golden["logits"]) < 1e-4)
        #expect(abs(result.loss - (try golden["loss"]).scalars[0]) < 1e-4)
        #expect(maxAbsDifference(result.gradient, try golden["logits_grad"]) < 1e-4)
        #expect(Float(result.correct) == (try golden["correct"]).scalars[0])
    }

    /// `[batch, time, dim]` → `[batch, dim]`, the mean over time.
    private func meanOverTime(_ x: Tensor) -> Tensor {
        let (batch, steps, dim) = (x.shape[0], x.shape[1], x.shape[2])
        var y = Tensor(shape: [batch, dim])
        for b in 0..<batch {
            for t in 0..<steps {
                for d in 0..<dim { y[b, d] += x[b, t, d] / Float(steps) }
            }
        }
        return y
    }

    private func meanOverTimeBackward(_ dy: Tensor, steps: Int) -> Tensor {
        let (batch, dim) = (dy.shape[0], dy.shape[1])
        var dx = Tensor(shape: [batch, steps, dim])
        for b in 0..<batch {
            for t in 0..<steps {
                for d in 0..<dim { dx[b, t, d] = dy[b, d] / Float(steps) }
            }
        }
        return dx
    }

    /// `[batch, time, dim]` → `[batch, dim]`, the last step.
    private func lastStep(_ x: Tensor) -> Tensor {
        let (batch, steps, dim) = (x.shape[0], x.shape[1], x.shape[2])
        var y = Tensor(shape: [batch, dim])
        for b in 0..<batch {
            for d in 0..<dim { y[b, d] = x[b, steps - 1, d] }
        }
        return y
    }

    private func lastStepBackward(_ dy: Tensor, steps: Int) -> Tensor {
        let (batch, dim) = (dy.shape[0], dy.shape[1])
        var dx = Tensor(shape: [batch, steps, dim])
        for b in 0..<batch {
            for d in 0..<dim { dx[b, steps - 1, d] = dy[b, d] }
        }
        return dx
    }
}
