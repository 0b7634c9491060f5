import Foundation
import Testing

/// The commands a user types, through the real executable: exit statuses, messages, and what
/// is (and is not) left on disk.
@Suite struct CommandLineTests {
    let quickstart = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path

    @Test func validateAcceptsTheQuickStart() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RunnerProcess.run(["validate", quickstart], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("quickstart.yaml: ok"))
        #expect(fileNames(under: dir).isEmpty)
    }

    /// Broken files: each exits 2 with `FILE:LINE:COLUMN` and leaves no results behind.
    @Test(arguments: [
        ("unknown key", "training:\n  epochs: 2\n  batch_sise: 8\n", "3:3", "batch_size"),
        ("out of range", "training:\n  epochs: -1\n", "2:11", "epochs"),
        ("bad dropout", "model:\n  - lstm: {units: 8, dropout: 1.5}\n", "2:31", "dropout"),
        ("yaml syntax", "model: [lstm: {units: 8}\n", "2:1", "invalid YAML"),
    ])
    func brokenFilesAreRefusedWithAPlace(problem: String, yaml: String, place: String, mentions: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "name: broken\ndata: {dataset: synthetic, samples: 64}\nembedding: {dim: 4}\n"
        if !yaml.hasPrefix("model:") { text += "model:\n  - lstm: {units: 4}\n" }
        if !yaml.hasPrefix("training:") { text += "training: {epochs: 1}\n" }
        let lineOffset = text.split(separator: "\n").count
        text += yaml
        let file = dir.appendingPathComponent("broken.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let parts = place.split(separator: ":").map { Int($0)! }
        let expectedPlace = "broken.yaml:\(parts[0] + lineOffset):\(parts[1]):"

        for command in [["validate"], ["run"], []] {
            let r = try RunnerProcess.run(command + ["broken.yaml"], in: dir)
            #expect(r.status == 2, "\(problem): \(command) exited \(r.status)")
            #expect(r.stderr.contains(expectedPlace), "\(problem): expected \(expectedPlace) in: \(r.stderr)")
            #expect(r.stderr.contains(mentions), "\(problem): expected a mention of \(mentions) in: \(r.stderr)")
        }
        #expect(fileNames(under: dir) == ["broken.yaml"], "\(problem) left files behind")
    }

    @Test func overridesChangeTheRunAndBadOnesAreRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ok = try RunnerProcess.run(
            [quickstart, "--quiet", "--set", "training.epochs=1", "--set", "model.0.lstm.units=8", "--output", "out"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        let metrics = try String(contentsOf: dir.appendingPathComponent("out/metrics.csv"), encoding: .utf8)
        #expect(metrics.split(separator: "\n").count == 2)
        let config = try String(contentsOf: dir.appendingPathComponent("out/config.yaml"), encoding: .utf8)
        #expect(config.contains("units: 8"))

        let bad = try RunnerProcess.run([quickstart, "--set", "model.0.lstm.unit=8", "--output", "bad"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("units"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
    }

    @Test func inspectPrintsTheModelLikeKeras() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RunnerProcess.run(["inspect", quickstart], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // LSTM(32) on 16-dimensional embeddings: 4·32·(16 + 32 + 1) = 6,272 parameters, as Keras counts them.
        #expect(r.stdout.contains("lstm (LSTM)"))
        #expect(r.stdout.contains("6,272"))
        #expect(r.stdout.contains("output (Dense)"))
        #expect(r.stdout.contains("Trainable params:"))
        #expect(fileNames(under: dir).isEmpty)
    }

    @Test func aMissingFileIsAClearError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RunnerProcess.run(["nowhere.yaml"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("nowhere.yaml"))
        #expect(fileNames(under: dir).isEmpty)
    }
}
