import Foundation
import Testing

/// A character-level language model trained end to end through the real executable, on a small
/// corpus the test writes, then generation from its checkpoint.
@Suite(.serialized) struct LanguageModelTests {
    static let spec = """
        name: tiny_lm
        seed: 7
        data:
          dataset: text_corpus
          path: corpus.txt
          validation: 0.1
        embedding:
          init: one_hot
        model:
          - gru: {units: 32, return_sequences: true}
        training:
          epochs: 6
          batch_size: 4
          steps: 12
          optimizer: {name: adam, learning_rate: 0.01}
          clip_norm: 1.0
          checkpoint: last
        generation:
          sample_every: 3
          sample_length: 30
          prefixes: [the, fox]

        """

    /// A folder holding the corpus and the spec.
    static func workspace() throws -> URL {
        let dir = try temporaryDirectory()
        let line = "the quick brown fox jumps over the lazy dog\n"
        try String(repeating: line, count: 40).write(to: dir.appendingPathComponent("corpus.txt"), atomically: true, encoding: .utf8)
        try spec.write(to: dir.appendingPathComponent("tiny_lm.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func trainsSamplesAndGeneratesFromItsCheckpoint() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try RunnerProcess.run(["run", "tiny_lm.yaml"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let results = dir.appendingPathComponent("results/tiny_lm")
        #expect(fileNames(under: results) == ["config.yaml", "loss.svg", "metrics.csv", "model.safetensors", "perplexity.svg",
                                              "samples.txt", "summary.md", "timing.csv", "vocab.txt"])

        // Perplexity per token falls, on the training windows and on the held-out tail.
        let metrics = try String(contentsOf: results.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let lines = metrics.split(separator: "\n")
        #expect(lines.first == "epoch,train_loss,train_perplexity,val_loss,val_perplexity")
        let rows = lines.dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(rows.count == 6)
        let first = try #require(rows.first), last = try #require(rows.last)
        #expect(abs(first[2] - exp(first[1])) < 1e-3, "perplexity is the exponent of the loss per token")
        #expect(last[2] < first[2] / 2, "training perplexity \(first[2]) → \(last[2])")
        #expect(last[4] < first[4], "validation perplexity \(first[4]) → \(last[4])")

        // Samples at epochs 3 and 6, from both prefixes, shown in the progress too.
        let samples = try String(contentsOf: results.appendingPathComponent("samples.txt"), encoding: .utf8)
        let sampleLines = samples.split(separator: "\n").map(String.init)
        #expect(sampleLines.count == 6)
        #expect(sampleLines[0] == "epoch 3" && sampleLines[3] == "epoch 6")
        #expect(sampleLines[4].hasPrefix("the") && sampleLines[4].count == 3 + 30)
        #expect(sampleLines[5].hasPrefix("fox") && sampleLines[5].count == 3 + 30)
        #expect(run.stdout.contains(sampleLines[4]))

        // The checkpoint of the last epoch generates, greedily, the last epoch's sample.
        let generated = try RunnerProcess.run(["generate", "results/tiny_lm/model.safetensors", "--prefix", "the", "--length", "30"],
                                              in: dir)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout == sampleLines[4] + "\n")
    }

    @Test func unknownPrefixCharactersAndResumeAreRefusedClearly() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let badSpec = Self.spec.replacingOccurrences(of: "[the, fox]", with: "[the, 分开Q]")
        try badSpec.write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let refused = try RunnerProcess.run(["run", "bad.yaml", "--set", "training.epochs=1"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr == "bad.yaml: error: the prefix \"分开Q\" has tokens the vocabulary does not know: \"分\", \"开\", \"Q\"\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results/tiny_lm/metrics.csv").path))

        let run = try RunnerProcess.run(["run", "tiny_lm.yaml", "--set", "training.epochs=1", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let unknown = try RunnerProcess.run(["generate", "results/tiny_lm/model.safetensors", "--prefix", "the Zoo"], in: dir)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: the prefix \"the Zoo\" has tokens the vocabulary does not know: \"Z\"\n")

        // A vocab.txt that is not UTF-8 text, then an empty one: errors naming it, labelled.
        let vocab = dir.appendingPathComponent("results/tiny_lm/vocab.txt")
        let tokens = try Data(contentsOf: vocab)
        try (Data("t\nh".utf8) + [0xFF] + Data("\n".utf8)).write(to: vocab)
        let notText = try RunnerProcess.run(["generate", "results/tiny_lm/model.safetensors", "--prefix", "the"], in: dir)
        #expect(notText.status == 1)
        #expect(notText.stderr.hasPrefix("error: ") && notText.stderr.hasSuffix(
            "results/tiny_lm/vocab.txt: cannot be read: not UTF-8 text at line 2, column 2 (byte 3); "
                + "it should be the vocab.txt its run wrote\n"), "\(notText.stderr)")
        try Data().write(to: vocab)
        let empty = try RunnerProcess.run(["generate", "results/tiny_lm/model.safetensors", "--prefix", "the"], in: dir)
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix("error: ") && empty.stderr.hasSuffix("results/tiny_lm/vocab.txt: the file is empty\n"),
                "\(empty.stderr)")
        try tokens.write(to: vocab)

        // A damaged checkpoint: an error naming it, with the `error:` label of every other.
        let checkpoint = dir.appendingPathComponent("results/tiny_lm/model.safetensors")
        try Data("not a checkpoint".utf8).write(to: checkpoint)
        let damaged = try RunnerProcess.run(["generate", "results/tiny_lm/model.safetensors", "--prefix", "the"], in: dir)
        #expect(damaged.status == 1)
        #expect(damaged.stderr.hasPrefix("error: ") && damaged.stderr.contains("results/tiny_lm/model.safetensors: "),
                "\(damaged.stderr)")

        let resume = try RunnerProcess.run(["run", "tiny_lm.yaml", "--resume"], in: dir)
        #expect(resume.status == 1)
        #expect(resume.stderr.contains("tiny_lm is a language model, which cannot be resumed"))
    }
}
