/// Something that stops a valid experiment from running or from writing its results.
public enum RunError: Error, CustomStringConvertible, Equatable {
    /// The dataset yields token ids but the spec has no `embedding:` section to turn them into vectors.
    case embeddingRequired(file: String, dataset: String)
    /// The model's output does not fit the task (for example a recurrent layer returning sequences before the output).
    case modelDoesNotFitTask(file: String, reason: String)
    /// A loss that is not a finite number.
    case numericalFailure(epoch: Int, batch: Int, loss: Float)
    /// A result file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .embeddingRequired(let file, let dataset):
            return "\(file): error: dataset \(dataset) yields token ids; add an `embedding:` section (for example `embedding: {dim: 16}`)"
        case .modelDoesNotFitTask(let file, let reason):
            return "\(file): error: \(reason)"
        case .numericalFailure(let epoch, let batch, let loss):
            return "error: the loss became \(loss) at epoch \(epoch), batch \(batch); try a smaller learning rate or set training.clip_norm"
        case .cannotWrite(let path, let reason):
            return "error: cannot write \(path): \(reason)"
        }
    }
}
