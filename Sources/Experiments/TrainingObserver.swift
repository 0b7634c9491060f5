import Reports

/// Receives the trainer's progress: the runner shows it as a bar, as lines, or not at all.
public protocol TrainingObserver: AnyObject {
    /// An epoch of `batches` mini-batches begins.
    func epochStarted(_ epoch: Int, of epochs: Int, batches: Int)
    /// A training batch ended; `meanLoss` is the mean over the epoch so far.
    func batchFinished(_ batch: Int, meanLoss: Double)
    /// An epoch ended, validation included.
    func epochFinished(_ metrics: EpochMetrics, seconds: Double)
    /// A note for the user (data loaded, early stop, where results went).
    func note(_ text: String)
    /// Something the user should know even in a quiet run, e.g. data read with replacement characters.
    func warning(_ text: String)
}
