import Foundation
import Reports
import Testing
@testable import Experiments

/// One bad input and what it must give: the whole message, and whether it is a problem of the
/// experiment file (found before anything runs; the runner exits 2) or of running it (exit 1).
struct BadInput: CustomTestStringConvertible, Sendable {
    enum Kind: Sendable {
        /// `SpecErrors`, every diagnostic at `FILE:LINE:COLUMN`.
        case configuration
        /// `ExperimentFailure`, naming the experiment file and the data file.
        case runtime
    }

    var name: String
    /// The experiment file's bytes (not always UTF-8).
    var experiment: [UInt8]
    /// Data files written beside it, by name.
    var data: [String: [UInt8]] = [:]
    var kind: Kind
    /// The message, with `{dir}` standing for the folder of the files.
    var message: String

    init(_ name: String, _ experiment: String, data: [String: String] = [:], _ kind: Kind, _ message: String) {
        self.init(name, bytes: Array(experiment.utf8), data: data.mapValues { Array($0.utf8) }, kind, message)
    }

    init(_ name: String, bytes: [UInt8], data: [String: [UInt8]] = [:], _ kind: Kind, _ message: String) {
        self.name = name
        self.experiment = bytes
        self.data = data
        self.kind = kind
        self.message = message
    }

    var testDescription: String { name }
}

/// A small valid experiment on the synthetic data, for the files broken in one place.
private let synthetic = """
    name: bad
    data: {dataset: synthetic, samples: 64, val_samples: 16}
    embedding: {dim: 4}
    model:
      - lstm: {units: 4}
    training:
      epochs: 1
      batch_size: 8

    """

/// The same on a table of reviews, `reviews.csv` beside the experiment.
private let table = """
    name: bad
    data: {dataset: text_table, vocab_size: 20, max_len: 6, validation: 0.25, path: {dir}/reviews.csv}
    embedding: {dim: 4}
    model:
      - lstm: {units: 4}
    training: {epochs: 1, batch_size: 8}

    """

/// A table of `count` reviews, alternately negative and positive unless `labels` says otherwise.
private func reviews(_ count: Int, labels: [String] = ["neg", "pos"]) -> String {
    "text,label\n" + (0..<count).map { "\"review \($0) was \(labels[$0 % labels.count])\",\(labels[$0 % labels.count])\n" }.joined()
}

/// An alias bomb: nine levels of ten aliases each, 10⁹ nodes once expanded.
private let aliasBomb: String = {
    var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for (name, previous) in zip("bcdefghi", "abcdefgh") {
        yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
    }
    return yaml
}()

/// The catalogue of bad inputs of issue 9, each with the message it must give. Each runs through
/// `Experiment.run` as the runner calls it, and must leave no results folder behind; the
/// runner's exit statuses are checked on a representative few in `RunnerTests`.
@Suite struct BadInputCatalogueTests {
    static let catalogue: [BadInput] = [
        BadInput("YAML syntax", "name: bad\n  data: x\n", .configuration,
                 "{file}:2:7: error: invalid YAML: mapping values are not allowed in this context"),
        BadInput("unclosed flow sequence", synthetic.replacingOccurrences(of: "  - lstm: {units: 4}\n", with: "  [lstm: {units: 4}\n"),
                 .configuration, "{file}:6:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 5, column 3)"),
        BadInput("tab", "name: bad\ndata:\n\tdataset: synthetic\n", .configuration,
                 "{file}:3:1: error: invalid YAML: a tab character; YAML indents with spaces only"),
        BadInput("duplicate key", synthetic + "name: again\n", .configuration,
                 "{file}:9:1: error: duplicate key `name`: a key may appear once in a mapping (first at line 1)"),
        BadInput("unknown key", synthetic.replacingOccurrences(of: "batch_size", with: "batch_sise"), .configuration,
                 "{file}:8:3: error: training: unknown key `batch_sise` (did you mean `batch_size`?)"),
        BadInput("wrong type", synthetic.replacingOccurrences(of: "epochs: 1", with: "epochs: one"), .configuration,
                 "{file}:7:11: error: training.epochs: expected an integer, found `one`"),
        BadInput("a list for a number", synthetic.replacingOccurrences(of: "units: 4", with: "units: [4]"), .configuration,
                 "{file}:5:19: error: model[0].lstm.units: expected an integer, found a list"),
        BadInput("out of range", synthetic.replacingOccurrences(of: "units: 4", with: "units: 4, dropout: 1.5"), .configuration,
                 "{file}:5:31: error: model[0].lstm.dropout: must be in [0, 1), found 1.5"),
        BadInput("negative learning rate", synthetic + "  optimizer: {name: sgd, learning_rate: -0.1}\n", .configuration,
                 "{file}:9:41: error: training.optimizer.learning_rate: must be greater than 0, found -0.1"),
        BadInput("infinite number", synthetic + "  clip_norm: .inf\n", .configuration,
                 "{file}:9:14: error: training.clip_norm: expected a finite number, found `.inf`"),
        BadInput("unknown dataset", synthetic.replacingOccurrences(of: "dataset: synthetic", with: "dataset: cifar10"), .configuration,
                 "{file}:2:17: error: data.dataset: unknown dataset `cifar10`; "
                    + "expected one of synthetic, imdb, text_folder, text_table, idx_images, text_corpus"),
        BadInput("unknown layer", synthetic.replacingOccurrences(of: "- lstm", with: "- lstn"), .configuration,
                 "{file}:5:5: error: model[0]: unknown layer type `lstn` (did you mean `lstm`?); layer types: lstm, gru, dense, dropout"),
        BadInput("unknown optimizer", synthetic + "  optimizer: adamw\n", .configuration,
                 "{file}:9:14: error: training.optimizer: unknown optimizer `adamw` (did you mean `adam`?); "
                    + "expected one of sgd, adam, rmsprop, adagrad"),
        BadInput("vocab_size below 4", table.replacingOccurrences(of: "vocab_size: 20", with: "vocab_size: 3"), .configuration,
                 "{file}:2:41: error: data.vocab_size: must be at least 4, found 3"),
        BadInput("a sweep key that points nowhere", synthetic + "sweep:\n  grid:\n    model.3.lstm.units: [2, 4]\n", .configuration,
                 "{file}:11:11: error: model has 1 item, numbered from 0; there is no item `3`"),
        BadInput("a sweep key that is no setting", synthetic + "sweep:\n  grid:\n    training.epoch: [1, 2]\n", .configuration,
                 "{file}:11:14: error: training: unknown key `epoch` (did you mean `epochs`?)"),
        BadInput("a random sweep of 10⁸ trials", synthetic + "sweep:\n  random:\n    trials: 100000000\n"
                    + "    model.0.lstm.units: {int: [1, 1000]}\n", .configuration,
                 "{file}:11:13: error: sweep.random.trials: must be in [1, 10000], found 100000000"),
        BadInput("a grid of 10⁵ trials", synthetic + "sweep:\n  grid:\n"
                    + ["training.epochs", "training.batch_size", "model.0.lstm.units", "embedding.dim", "seed"]
                        .map { "    \($0): [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" }.joined(), .configuration,
                 "{file}:11:5: error: sweep.grid: 10 × 10 × 10 × 10 × 10 combinations are more than the 10000 trials "
                    + "a sweep may have; vary fewer settings, or fewer values"),
        BadInput("not UTF-8", bytes: Array("name: bad\n# caf".utf8) + [0xE9] + Array("\ndata: {dataset: synthetic}\n".utf8),
                 .configuration, "{file}:2:6: error: not UTF-8 text: byte 0xE9 at offset 15 does not belong here; save the file as UTF-8"),
        BadInput("alias bomb", aliasBomb, .configuration,
                 "{file}:1:1: error: the document expands to more than 100000 YAML nodes (aliases of aliases?); refusing to read it"),
        BadInput("empty file", "", .configuration,
                 "{file}:1:1: error: missing required key `name`\n{file}:1:1: error: missing required key `data`\n"
                    + "{file}:1:1: error: missing required key `model`"),
        BadInput("missing data file", table.replacingOccurrences(of: "reviews.csv", with: "nowhere.csv"), .runtime,
                 "{file}: error: cannot find {dir}/nowhere.csv; tried:\n  {dir}/nowhere.csv\n"
                    + "check the path, or put the file in one of these folders (RUNNER_DATA lists more, separated by ':')"),
        BadInput("empty data file", table, data: ["reviews.csv": "\n"], .runtime,
                 "{file}: error: {dir}/reviews.csv: the file is empty"),
        BadInput("a table without rows", table, data: ["reviews.csv": "text,label\n"], .runtime,
                 "{file}: error: {dir}/reviews.csv: the table has a header row but no rows of data"),
        BadInput("one class", table, data: ["reviews.csv": reviews(40, labels: ["pos"])], .runtime,
                 "{file}: error: {dir}/reviews.csv: every training example is of the class `pos`; "
                    + "a classifier needs examples of at least two classes"),
        BadInput("batch_size larger than the data", table, data: ["reviews.csv": reviews(8)], .runtime,
                 "{file}: error: training.batch_size is 8, but {dir}/reviews.csv gives only 6 training examples; "
                    + "lower training.batch_size to 6 or less"),
        BadInput("a row without a label", table, data: ["reviews.csv": reviews(20) + "\"no label\",\n"], .runtime,
                 "{file}: error: {dir}/reviews.csv:22: the label (column \"label\") is missing"),
        BadInput("no test split", table.replacingOccurrences(of: ", validation: 0.25", with: ""), data: ["reviews.csv": reviews(20)],
                 .runtime, "{file}: error: {dir}/reviews.csv has no test split for validation (text_table); "
                    + "set data.validation to a fraction of the training data, e.g. 0.2"),
    ]

    @Test(arguments: catalogue)
    func isRefusedWithItsMessageAndLeavesNothing(_ input: BadInput) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml")
        let text = String(decoding: input.experiment, as: UTF8.self)
        let bytes = text.contains("{dir}") ? Array(text.replacingOccurrences(of: "{dir}", with: dir.path).utf8) : input.experiment
        try Data(bytes).write(to: file)
        for (name, contents) in input.data { try Data(contents).write(to: dir.appendingPathComponent(name)) }
        let results = dir.appendingPathComponent("results")
        let expected = input.message.replacingOccurrences(of: "{file}", with: file.path)
            .replacingOccurrences(of: "{dir}", with: dir.path)

        let error = #expect(throws: (any Error).self) {
            try Experiment.run(file.path, options: .writing(to: results.path))
        }
        switch input.kind {
        case .configuration: #expect(error is SpecErrors, "\(String(describing: error))")
        case .runtime: #expect(error is ExperimentFailure, "\(String(describing: error))")
        }
        #expect(error.map { "\($0)" } == expected)
        #expect(!FileManager.default.fileExists(atPath: results.path), "a results folder was created")
    }

    /// Every configuration message names the file and a place inside it, and every runtime one
    /// names the experiment file and the data file.
    @Test func everyMessageNamesTheFileAndThePlace() {
        for input in Self.catalogue {
            for line in input.message.split(separator: "\n") where line.contains("error:") {
                switch input.kind {
                case .configuration:
                    #expect(line.wholeMatch(of: /\{file\}:\d+:\d+: error: .+/) != nil, "\(input.name): \(line)")
                case .runtime:
                    #expect(line.hasPrefix("{file}: error: ") && line.contains("{dir}/"), "\(input.name): \(line)")
                }
            }
        }
    }

    /// Data that is not UTF-8 is read with replacement characters and counted in one warning;
    /// the run goes on.
    @Test func textThatIsNotUTF8IsReadWithAWarning() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = Array("text,label\n\"caf".utf8) + [0xE9] + Array(" was good\",pos\n\"bad ".utf8) + [0xFF, 0xFE]
        csv += Array(" day\",neg\n".utf8) + Array(reviews(30).utf8.dropFirst("text,label\n".utf8.count))
        try Data(csv).write(to: dir.appendingPathComponent("reviews.csv"))
        let file = dir.appendingPathComponent("latin1.yaml")
        try table.replacingOccurrences(of: "{dir}", with: dir.path).write(to: file, atomically: true, encoding: .utf8)

        let observer = RecordingObserver()
        try Experiment.run(file.path, options: .writing(to: dir.appendingPathComponent("results").path), observer: observer)
        #expect(observer.warnings == [
            "warning: 3 invalid UTF-8 sequences read as U+FFFD (the replacement character); "
                + "the first at \(dir.path)/reviews.csv:2:5 (byte 15)",
        ])
        let vocabulary = try String(contentsOf: dir.appendingPathComponent("results/vocab.txt"), encoding: .utf8)
        #expect(vocabulary.split(separator: "\n").contains("caf\u{FFFD}"))
    }

    /// A loss that is no longer a number stops the run at its epoch and batch, with a hint; the
    /// epochs before it stay on disk.
    @Test func aDivergingRunKeepsTheEpochsBefore() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quickstart = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("experiments/quickstart.yaml").path
        // Found by trying: at this learning rate the weights overflow during epoch 2.
        let overrides = ["data.samples=256", "training.epochs=4", "training.optimizer={name: sgd, learning_rate: 1.0e+21}"]
        let results = dir.appendingPathComponent("results")

        let error = #expect(throws: ExperimentFailure.self) {
            try Experiment.run(quickstart, options: .writing(to: results.path, overrides: overrides))
        }
        #expect(error?.description == "\(quickstart): error: the loss became NaN at epoch 2, batch 3; the metrics of epoch 1 "
            + "are kept; try a smaller learning rate or set training.clip_norm")
        let metrics = try String(contentsOf: results.appendingPathComponent("metrics.csv"), encoding: .utf8)
        #expect(metrics.split(separator: "\n").map { $0.prefix(2) } == ["ep", "1,"])
    }

    /// A fresh empty folder under the temporary directory.
    private func temporaryFolder(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("bad-input-\(name.filter(\.isLetter))-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension RunOptions {
    /// The options of `runner run --output FOLDER --set OVERRIDE...`.
    static func writing(to folder: String, overrides: [String] = []) -> RunOptions {
        var options = RunOptions(executable: "runner")
        (options.output, options.overrides) = (folder, overrides)
        return options
    }
}

/// An observer that keeps the warnings.
private final class RecordingObserver: TrainingObserver {
    var warnings: [String] = []

    func epochStarted(_ epoch: Int, of epochs: Int, batches: Int) {}
    func batchFinished(_ batch: Int, meanLoss: Double) {}
    func epochFinished(_ metrics: EpochMetrics, seconds: Double) {}
    func note(_ text: String) {}
    func warning(_ text: String) { warnings.append(text) }
}
