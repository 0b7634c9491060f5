import Engine
import Foundation

/// An experiment's data exactly as its run trains on it, written for another program to train
/// the same model on (`scripts/bench/torch_train.py` does so in PyTorch).
///
/// The folder holds:
/// - `data.safetensors` (F32 tensors): `train_inputs` and `validation_inputs`, `[N, T]` token ids
///   (exact below 2^24) or `[N, T, F]` features, as the trainer's batches hold them;
///   `train_targets` and `validation_targets`, `[N]` class indices; and `embedding`,
///   `[vocabulary, dim]`, the rows the run's embedding layer starts from, when they are not
///   drawn at random (`init: glove` or `one_hot`). Metadata: `experiment` (the name) and
///   `classes` (how many).
/// - `config.yaml`: the resolved spec, byte for byte as a run writes it.
/// - `vocab.txt`: the vocabulary, as a run writes it, for token data (a stale one is removed).
///
/// The data are found and loaded as a run does it: the same locator, tokenizer, vocabulary,
/// validation split and seeded streams. Every file is written to a temporary name and renamed.
public struct DataExport: CustomStringConvertible {
    /// The folder written, as given.
    public let folder: String
    /// The experiment's name, and the trial's id for a sweep.
    public let title: String
    /// The shape of every tensor written, by name.
    public let shapes: [String: [Int]]
    /// The number of classes.
    public let classCount: Int

    /// The name of the data file in the folder.
    public static let dataFileName = "data.safetensors"

    /// "quickstart: train_inputs [2000, 12], …, 2 classes, in out/".
    public var description: String {
        let tensors = shapes.keys.sorted().map { "\($0) \(shapes[$0]!)" }.joined(separator: ", ")
        return "\(title): \(tensors); \(classCount) classes; written to \(folder)/"
    }

    /// Writes the data of `prepared`, the run of `spec`, into `folder`.
    static func write(_ prepared: Experiment.Prepared, of spec: ExperimentSpec, title: String,
                      into folder: String) throws -> DataExport {
        let dataset = prepared.dataset
        var tensors: [String: Tensor] = [:]
        (tensors["train_inputs"], tensors["train_targets"]) = Batches(dataset.train).all
        (tensors["validation_inputs"], tensors["validation_targets"]) = Batches(dataset.validation).all
        if spec.embedding?.initializer != .random, let embedding = prepared.built.model.layers.first as? Embedding {
            tensors["embedding"] = embedding.weight.value
        }

        let directory = URL(fileURLWithPath: folder, isDirectory: true)
        let writer = ResultWriter(directory: directory, spec: spec, details: [])
        try writer.writeConfig()
        if let vocabulary = dataset.vocabulary {
            try writer.writeVocabulary(vocabulary)
        } else {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("vocab.txt"))
        }
        let url = directory.appendingPathComponent(dataFileName)
        let metadata = ["experiment": spec.name, "classes": "\(dataset.classNames.count)"]
        do {
            try Safetensors.write(Safetensors.Contents(tensors: tensors, metadata: metadata), to: url)
        } catch {
            throw RunError.cannotWrite(path: url.path, reason: "\(error)")
        }
        return DataExport(folder: folder, title: title, shapes: tensors.mapValues(\.shape),
                          classCount: dataset.classNames.count)
    }
}

extension Experiment {
    /// Writes the data of `file`'s experiment (for a sweep, its first trial's) into `folder`, as
    /// `DataExport` describes. `observer` hears where the data came from (and of a download).
    /// - Throws: `SpecErrors` for an invalid file; `ExportError.languageModel` for a language
    ///   model; the errors of a run's data loading; `RunError.cannotWrite`.
    public static func export(_ file: String, overrides: [String] = [], to folder: String,
                              observer: TrainingObserver? = nil) throws -> DataExport {
        let (spec, title) = try representativeSpec(file, overrides: overrides)
        guard spec.data.dataset.labelsWholeSequences else { throw ExportError.languageModel(file: file, name: spec.name) }
        let prepared = try prepare(spec, file: file, observer: observer)
        prepared.notes.forEach { observer?.note($0) }
        return try DataExport.write(prepared, of: spec, title: title, into: folder)
    }
}
