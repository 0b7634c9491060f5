import Datasets
import Engine
import Foundation
import Testing
@testable import Experiments

/// The trainer on the synthetic task: metrics per epoch, early stopping, the best epoch, and
/// a numerical failure named with its place.
@Suite struct TrainerTests {
    /// A freshly built trainer of a small synthetic experiment, with its data and streams.
    private func setUp(_ training: String, samples: Int = 400) throws -> (Trainer, SequenceDataset, BuiltModel, RandomStreams) {
        let yaml = """
            name: t
            data: {dataset: synthetic, samples: \(samples), val_samples: 200}
            embedding: {dim: 8}
            model: [lstm: {units: 16, dropout: 0.2}]
            training: \(training)
            """
        let spec = try SpecLoader.load(yaml: yaml, file: "t.yaml")
        let streams = RandomStreams(seed: spec.seed)
        let data = try DataLoader.load(spec.data, path: nil, streams: streams)
        let built = try ModelBuilder.build(spec, file: "t.yaml", input: InputDescription(data.train, vocabularySize: data.vocabulary?.count),
                                           classCount: 2, streams: streams)
        return (Trainer(built: built, spec: spec.training, streams: streams), data, built, streams)
    }

    private func train(_ training: String, samples: Int = 400) throws -> (TrainingOutcome, [Int]) {
        let (trainer, data, _, _) = try setUp(training, samples: samples)
        var written: [Int] = []
        let outcome = try trainer.fit(from: trainer.initialState(train: data.train, validation: data.validation),
                                      train: data.train, validation: data.validation, observer: nil) {
            written.append($0.log.rows.count)
        }
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

    /// Stopped in the middle of epoch 2, saved to a checkpoint and restored into a freshly built
    /// model, the run ends with exactly the metrics of a run that never stopped.
    @Test func aRunResumedFromACheckpointEndsExactlyAsAnUninterruptedOne() throws {
        let run = "{epochs: 3, batch_size: 32, optimizer: {name: adam, learning_rate: 0.01}}"
        let uninterrupted = try train(run).0

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: file) }
        let (first, data, built, streams) = try setUp(run)
        var batches = 0
        #expect(throws: RunError.interrupted(epoch: 2, batch: 5)) {
            try first.fit(from: first.initialState(train: data.train, validation: data.validation),
                          train: data.train, validation: data.validation, observer: nil,
                          shouldStop: { batches += 1; return batches == 13 + 1 + 5 },  // 13 batches and the end of epoch 1, then 5
                          onInterrupt: { state in
                              try Checkpoint.save(built.model, optimizer: first.optimizer,
                                                  metadata: state.metadata(streams: streams), to: file)
                          },
                          afterEpoch: { _ in })
        }

        let (second, data2, built2, streams2) = try setUp(run)
        let metadata = try Checkpoint.load(into: built2.model, optimizer: second.optimizer, from: file)
        let state = try TrainingState(metadata: metadata, outcome: second.initialState(train: data2.train, validation: data2.validation).outcome,
                                      streams: streams2, file: file.path)
        #expect(state.epoch == 2 && state.nextBatch == 5 && state.outcome.log.rows.count == 1)
        let resumed = try second.fit(from: state, train: data2.train, validation: data2.validation, observer: nil) { _ in }
        #expect(resumed.log == uninterrupted.log)
        #expect(resumed.bestEpoch == uninterrupted.bestEpoch)
    }

    @Test func sameSeedSameMetrics() throws {
        let run = "{epochs: 2, batch_size: 16, optimizer: {name: adam, learning_rate: 0.01}}"
        #expect(try train(run).0.log == train(run).0.log)
    }
}
