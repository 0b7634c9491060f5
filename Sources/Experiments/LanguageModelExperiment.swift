import Datasets
import Engine
import Foundation

/// Language models (`dataset: text_corpus`): training with samples of generated text, and
/// generation from a saved checkpoint.
extension Experiment {
    /// A language model ready to train: its corpus, model and the run's random streams.
    struct PreparedLanguageModel {
        var corpus: TextCorpus
        var built: BuiltModel
        var streams: RandomStreams
        var generator: TextGenerator
        /// Where the training text was found.
        var path: String
    }

    /// Reads the corpus and builds the model on its vocabulary; `observer` hears of a download.
    static func prepareLanguageModel(_ spec: ExperimentSpec, file: String,
                                     observer: TrainingObserver? = nil) throws -> PreparedLanguageModel {
        let streams = RandomStreams(seed: spec.seed)
        let locator = dataLocator
        let path = try DataLoader.locate(spec.data, with: locator, announce: { observer?.note($0) })!
        let corpus = try DataLoader.loadCorpus(spec.data, path: path, with: locator)
        let built = try buildLanguageModel(spec, file: file, vocabularySize: corpus.vocabulary.count, streams: streams)
        return PreparedLanguageModel(corpus: corpus, built: built, streams: streams,
                                     generator: generator(spec, model: built.model, vocabulary: corpus.vocabulary), path: path)
    }

    /// Trains the language model of `spec`, writing its results, samples and checkpoints into
    /// `directory`. The generation prefixes are checked against the vocabulary before training.
    static func runLanguageModel(_ spec: ExperimentSpec, file: String, directory: URL, profile: Bool,
                                 observer: TrainingObserver?) throws {
        let prepared = try prepareLanguageModel(spec, file: file, observer: observer)
        let corpus = prepared.corpus, model = prepared.built.model
        for prefix in spec.generation?.prefixes ?? [] { _ = try prepared.generator.encode(prefix) }
        observer?.note("data: \(prepared.path)")
        if let warning = InvalidUTF8.warning(for: corpus.invalidUTF8) { observer?.warning(warning) }
        observer?.note("\(spec.name): \(grouped(corpus.train.count)) training and \(grouped(corpus.validation.count)) "
            + "validation tokens, \(grouped(corpus.vocabulary.count)) in the vocabulary, "
            + "\(grouped(model.trainableParameterCount)) trainable parameters")
        var details = [
            ("Dataset", "text_corpus (\(spec.data.tokens)): \(corpus.train.count) training, "
                + "\(corpus.validation.count) validation tokens; vocabulary \(corpus.vocabulary.count)"),
            ("Parameters", "\(grouped(model.trainableParameterCount)) trainable, \(grouped(model.frozenParameterCount)) frozen"),
        ]
        let writer = ResultWriter(directory: directory, spec: spec, details: details)
        try writer.writeConfig()
        try writer.writeVocabulary(corpus.vocabulary)

        let trainer = LanguageModelTrainer(built: prepared.built, spec: spec.training, streams: prepared.streams,
                                           profiling: profile)
        let interruption = Interruption()
        defer { interruption.stop() }
        var samples = ""
        let outcome = try trainer.fit(
            train: corpus.train, validation: corpus.validation, observer: observer,
            shouldStop: { interruption.isRaised },
            afterEpoch: { outcome in
                try writer.write(outcome)
                try writer.writeCheckpoint(of: model, after: outcome)
                guard let generation = spec.generation, let epoch = outcome.log.rows.last?.epoch,
                      epoch % generation.sampleEvery == 0 || epoch == spec.training.epochs else { return }
                var lines = ["epoch \(epoch)"]
                for prefix in generation.prefixes {
                    lines.append(try prepared.generator.generate(from: prefix, length: generation.sampleLength,
                                                                 temperature: generation.temperature,
                                                                 rng: prepared.streams.sampling))
                }
                lines.forEach { observer?.note($0) }
                samples += lines.joined(separator: "\n") + "\n\n"
                try writer.writeSamples(samples)
            })
        if !corpus.test.isEmpty {
            let loss = trainer.evaluate(corpus.test)
            details.append(("Test", "loss \(String(format: "%.4f", loss)), perplexity \(String(format: "%.4f", exp(loss)))"))
            observer?.note("test: loss \(String(format: "%.4f", loss)), perplexity \(String(format: "%.4f", exp(loss)))")
            try ResultWriter(directory: directory, spec: spec, details: details).write(outcome)
        }
    }

    /// Generates `length` tokens after `prefix` with the model saved in `checkpoint`, read with
    /// the `config.yaml` and `vocab.txt` of its run in the same folder. `temperature` 0 is greedy;
    /// above 0 tokens are drawn with the generator seeded by `seed`.
    /// A run file that cannot be read, or a checkpoint that does not fit its model, is a
    /// `RunError.unreadableRunFile` whose reason names the file.
    public static func generate(checkpoint: String, prefix: String, length: Int, temperature: Double = 0,
                                seed: UInt64 = 42) throws -> String {
        do {
            return try generateFromRun(checkpoint: checkpoint, prefix: prefix, length: length,
                                       temperature: temperature, seed: seed)
        } catch let error as DatasetError {
            throw RunError.unreadableRunFile(reason: error.description)
        } catch let error as CheckpointError {
            throw RunError.unreadableRunFile(reason: error.description)
        }
    }

    private static func generateFromRun(checkpoint: String, prefix: String, length: Int, temperature: Double,
                                        seed: UInt64) throws -> String {
        let url = URL(fileURLWithPath: checkpoint)
        let folder = url.deletingLastPathComponent()
        let config = folder.appendingPathComponent("config.yaml"), vocab = folder.appendingPathComponent("vocab.txt")
        for needed in [config, vocab] where !FileManager.default.fileExists(atPath: needed.path) {
            throw RunError.checkpointWithoutRun(checkpoint: checkpoint, missing: needed.lastPathComponent)
        }
        let spec = try SpecLoader.load(contentsOf: config, overrides: [])
        guard !spec.data.dataset.labelsWholeSequences else {
            throw RunError.modelDoesNotFitTask(file: config.path, reason: "\(spec.name) is not a language model (dataset text_corpus)")
        }
        let vocabulary = try readVocabulary(vocab.path)
        let streams = RandomStreams(seed: seed)
        let built = try buildLanguageModel(spec, file: config.path, vocabularySize: vocabulary.count, streams: streams)
        try Checkpoint.load(into: built.model, optimizer: nil, from: url)
        return try generator(spec, model: built.model, vocabulary: vocabulary)
            .generate(from: prefix, length: length, temperature: temperature, rng: streams.sampling)
    }

    /// The tokens of the `vocab.txt` a run wrote, one a line, in id order.
    private static func readVocabulary(_ path: String) throws(DatasetError) -> [String] {
        let bytes = try DataFiles.read(path)
        if let invalid = InvalidUTF8(bytes, file: path) {
            throw .unreadableFile(path: path, reason: "not UTF-8 text at line \(invalid.line), column "
                + "\(invalid.column) (byte \(invalid.offset)); it should be the vocab.txt its run wrote")
        }
        var tokens = String(decoding: bytes, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if tokens.last == "" { tokens.removeLast() }
        guard !tokens.isEmpty else { throw .emptyFile(path: path) }
        return tokens
    }

    private static func buildLanguageModel(_ spec: ExperimentSpec, file: String, vocabularySize: Int,
                                           streams: RandomStreams) throws -> BuiltModel {
        try ModelBuilder.build(spec, file: file,
                               input: InputDescription(exampleShape: [spec.training.steps], vocabularySize: vocabularySize),
                               classCount: vocabularySize, streams: streams)
    }

    private static func generator(_ spec: ExperimentSpec, model: Sequential, vocabulary: [String]) -> TextGenerator {
        TextGenerator(model: model, vocabulary: TokenVocabulary(tokens: vocabulary),
                      tokens: TextCorpus.Tokens(rawValue: spec.data.tokens)!,
                      lineEnds: TextCorpus.LineEnds(rawValue: spec.data.lineEnds)!)
    }
}
