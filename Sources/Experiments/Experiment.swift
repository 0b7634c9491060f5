import Datasets
import Engine
import Foundation

/// The runner's operations on an experiment file: validate, inspect, run.
///
/// Configuration problems throw `SpecErrors` (every problem with its `FILE:LINE:COLUMN`) before
/// anything is created under `results/`; problems while running throw `RunError`.
public enum Experiment {
    /// Parses and validates `file` with `--set` overrides applied.
    public static func load(_ file: String, overrides: [String] = []) throws -> ExperimentSpec {
        try SpecLoader.load(contentsOf: URL(fileURLWithPath: file), overrides: overrides)
    }

    /// The model summary of `file`, built on its data as a run would build it.
    public static func inspect(_ file: String, overrides: [String] = []) throws -> ModelSummary {
        let spec = try load(file, overrides: overrides)
        if !spec.data.dataset.labelsWholeSequences {
            return ModelSummary(title: spec.name, built: try prepareLanguageModel(spec, file: file).built)
        }
        let prepared = try prepare(spec, file: file)
        return ModelSummary(title: spec.name, built: prepared.built)
    }

    /// Trains the experiment in `file` and writes its results into `output` (by default
    /// `results/<name>` under the working directory). Returns the results folder.
    ///
    /// SIGINT or SIGTERM stops the run after the current batch with the metrics so far and a
    /// checkpoint (`resume.safetensors`) written; `resume: true` carries on from that checkpoint
    /// and ends with the same results as a run that was never interrupted. `profile: true` breaks
    /// every epoch's time down by section, shown through `observer` and written to `profile.csv`.
    @discardableResult
    public static func run(_ file: String, overrides: [String] = [], output: String? = nil, resume: Bool = false,
                           profile: Bool = false, observer: TrainingObserver? = nil) throws -> URL {
        let spec = try load(file, overrides: overrides)
        let directory = URL(fileURLWithPath: output ?? "results/\(spec.name)", isDirectory: true)
        if !spec.data.dataset.labelsWholeSequences {
            if resume { throw RunError.cannotResumeLanguageModel(name: spec.name) }
            try runLanguageModel(spec, file: file, directory: directory, profile: profile, observer: observer)
            observer?.note("results in \(output ?? "results/\(spec.name)")/")
            return directory
        }
        let checkpoint = directory.appendingPathComponent("resume.safetensors")
        if resume {
            guard FileManager.default.fileExists(atPath: checkpoint.path) else {
                throw RunError.nothingToResume(path: checkpoint.path)
            }
            let written = try? String(contentsOf: directory.appendingPathComponent("config.yaml"), encoding: .utf8)
            guard written == spec.resolvedYAML() else { throw RunError.resumeSpecChanged(path: checkpoint.path) }
        }
        let prepared = try prepare(spec, file: file, observer: observer)
        let dataset = prepared.dataset
        prepared.notes.forEach { observer?.note($0) }
        observer?.note("\(spec.name): \(dataset.train.count) training and \(dataset.validation.count) validation examples, "
            + "\(grouped(prepared.built.model.trainableParameterCount)) trainable parameters")

        let writer = ResultWriter(directory: directory, spec: spec, details: [
            ("Dataset", "\(spec.data.dataset.rawValue): \(dataset.train.count) train, \(dataset.validation.count) validation"),
            ("Classes", dataset.classNames.joined(separator: ", ")),
            ("Parameters", "\(grouped(prepared.built.model.trainableParameterCount)) trainable, "
                + "\(grouped(prepared.built.model.frozenParameterCount)) frozen"),
        ])
        let trainer = Trainer(built: prepared.built, spec: spec.training, streams: prepared.streams, profiling: profile)
        var state = trainer.initialState(train: dataset.train, validation: dataset.validation)
        if resume {
            let metadata = try Checkpoint.load(into: prepared.built.model, optimizer: trainer.optimizer, from: checkpoint)
            state = try TrainingState(metadata: metadata, outcome: state.outcome, streams: prepared.streams, file: checkpoint.path)
            observer?.note("resuming at epoch \(state.epoch), batch \(state.nextBatch + 1)")
        } else {
            try writer.writeConfig()
            if let vocabulary = dataset.vocabulary { try writer.writeVocabulary(vocabulary) }
            try? FileManager.default.removeItem(at: checkpoint)
        }

        let interruption = Interruption()
        defer { interruption.stop() }
        _ = try trainer.fit(
            from: state, train: dataset.train, validation: dataset.validation, observer: observer,
            shouldStop: { interruption.isRaised },
            onInterrupt: { state in
                try Checkpoint.save(prepared.built.model, optimizer: trainer.optimizer,
                                    metadata: state.metadata(streams: prepared.streams), to: checkpoint)
            },
            afterEpoch: { outcome in
                try writer.write(outcome)
                try writer.writeCheckpoint(of: prepared.built.model, after: outcome)
            })
        try? FileManager.default.removeItem(at: checkpoint)
        observer?.note("results in \(output ?? "results/\(spec.name)")/")
        return directory
    }

    private struct Prepared {
        var dataset: SequenceDataset
        var built: BuiltModel
        var streams: RandomStreams
        /// Notes for the user: where data came from, embedding coverage.
        var notes: [String]
    }

    /// The locator of data files: the working directory, `$RUNNER_DATA`, `./data`, and the
    /// download cache under `$XDG_CACHE_HOME` or `$HOME`.
    static var dataLocator: DataLocator {
        DataLocator(environment: ProcessInfo.processInfo.environment,
                    workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Finds and loads the data, reads pretrained vectors, and builds the model, drawing from
    /// the run's seeded streams in a fixed order. `observer` hears of a download as it starts.
    private static func prepare(_ spec: ExperimentSpec, file: String, observer: TrainingObserver? = nil) throws -> Prepared {
        let streams = RandomStreams(seed: spec.seed)
        let locator = dataLocator
        var notes: [String] = []
        let dataPath = try DataLoader.locate(spec.data, with: locator, announce: { observer?.note($0) })
        if let dataPath { notes.append("data: \(dataPath)") }
        let dataset = try DataLoader.load(spec.data, path: dataPath, streams: streams)
        var pretrained: PretrainedEmbedding?
        if let embedding = spec.embedding, embedding.initializer == .glove, let vocabulary = dataset.vocabulary {
            let path = try locator.locate(path: embedding.path!)
            pretrained = try PretrainedEmbedding(embedding, path: path, vocabulary: vocabulary, streams: streams)
            notes.append("embedding: " + pretrained!.coverage)
        }
        let built = try ModelBuilder.build(
            spec, file: file, input: InputDescription(dataset.train, vocabularySize: dataset.vocabulary?.count),
            classCount: dataset.classNames.count, pretrained: pretrained?.rows, streams: streams)
        return Prepared(dataset: dataset, built: built, streams: streams, notes: notes)
    }
}
