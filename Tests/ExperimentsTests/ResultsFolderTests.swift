import Foundation
import Reports
import Testing
@testable import Experiments

/// Hand-made results folders: config flattening, two folders and two sweeps compared, and
/// charts and summaries rebuilt from the CSV files.
@Suite struct ResultsFolderTests {
    /// A fresh empty folder under the temporary directory.
    func temporaryFolder(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("results-\(name.filter(\.isLetter))-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a run into `folder`: the quick start's resolved config with `units` LSTM units,
    /// and three epochs whose validation loss ends at `finalLoss`.
    func writeRun(_ folder: URL, units: Int = 32, finalLoss: Double = 0.3, summary: String? = nil,
                  training: String = "") throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = """
            name: quickstart
            data: {dataset: synthetic}
            embedding: {dim: 16}
            model:
              - lstm: {units: \(units)}
              - dropout: 0.5
            training: {epochs: 3\(training)}

            """
        try SpecLoader.load(yaml: yaml, file: "q.yaml").resolvedYAML()
            .write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let log = MetricsLog(columns: ["train_loss", "train_accuracy", "val_loss", "val_accuracy"], rows: [
            EpochMetrics(epoch: 1, values: ["train_loss": 0.7, "train_accuracy": 0.5, "val_loss": 0.6, "val_accuracy": 0.6]),
            EpochMetrics(epoch: 2, values: ["train_loss": 0.5, "train_accuracy": 0.7, "val_loss": 0.4, "val_accuracy": 0.8]),
            EpochMetrics(epoch: 3, values: ["train_loss": 0.3, "train_accuracy": 0.9, "val_loss": finalLoss, "val_accuracy": 0.9]),
        ])
        try log.csv().write(to: folder.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
        if let summary { try summary.write(to: folder.appendingPathComponent("summary.md"), atomically: true, encoding: .utf8) }
    }

    @Test func configFlattensToDottedKeysInFileOrder() throws {
        let yaml = "name: q\nmodel:\n  - lstm: {units: 32, dropout: 0.0}\n  - dropout: 0.5\n"
            + "training:\n  optimizer: {name: adam, learning_rate: 0.01}\n  extra: {}\n"
        let flat = try ConfigFlattening.flatten(yaml: yaml, file: "config.yaml")
        #expect(flat.map(\.key) == ["name", "model.0.lstm.units", "model.0.lstm.dropout", "model.1.dropout",
                                    "training.optimizer.name", "training.optimizer.learning_rate", "training.extra"])
        #expect(flat.map(\.value) == ["q", "32", "0.0", "0.5", "adam", "0.01", "{}"])
        #expect(throws: ResultsError.self) { try ConfigFlattening.flatten(yaml: "a: [1\n", file: "config.yaml") }
    }

    @Test func twoRunsDifferInTheChangedKeyAndMetric() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try writeRun(root.appendingPathComponent("a"))
        try writeRun(root.appendingPathComponent("b"), units: 64, finalLoss: 0.25)
        try writeRun(root.appendingPathComponent("c"))

        let changed = try ResultsDiff.compare(root.appendingPathComponent("a").path, root.appendingPathComponent("b").path)
        #expect(changed.hasDifferences)
        #expect(changed.runs.map(\.name) == ["quickstart"])
        #expect(changed.runs[0].configChanges == [ConfigChange(key: "model.0.lstm.units", before: "32", after: "64")])
        #expect(changed.runs[0].verdict(decimals: changed.decimals)
            == "val_loss −0.0500 (better), val_accuracy unchanged; 1 config key changed")

        let same = try ResultsDiff.compare(root.appendingPathComponent("a").path, root.appendingPathComponent("c").path)
        #expect(!same.hasDifferences)
    }

    @Test func sweepsAreComparedTrialByTrial() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = root.appendingPathComponent("old/trials"), new = root.appendingPathComponent("new/trials")
        try writeRun(old.appendingPathComponent("units=16"), units: 16)
        try writeRun(old.appendingPathComponent("units=32,lr=0.01"))
        try writeRun(old.appendingPathComponent("units=64"), units: 64)
        try writeRun(new.appendingPathComponent("units=32,lr=0.01"), finalLoss: 0.35)
        try writeRun(new.appendingPathComponent("units=64"), units: 64)
        try writeRun(new.appendingPathComponent("units=128"), units: 128)

        let comparison = try ResultsDiff.compare(root.appendingPathComponent("old").path, root.appendingPathComponent("new").path)
        #expect(comparison.addedTrials == ["units=128"])
        #expect(comparison.removedTrials == ["units=16"])
        #expect(comparison.runs.map(\.name) == ["units=32,lr=0.01", "units=64"])
        #expect(comparison.runs.map(\.hasDifferences) == [true, false])
        let text = comparison.rendered(as: .text)
        #expect(text.contains("added trials: units=128\nremoved trials: units=16\n"))
        #expect(text.contains("units=32,lr=0.01: val_loss +0.0500 (worse), val_accuracy unchanged; config unchanged"))
        #expect(text.contains("units=64: no difference"))

        // A sweep against a single run is refused.
        try writeRun(root.appendingPathComponent("single"))
        #expect(throws: ResultsError.sweepAndRun(sweep: root.appendingPathComponent("old").path,
                                                 run: root.appendingPathComponent("single").path)) {
            try ResultsDiff.compare(root.appendingPathComponent("old").path, root.appendingPathComponent("single").path)
        }
    }

    @Test func missingFoldersAndFilesAreNamed() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a").path, nowhere = root.appendingPathComponent("nowhere").path
        try writeRun(URL(fileURLWithPath: a))
        #expect(throws: ResultsError.noSuchFolder(nowhere)) { try ResultsDiff.compare(a, nowhere) }
        try FileManager.default.createDirectory(atPath: root.appendingPathComponent("empty").path, withIntermediateDirectories: true)
        let empty = root.appendingPathComponent("empty").path
        #expect(throws: ResultsError.missingFile(empty + "/config.yaml")) { try ResultsDiff.compare(a, empty) }
        #expect(throws: ResultsError.notAGitRepository(a)) { try ResultsDiff.compare(a, withRevision: "HEAD") }
    }

    @Test func reportRebuildsChartsAndSummaryFromTheCSV() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        // Without a summary, the best epoch follows the early-stopping rule of config.yaml:
        // highest val_accuracy, first reached at epoch 3 (0.9).
        let run = root.appendingPathComponent("run")
        try writeRun(run, training: ", early_stopping: {monitor: val_accuracy, patience: 5}")
        let written = try ResultsReport.rebuild(run.path)
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["loss.svg", "accuracy.svg", "summary.md"])
        let summary = try String(contentsOf: run.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.hasPrefix("# quickstart\n\nBest epoch: **3** of 3, by highest val_accuracy (0.9000).\n"))
        #expect(try String(contentsOf: run.appendingPathComponent("loss.svg"), encoding: .utf8).contains("quickstart — loss"))

        // With a summary, its best epoch and details are kept, and a sweep rebuilds every trial.
        let recorded = "# quickstart\n\nBest epoch: **2** of 3, by lowest val_loss (0.4000).\n\n- **Dataset**: synthetic: 2000 train\n"
        let sweep = root.appendingPathComponent("sweep")
        try writeRun(sweep.appendingPathComponent("trials/a"), summary: recorded)
        try writeRun(sweep.appendingPathComponent("trials/b"), summary: recorded)
        #expect(try ResultsReport.rebuild(sweep.path).count == 6)
        let rebuilt = try String(contentsOf: sweep.appendingPathComponent("trials/b/summary.md"), encoding: .utf8)
        #expect(rebuilt.contains("Best epoch: **2** of 3, by lowest val_loss (0.4000)."))
        #expect(rebuilt.contains("- **Dataset**: synthetic: 2000 train\n"))
        #expect(rebuilt.contains("| val_loss | 0.3000 | 0.3000 | 3 |"))
    }

    @Test func overlayNeedsTheMetricInEveryRun() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("lr_small"), b = root.appendingPathComponent("lr_large")
        try writeRun(a)
        try writeRun(b, finalLoss: 0.2)
        let output = root.appendingPathComponent("compare.svg")
        try ResultsReport.overlay([a.path, b.path], metric: "val_loss", output: output.path)
        let svg = try String(contentsOf: output, encoding: .utf8)
        #expect(svg.contains(">lr_small</text>") && svg.contains(">lr_large</text>"))
        #expect(throws: ResultsError.noSuchMetric(metric: "val_perplexity", run: a.path,
                                                  available: ["train_loss", "train_accuracy", "val_loss", "val_accuracy"])) {
            try ResultsReport.overlay([a.path, b.path], metric: "val_perplexity", output: output.path)
        }
    }
}
