import Foundation
import Testing

/// `experiments/ptb_word_lstm.yaml`, the word-level PTB recipe, through the real executable: on a
/// small corpus in PTB's three-file layout that the test writes (sentences of a small grammar),
/// shrunk with `--set` to seconds.
@Suite(.serialized) struct PTBRecipeTests {
    static let experiment = repositoryRoot.appendingPathComponent("experiments/ptb_word_lstm.yaml").path

    /// The recipe, smaller: every layer and batch shrunk, 6 epochs so that the decay starting at
    /// epoch 5 shows.
    static let shrunk = [
        "--set", "embedding.dim=16", "--set", "model.0.lstm.units=32", "--set", "model.1.lstm.units=32",
        "--set", "training.epochs=6", "--set", "training.steps=10", "--set", "training.batch_size=8", "--quiet",
    ]

    @Test func validateAcceptsTheRecipeWithoutItsData() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RunnerProcess.run(["validate", Self.experiment], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("ptb_word_lstm.yaml: ok"))
    }

    @Test func learnsAWordCorpusAndDecaysTheRateFromEpochFive() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeCorpus(in: dir)

        let run = try RunnerProcess.run(["run", Self.experiment, "--output", "decayed"] + Self.shrunk, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let results = dir.appendingPathComponent("decayed")
        #expect(fileNames(under: results) == ["config.yaml", "loss.svg", "metrics.csv", "model.safetensors", "perplexity.svg",
                                              "summary.md", "timing.csv", "vocab.txt"])
        let config = try String(contentsOf: results.appendingPathComponent("config.yaml"), encoding: .utf8)
        #expect(config.contains("  lr_schedule: {name: step_decay, factor: 0.5, every: 1, start: 5}\n"))
        #expect(config.contains("  loss_reduction: sum_over_steps\n"))
        // TensorFlow's initialization: no forget-gate bias, the output layer uniform in ±0.1.
        let uniform = "{name: random_uniform, minval: -0.1, maxval: 0.1}"
        #expect(config.components(separatedBy: "unit_forget_bias: false}\n").count == 3)
        #expect(config.contains("  - output: {kernel_initializer: \(uniform), bias_initializer: \(uniform)}\ntraining:\n"))

        // Every word of the grammar, <eos> and <unk>; the model ends far below guessing among them.
        let vocabulary = try String(contentsOf: results.appendingPathComponent("vocab.txt"), encoding: .utf8)
            .split(separator: "\n")
        #expect(vocabulary.count == Self.words.count + 2)
        let rows = try Self.metricRows(in: results)
        #expect(rows.count == 6)
        let first = try #require(rows.first), last = try #require(rows.last)
        #expect(last[3] < Double(vocabulary.count) / 4, "validation perplexity \(first[3]) → \(last[3]) of \(vocabulary.count) words")
        #expect(last[3] < first[3] && last[1] < first[1])
        let summary = try String(contentsOf: results.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("- **Test**: loss "))

        // Without the schedule, the first four epochs are the same to the last digit (the rate is
        // 1.0 in both runs), and epochs 5 and 6, at 0.5 and 0.25 in the recipe, differ.
        let constant = try RunnerProcess.run(["run", Self.experiment, "--output", "constant",
                                              "--set", "training.lr_schedule=null"] + Self.shrunk, in: dir)
        #expect(constant.status == 0, "\(constant.stderr)")
        let decayedLines = try Self.metricLines(in: results)
        let constantLines = try Self.metricLines(in: dir.appendingPathComponent("constant"))
        #expect(decayedLines.count == 7 && constantLines.count == 7)
        #expect(decayedLines[0...4] == constantLines[0...4])
        #expect(decayedLines[5] != constantLines[5] && decayedLines[6] != constantLines[6])
    }

    // MARK: - The corpus

    static let determiners = ["the", "a"], adjectives = ["big", "small", "red"]
    static let nouns = ["cat", "dog", "bird", "fish", "man", "woman"], verbs = ["sees", "chases", "likes", "finds"]
    static let adverbs = ["today", "again"]
    static let words = determiners + adjectives + nouns + verbs + adverbs

    /// `ptb/ptb.{train,valid,test}.txt` in `dir`: 800, 80 and 80 sentences, one per line, of
    /// the grammar `det [adj] noun verb det [adj] noun [adverb]`, each file from its own seed.
    static func writeCorpus(in dir: URL) throws {
        let folder = dir.appendingPathComponent("ptb")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (split, count, seed) in [("train", 800, 1), ("valid", 80, 2), ("test", 80, 3)] as [(String, Int, UInt64)] {
            try sentences(count, seed: seed).write(to: folder.appendingPathComponent("ptb.\(split).txt"), atomically: true,
                                                   encoding: .utf8)
        }
    }

    static func sentences(_ count: Int, seed: UInt64) -> String {
        var state = seed
        func below(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func pick(_ choices: [String]) -> String { choices[below(choices.count)] }
        func maybe(_ choices: [String]) -> [String] { below(2) == 0 ? [pick(choices)] : [] }
        func nounPhrase() -> [String] { [pick(determiners)] + maybe(adjectives) + [pick(nouns)] }
        return (0..<count).map { _ in
            " " + (nounPhrase() + [pick(verbs)] + nounPhrase() + maybe(adverbs)).joined(separator: " ") + " \n"
        }.joined()
    }

    /// The lines of `metrics.csv` in `results`, the header first.
    static func metricLines(in results: URL) throws -> [Substring] {
        try String(contentsOf: results.appendingPathComponent("metrics.csv"), encoding: .utf8).split(separator: "\n")
    }

    /// Each epoch's train_loss, train_perplexity, val_loss and val_perplexity.
    static func metricRows(in results: URL) throws -> [[Double]] {
        let lines = try metricLines(in: results)
        #expect(lines.first == "epoch,train_loss,train_perplexity,val_loss,val_perplexity")
        return lines.dropFirst().map { $0.split(separator: ",").dropFirst().compactMap { Double($0) } }
    }
}
