import Datasets
import Engine
import Foundation
import Testing
@testable import Experiments

/// The trainer on the synthetic task: metrics per epoch, early stopping, the best epoch, and
/// a numerical failure named with its place.
@Suite struct TrainerTests {
    private func train(_ training: String, samples: Int = 400) throws -> (TrainingOutcome, [Int]) {
        let yaml = """
            name: t
            data: {dataset: synthetic, samples: \(samples), val_samples: 200}
            embedding: {dim: 8}
            model: [lstm: {units: 16}]
            training: \(training)
            """
        let spec = try SpecLoader.load(yaml: yaml, file: "t.yaml")
        let streams = RandomStreams(seed: spec.seed)
        let data = try DataLoader.load(spec.data, path: nil, streams: streams)
        let built = try ModelBuilder.build(spec, file: "t.yaml", input: InputDescription(data.train, vocabularySize: data.vocabulary?.count),
                                           classCount: 2, streams: streams)
        var written: [Int] = []
        let outcome = try Trainer(built: built, spec: spec.training, streams: streams)
            .fit(train: data.train, validation: data.validation, observer: nil) { written.append($0.log.rows.count) }
        return (outcome, written)
    }

    @Test func everyEpochIsLoggedAndWrittenAsItEnds() throws {
        let (outcome, written) = try train("{epochs: 3, batch_size: 32, optimizer: {name: adam, learning_rate: 0.01}}")
        #expect(written == [1, 2, 3])
        #expect(outcome.log.rows.map(\.epoch) == [1, 2, 3])
        #expect(outcome.log.rows.allSatisfy { Set($0.values.keys) == Set(Trainer.columns) })
        #expect(outcome.timing.rows.count == 3)
        #expect(outcome.monitor == "val_loss")
        let losses = outcome.log.values(of: "val_loss").map(\.value)
        #expect(outcome.bestEpoch == losses.firstIndex(of: losses.min()!)! + 1)
    }

    /// A tiny learning rate never improves accuracy by half, so patience 2 stops after epoch 3.
    @Test func earlyStoppingStopsAfterPatienceEpochsWithoutImprovement() throws {
        let (outcome, _) = try train("""
            {epochs: 10, optimizer: {name: sgd, learning_rate: 1.0e-9}, early_stopping: {monitor: val_accuracy, patience: 2, min_delta: 0.5}}
            """)
        #expect(outcome.log.rows.count == 3)
        #expect(outcome.stoppedAfter == 3)
        #expect(outcome.bestEpoch == 1)
        #expect(outcome.monitor == "val_accuracy")
    }

    @Test func aDivergingRunStopsWithItsEpochAndBatch() throws {
        #expect {
            _ = try train("{epochs: 2, batch_size: 50, optimizer: {name: adam, learning_rate: 1.0e+38}}")
        } throws: { error in
            guard case RunError.numericalFailure(let epoch, let batch, let loss) = error else { return false }
            return epoch == 1 && batch >= 2 && !loss.isFinite
        }
    }

    @Test func sameSeedSameMetrics() throws {
        let run = "{epochs: 2, batch_size: 16, optimizer: {name: adam, learning_rate: 0.01}}"
        #expect(try train(run).0.log == train(run).0.log)
    }
}
