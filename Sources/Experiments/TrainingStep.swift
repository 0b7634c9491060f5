import Engine
import Reports

/// One optimizer step on `model`'s trainable parameters, their gradients first clipped to a
/// global norm of `clipNorm` when there is one: the end of every training batch, for both
/// trainers.
func step(_ optimizer: Optimizer, _ model: Sequential, clipNorm: Double?) {
    if let clipNorm { clipGradients(model.trainableParameters, maxNorm: Float(clipNorm)) }
    optimizer.step(model.trainableParameters)
}

extension TrainingOutcome {
    /// Keeps an epoch's profile (when profiling) and shows it.
    mutating func record(_ profile: EpochProfile?, observer: TrainingObserver?) {
        guard let profile else { return }
        self.profile.rows.append(profile)
        observer?.note(profile.table)
    }
}
