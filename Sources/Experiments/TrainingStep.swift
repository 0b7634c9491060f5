import Engine
import Reports

/// Forward, loss and backward of one training batch, the gradients zeroed first; a loss that is
/// not finite stops the run with its epoch and batch named.
func forwardBackward(_ built: BuiltModel, _ inputs: Tensor, _ targets: Tensor, reduction: LossReduction = .mean,
                     epoch: Int, batch: Int) throws -> LossResult {
    let result = built.loss.evaluate(logits: built.model.forward(inputs, training: true), targets: targets,
                                     reduction: reduction)
    guard result.loss.isFinite else {
        throw RunError.numericalFailure(epoch: epoch, batch: batch, loss: result.loss)
    }
    built.model.zeroGradients()
    built.model.backward(result.gradient)
    return result
}

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
