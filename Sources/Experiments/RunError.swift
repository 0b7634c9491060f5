/// Something that stops a valid experiment from running or from writing its results.
public enum RunError: Error, CustomStringConvertible, Equatable {
    /// The dataset yields token ids but the spec has no `embedding:` section to turn them into vectors.
    case embeddingRequired(file: String, dataset: String)
    /// The model's output does not fit the task (for example a recurrent layer returning sequences before the output).
    case modelDoesNotFitTask(file: String, reason: String)
    /// `validation: test` for data without a test split.
    case noTestSplit(dataset: String, path: String)
    /// A loss that is not a finite number.
    case numericalFailure(epoch: Int, batch: Int, loss: Float)
    /// SIGINT or SIGTERM stopped the run after this batch; a checkpoint to resume from was written.
    case interrupted(epoch: Int, batch: Int)
    /// `--resume` found no checkpoint to resume from.
    case nothingToResume(path: String)
    /// `--resume` found a checkpoint of a different experiment (the resolved spec differs).
    case resumeSpecChanged(path: String)
    /// A checkpoint whose trainer state is missing or damaged.
    case badCheckpoint(path: String, key: String)
    /// A result file could not be written.
    case cannotWrite(path: String, reason: String)
    /// A training text too short for one batch of `batchSize` windows of `steps` tokens.
    case corpusTooShort(tokens: Int, batchSize: Int, steps: Int)
    /// A generation prefix with tokens the vocabulary does not have (or none at all).
    case unknownTokens(prefix: String, tokens: [String])
    /// `--resume` on a language model, whose carried states a checkpoint does not keep.
    case cannotResumeLanguageModel(name: String)
    /// `runner generate` on a checkpoint without the `config.yaml` or `vocab.txt` of its run beside it.
    case checkpointWithoutRun(checkpoint: String, missing: String)
    /// `runner generate` on a run whose checkpoint or `vocab.txt` cannot be read, or whose
    /// checkpoint does not fit its model; `reason` names the file and what is wrong with it.
    case unreadableRunFile(reason: String)
    /// A training split too small for one batch of `batch_size` examples.
    case batchLargerThanData(batchSize: Int, examples: Int, data: String)
    /// Training data whose examples all belong to one class, which a classifier cannot learn from.
    case singleClass(data: String, className: String)

    /// What went wrong, without the experiment file or the `error:` label.
    public var message: String {
        switch self {
        case .embeddingRequired(_, let dataset):
            return "dataset \(dataset) yields token ids; add an `embedding:` section (for example `embedding: {dim: 16}`)"
        case .modelDoesNotFitTask(_, let reason):
            return reason
        case .noTestSplit(let dataset, let path):
            return "\(path) has no test split for validation (\(dataset)); "
                + "set data.validation to a fraction of the training data, e.g. 0.2"
        case .numericalFailure(let epoch, let batch, let loss):
            let value = loss.isNaN ? "NaN" : loss > 0 ? "infinite" : "-infinite"
            let kept = epoch == 1 ? "" : epoch == 2 ? "; the metrics of epoch 1 are kept" : "; the metrics of epochs 1–\(epoch - 1) are kept"
            return "the loss became \(value) at epoch \(epoch), batch \(batch)\(kept); "
                + "try a smaller learning rate or set training.clip_norm"
        case .interrupted(let epoch, let batch):
            return "interrupted after epoch \(epoch), batch \(batch); the metrics so far and a checkpoint are saved. "
                + "Run again with --resume to continue."
        case .nothingToResume(let path):
            return "nothing to resume: \(path) does not exist (the run finished, or was never interrupted)"
        case .resumeSpecChanged(let path):
            return "cannot resume: the experiment differs from the one that wrote \(path); run without --resume to start over"
        case .badCheckpoint(let path, let key):
            return "\(path): the trainer state `\(key)` is missing or damaged; run without --resume to start over"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .corpusTooShort(let tokens, let batchSize, let steps):
            return "the training text has \(tokens) tokens, too few for one batch of \(batchSize) windows of "
                + "\(steps) steps; lower training.batch_size or training.steps"
        case .unknownTokens(let prefix, let tokens):
            if tokens.isEmpty { return "the prefix \"\(prefix)\" has no tokens" }
            return "the prefix \"\(prefix)\" has tokens the vocabulary does not know: "
                + tokens.map { "\"\($0)\"" }.joined(separator: ", ")
        case .cannotResumeLanguageModel(let name):
            return "\(name) is a language model, which cannot be resumed (its checkpoints do not keep the carried "
                + "recurrent states); run it again without --resume"
        case .checkpointWithoutRun(let checkpoint, let missing):
            return "\(checkpoint): generating needs the run's \(missing) in the same folder"
        case .unreadableRunFile(let reason):
            return reason
        case .batchLargerThanData(let batchSize, let examples, let data):
            return "training.batch_size is \(batchSize), but \(data) gives only \(examples) training examples; "
                + "lower training.batch_size to \(max(examples, 1)) or less" + (examples == 0 ? ", or add data" : "")
        case .singleClass(let data, let className):
            return "\(data): every training example is of the class `\(className)`; a classifier needs examples of "
                + "at least two classes"
        }
    }

    /// `FILE: error: message` for the cases that know the experiment file, `error: message` for
    /// the others; an interruption is no error and says so plainly.
    public var description: String {
        switch self {
        case .embeddingRequired(let file, _), .modelDoesNotFitTask(let file, _):
            return "\(file): error: \(message)"
        case .interrupted:
            return message
        default:
            return "error: \(message)"
        }
    }
}
