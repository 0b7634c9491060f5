import Foundation
import Testing
@testable import Engine

/// LSTM and GRU learn a small sequence task: is the sum of eight numbers in (-1, 1) positive?
///
/// The head (one logit from the final state, binary cross-entropy) and the update (plain SGD)
/// are written out here: the engine's losses and optimizers are tested on their own, and this
/// test should depend on nothing but the recurrent layers.
@Suite struct RecurrentLearningTests {
    static let steps = 8, units = 8, batch = 32, trainingSteps = 300, learningRate: Float = 1

    /// A batch of sequences `[batch, steps, 1]` and their labels, 1 when the sum is positive.
    private func signOfSumBatch(_ size: Int, rng: RandomStream) -> (x: Tensor, y: [Float]) {
        let x = Tensor(shape: [size, Self.steps, 1], scalars: (0..<(size * Self.steps)).map { _ in rng.nextFloat(in: -1, 1) })
        let y = (0..<size).map { b in x.scalars[(b * Self.steps)..<((b + 1) * Self.steps)].reduce(0, +) > 0 ? Float(1) : 0 }
        return (x, y)
    }

    /// Trains a fresh layer and head from `seed`; returns the loss of every step and the accuracy
    /// on 512 new sequences.
    private func train(_ kind: RecurrentKind, seed: UInt64) -> (losses: [Float], accuracy: Float) {
        let streams = RandomStreams(seed: seed)
        let layer = kind.make(inputSize: 1, options: RecurrentOptions(units: Self.units), streams: streams)
        layer.computesInputGradient = false
        var w = (0..<Self.units).map { _ in streams.initialization.nextFloat(in: -0.5, 0.5) }
        var bias: Float = 0
        func logits(_ h: Tensor) -> [Float] {
            (0..<h.shape[0]).map { b in (0..<Self.units).reduce(bias) { $0 + h[b, $1] * w[$1] } }
        }

        var losses: [Float] = []
        for _ in 0..<Self.trainingSteps {
            let (x, y) = signOfSumBatch(Self.batch, rng: streams.shuffling)
            let h = layer.forward(x, training: true)
            let z = logits(h)
            // Binary cross-entropy on logits, averaged: ∂L/∂z = (σ(z) − y) / batch.
            var loss: Float = 0, dw = [Float](repeating: 0, count: Self.units), db: Float = 0
            var dh = Tensor(shape: h.shape)
            for b in 0..<Self.batch {
                loss += max(z[b], 0) - z[b] * y[b] + log(1 + exp(-abs(z[b])))
                let dz = (1 / (1 + exp(-z[b])) - y[b]) / Float(Self.batch)
                db += dz
                for j in 0..<Self.units {
                    dw[j] += dz * h[b, j]
                    dh[b, j] = dz * w[j]
                }
            }
            losses.append(loss / Float(Self.batch))
            for p in layer.parameters { p.zeroGradient() }
            _ = layer.backward(dh)
            for p in layer.parameters {
                for i in 0..<p.value.count { p.value.scalars[i] -= Self.learningRate * p.gradient.scalars[i] }
            }
            for j in 0..<Self.units { w[j] -= Self.learningRate * dw[j] }
            bias -= Self.learningRate * db
        }

        let (x, y) = signOfSumBatch(512, rng: RandomStream(seed: seed, stream: 99))
        let z = logits(layer.forward(x, training: false))
        let correct = zip(z, y).filter { ($0 > 0) == ($1 == 1) }.count
        return (losses, Float(correct) / Float(y.count))
    }

    /// Measured: 95% for both cells after 300 steps (loss 0.69 → 0.21); 90% leaves room.
    @Test(arguments: RecurrentKind.allCases)
    func learnsTheSignOfASum(kind: RecurrentKind) {
        let run = train(kind, seed: 5)
        #expect(run.accuracy >= 0.9)
        #expect(run.losses.suffix(20).reduce(0, +) / 20 < run.losses.first! / 2)
    }

    @Test(arguments: RecurrentKind.allCases)
    func theSameSeedGivesTheSameLossesBitForBit(kind: RecurrentKind) {
        #expect(train(kind, seed: 6).losses == train(kind, seed: 6).losses)
    }
}
