import Foundation

/// How the learning rate changes from epoch to epoch. The trainer sets
/// `optimizer.learningRate = schedule.learningRate(initial:epoch:)` before each epoch.
public enum LearningRateSchedule: Equatable, Sendable {
    /// The initial rate throughout.
    case constant
    /// The rate multiplied by `factor` every `every` epochs:
    /// `initial * factor^(floor(epoch / every))`, epochs counted from 0, as PyTorch's `StepLR`
    /// (the decay of the PTB language-model recipe).
    case stepDecay(factor: Float, every: Int)

    /// The learning rate for `epoch` (from 0) given the initial rate.
    ///
    /// - Precondition: `every > 0` for `stepDecay`.
    public func learningRate(initial: Float, epoch: Int) -> Float {
        switch self {
        case .constant:
            return initial
        case .stepDecay(let factor, let every):
            require(every > 0, "stepDecay needs every > 0, got \(every)")
            return initial * pow(factor, Float(epoch / every))
        }
    }
}
