import Datasets
import Engine
import Foundation
import Testing
@testable import Experiments

/// `runner export`: an experiment's data, exactly as its run trains on it, as safetensors.
@Suite struct DataExportTests {
    private let experiments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("experiments")

    private func temporaryFolder(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("runner-export-\(name.filter(\.isLetter))-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func tensors(in folder: URL) throws -> [String: Tensor] {
        try Safetensors.read(from: folder.appendingPathComponent("data.safetensors")).tensors
    }

    /// The quick start with a fifth of its training data held out: the split is drawn from the
    /// run's seeded stream after the reviews, so the export must follow the run's steps.
    @Test func quickStartExportHoldsTheIdsLabelsAndSplitOfItsRun() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = experiments.appendingPathComponent("quickstart.yaml").path
        let overrides = ["data.validation=0.2", "training.epochs=1"]
        let export = try Experiment.export(file, overrides: overrides, to: folder.path)

        var rng = RandomStreams(seed: 42).sampling
        let made = SyntheticReviews.make(trainCount: 2000, validationCount: 500, maxLen: 12, using: &rng)
        let (train, validation) = made.train.split(validationFraction: 0.2, using: &rng)
        func ids(_ examples: SequenceExamples) -> [Float] {
            guard case .tokens(let ids) = examples.values else { Issue.record("expected token ids"); return [] }
            return ids.map(Float.init)
        }
        let written = try tensors(in: folder)
        #expect(written.keys.sorted() == ["train_inputs", "train_targets", "validation_inputs", "validation_targets"])
        #expect(written["train_inputs"] == Tensor(shape: [1600, 12], scalars: ids(train)))
        #expect(written["train_targets"] == Tensor(shape: [1600], scalars: train.labels.map(Float.init)))
        #expect(written["validation_inputs"] == Tensor(shape: [400, 12], scalars: ids(validation)))
        #expect(written["validation_targets"] == Tensor(shape: [400], scalars: validation.labels.map(Float.init)))
        #expect(try Safetensors.read(from: folder.appendingPathComponent("data.safetensors")).metadata
            == ["experiment": "quickstart", "classes": "2"])
        #expect(export.shapes["train_inputs"] == [1600, 12] && export.classCount == 2)

        // config.yaml and vocab.txt as a run writes them.
        guard case .single(let spec) = try Experiment.load(file, overrides: overrides) else { Issue.record("expected one experiment, not a sweep"); return }
        #expect(try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8) == spec.resolvedYAML())
        #expect(try String(contentsOf: folder.appendingPathComponent("vocab.txt"), encoding: .utf8)
            == SyntheticReviews.vocabulary.joined(separator: "\n") + "\n")
    }

    /// `init: glove`: the embedding tensor holds each vocabulary word's vector from the file and
    /// zeros for the words it lacks, as the run's frozen embedding starts.
    @Test func gloveRowsAreTheFileVectorsOfTheVocabulary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let vocabulary = SyntheticReviews.vocabulary
        let vectors = ["good": [0.5, -1.25, 2], "movie": [-0.125, 0, 3.5], "zebra": [9, 9, 9]] as [String: [Float]]
        let glove = folder.appendingPathComponent("vectors.txt")
        try vectors.map { "\($0.key) " + $0.value.map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n")
            .write(to: glove, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        _ = try Experiment.export(
            experiments.appendingPathComponent("quickstart.yaml").path,
            overrides: ["embedding.init=glove", "embedding.path=\(glove.path)", "embedding.dim=3", "embedding.trainable=false"],
            to: out.path)

        let rows = try #require(try tensors(in: out)["embedding"])
        #expect(rows.shape == [vocabulary.count, 3])
        for (id, word) in vocabulary.enumerated() {
            let row = Array(rows.scalars[id * 3 ..< id * 3 + 3])
            #expect(row == (vectors[word] ?? [0, 0, 0]), "row \(id) (\(word))")
        }
    }

    /// Feature sequences: `[N, T, F]`, here an image read by its columns, grey levels over 255;
    /// no vocabulary, and a stale `vocab.txt` in the folder goes.
    @Test func imagesReadByColumnsAreExportedAsFeatureSequences() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func idx(_ magic: UInt32, _ sizes: [UInt32], _ bytes: [UInt8]) -> Data {
            Data(([magic] + sizes).flatMap { withUnsafeBytes(of: $0.bigEndian, Array.init) } + bytes)
        }
        let trainPixels: [UInt8] = Array(0..<18).map { $0 * 10 }  // three images of 2 rows × 3 columns
        try idx(IDXImages.imagesMagic, [3, 2, 3], trainPixels).write(to: folder.appendingPathComponent("train-images-idx3-ubyte"))
        try idx(IDXImages.labelsMagic, [3], [7, 0, 3]).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"))
        try idx(IDXImages.imagesMagic, [1, 2, 3], [255, 0, 0, 0, 0, 51]).write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte"))
        try idx(IDXImages.labelsMagic, [1], [9]).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        let file = folder.appendingPathComponent("digits.yaml")
        try """
            name: digits
            data: {dataset: idx_images, path: \(folder.path), sequence: columns}
            model: [gru: {units: 2}]
            """.write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "stale\n".write(to: out.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)

        let export = try Experiment.export(file.path, to: out.path)
        let written = try tensors(in: out)
        var columns: [Float] = []
        for n in 0..<3 { for c in 0..<3 { for r in 0..<2 { columns.append(Float(trainPixels[n * 6 + r * 3 + c]) / 255) } } }
        #expect(written["train_inputs"] == Tensor(shape: [3, 3, 2], scalars: columns))
        #expect(written["train_targets"] == Tensor(shape: [3], scalars: [7, 0, 3]))
        #expect(written["validation_inputs"] == Tensor(shape: [1, 3, 2], scalars: [1, 0, 0, 0, 0, 0.2]))
        #expect(written["embedding"] == nil)
        #expect(export.classCount == 10)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("vocab.txt").path))
    }

    @Test func aLanguageModelIsRefusedBeforeAnythingIsWritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = experiments.appendingPathComponent("lyrics_char_lstm.yaml").path
        let out = folder.appendingPathComponent("out")
        #expect(throws: ExportError.languageModel(file: file, name: "lyrics_char_lstm")) {
            try Experiment.export(file, to: out.path)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
