import Datasets
import Engine
import Foundation

/// The runner's operations on an experiment file: validate, inspect, run (an experiment, a
/// sweep, or one trial of a sweep), list a sweep's trials, export its data (`DataExport`).
///
/// Configuration problems throw `SpecErrors` (every problem with its `FILE:LINE:COLUMN`) before
/// anything is created under `results/`; problems while running an experiment or a trial throw
/// `ExperimentFailure`, which names the experiment file and, through its reason, the data or
/// result file involved; an interruption throws `RunError.interrupted`, and the problems of a
/// sweep as a whole `SweepError`.
public enum Experiment {
    /// Parses and validates `file` with `--set` overrides applied: one experiment, or a sweep
    /// whose every trial is valid.
    public static func load(_ file: String, overrides: [String] = []) throws -> ExperimentFile {
        try SpecLoader.read(contentsOf: URL(fileURLWithPath: file), overrides: overrides)
    }

    /// The model summary of `file`, built on its data as a run would build it; for a sweep, that
    /// of its first trial.
    public static func inspect(_ file: String, overrides: [String] = []) throws -> ModelSummary {
        let (spec, title) = try representativeSpec(file, overrides: overrides)
        return try ExperimentFailure.naming(file) {
            if !spec.data.dataset.labelsWholeSequences {
                return ModelSummary(title: title, built: try prepareLanguageModel(spec, file: file).built)
            }
            return ModelSummary(title: title, built: try prepare(spec, file: file).built)
        }
    }

    /// The experiment of `file` and its title: the file's own, or for a sweep its first trial's
    /// ("imdb_gru_sweep, trial units=32,lr=0.001,cell=lstm").
    static func representativeSpec(_ file: String, overrides: [String]) throws -> (spec: ExperimentSpec, title: String) {
        switch try load(file, overrides: overrides) {
        case .single(let single):
            return (single, single.name)
        case .sweep(let sweep):
            return (sweep.trials[0].spec, "\(sweep.name), trial \(sweep.trials[0].id)")
        }
    }

    /// The ids of the trials of the sweep in `file`, in order.
    /// - Throws: `SpecErrors` for an invalid file, `SweepError.notASweep` for a file without `sweep:`.
    public static func trialIDs(_ file: String, overrides: [String] = []) throws -> [String] {
        guard case .sweep(let sweep) = try load(file, overrides: overrides) else {
            throw SweepError.notASweep(file: file, option: "--list")
        }
        return sweep.trials.map(\.id)
    }

    /// Runs `file`: trains its experiment, or runs its sweep (`runSweep`), or one trial of the
    /// sweep (`options.trial`). Returns the results folder.
    ///
    /// An experiment's results go into `options.output`, by default `results/<name>` under the
    /// working directory; a trial's into `options.output`, by default
    /// `results/<name>/trials/<id>`, with its record (`trial.yaml`, and `error.txt` if it fails).
    /// SIGINT or SIGTERM stops a run after the current batch with the metrics so far and a
    /// checkpoint (`resume.safetensors`) written; `options.resume` carries on from that
    /// checkpoint and ends with the same results as a run that was never interrupted.
    @discardableResult
    public static func run(_ file: String, options: RunOptions, observer: TrainingObserver? = nil) throws -> URL {
        if let threads = options.threads { BLAS.setThreadCount(threads) }
        switch try load(file, overrides: options.overrides) {
        case .single(let spec):
            if let option = options.sweepOption { throw SweepError.notASweep(file: file, option: option) }
            let shown = options.output ?? "results/\(spec.name)"
            return try run(spec, file: file, shown: shown, resume: options.resume, profile: options.profile,
                           observer: observer)
        case .sweep(let sweep):
            guard let id = options.trial else {
                if options.resume { throw SweepError.resumeOnSweep(file: file) }
                return try run(sweep, file: file, options: options)
            }
            guard let trial = sweep.trial(id) else {
                throw SweepError.unknownTrial(file: file, id: id,
                                              nearest: Suggestion.nearest(to: id, among: sweep.trials.map(\.id)))
            }
            return try run(trial, of: sweep, file: file, options: options, observer: observer)
        }
    }

    /// Runs the sweep in `file` as `run` does; a file without `sweep:` is an error.
    @discardableResult
    public static func runSweep(_ file: String, options: RunOptions) throws -> URL {
        guard case .sweep(let sweep) = try load(file, overrides: options.overrides) else {
            throw SweepError.notASweep(file: file, option: "runner sweep")
        }
        return try run(sweep, file: file, options: options)
    }

    /// Runs the trials of `sweep` (see `SweepRunner`), then writes the sweep's own files from
    /// their results (see `SweepReport`).
    /// - Throws: `SweepError.trialsFailed` when a trial failed (the others ran),
    ///   `SweepError.interrupted` when a signal stopped the sweep.
    private static func run(_ sweep: Sweep, file: String, options: RunOptions) throws -> URL {
        let shown = options.output ?? "results/\(sweep.name)"
        let folder = URL(fileURLWithPath: shown, isDirectory: true)
        let progress = options.quiet ? nil : SweepProgress(total: sweep.trials.count)
        let runner = SweepRunner(sweep: sweep, file: file, overrides: options.overrides, folder: shown,
                                 jobs: options.jobs ?? 1, force: options.force, executable: options.executable,
                                 progress: progress)
        let outcome = try runner.run()
        try SweepReport.write(folder, ids: sweep.trials.map(\.id))
        if outcome.interrupted { throw SweepError.interrupted(folder: shown) }
        if !outcome.failed.isEmpty {
            throw SweepError.trialsFailed(ids: outcome.failed, of: sweep.trials.count, folder: shown)
        }
        if let best = try SweepReport.results(folder, ids: sweep.trials.map(\.id))?.ranked.first {
            progress?.note("best trial: \(best.id); results in \(shown)/")
        }
        return folder
    }

    /// Runs one trial of `sweep` and records how it ended in its folder (`TrialRecord`); an
    /// interrupted trial records nothing, so that the sweep resumes it.
    private static func run(_ trial: Trial, of sweep: Sweep, file: String, options: RunOptions,
                            observer: TrainingObserver?) throws -> URL {
        let shown = options.output ?? "results/\(sweep.name)/trials/\(trial.id)"
        let folder = URL(fileURLWithPath: shown, isDirectory: true)
        TrialRecord.clear(in: folder)
        do {
            try run(trial.spec, file: file, shown: shown, resume: options.resume, profile: options.profile,
                    observer: observer)
        } catch {
            if case RunError.interrupted = error { throw error }
            // The trial's own error is the news; a record that cannot be written is left to the sweep.
            try? TrialRecord(trial, of: sweep, status: .failed).write(into: folder, error: "\(error)")
            throw error
        }
        try TrialRecord(trial, of: sweep, status: .finished).write(into: folder)
        return folder
    }

    /// Trains the experiment `spec` read from `file` and writes its results into the folder
    /// `shown` (as the user sees its path). `profile` breaks every epoch's time down by section,
    /// shown through `observer` and written to `profile.csv`.
    @discardableResult
    private static func run(_ spec: ExperimentSpec, file: String, shown: String, resume: Bool, profile: Bool,
                            observer: TrainingObserver?) throws -> URL {
        try ExperimentFailure.naming(file) {
            try train(spec, file: file, shown: shown, resume: resume, profile: profile, observer: observer)
        }
    }

    private static func train(_ spec: ExperimentSpec, file: String, shown: String, resume: Bool, profile: Bool,
                              observer: TrainingObserver?) throws -> URL {
        let directory = URL(fileURLWithPath: shown, isDirectory: true)
        if !spec.data.dataset.labelsWholeSequences {
            if resume { throw RunError.cannotResumeLanguageModel(name: spec.name) }
            try runLanguageModel(spec, file: file, directory: directory, profile: profile, observer: observer)
            observer?.note("results in \(shown)/")
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
        try DataLoader.checkTrainable(dataset, batchSize: spec.training.batchSize, source: prepared.source)
        prepared.notes.forEach { observer?.note($0) }
        if let warning = InvalidUTF8.warning(for: dataset.invalidUTF8) { observer?.warning(warning) }
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
        observer?.note("results in \(shown)/")
        return directory
    }

    /// What a classifier's run trains on, before training: data, model, the run's streams.
    struct Prepared {
        var dataset: SequenceDataset
        var built: BuiltModel
        var streams: RandomStreams
        /// Notes for the user: where data came from, embedding coverage.
        var notes: [String]
        /// The data as errors name it: its path, or the dataset's name for generated data.
        var source: String
    }

    /// The locator of data files: the working directory, `$RUNNER_DATA`, `./data`, and the
    /// download cache under `$XDG_CACHE_HOME` or `$HOME`.
    static var dataLocator: DataLocator {
        DataLocator(environment: ProcessInfo.processInfo.environment,
                    workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Finds and loads the data, reads pretrained vectors, and builds the model, drawing from
    /// the run's seeded streams in a fixed order. `observer` hears of a download as it starts.
    static func prepare(_ spec: ExperimentSpec, file: String, observer: TrainingObserver? = nil) throws -> Prepared {
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
        return Prepared(dataset: dataset, built: built, streams: streams, notes: notes,
                        source: dataPath ?? spec.data.dataset.rawValue)
    }
}
