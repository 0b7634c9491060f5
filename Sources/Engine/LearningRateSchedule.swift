import Foundation

/// How the learning rate changes from epoch to epoch. The trainer sets
/// `optimizer.learningRate = schedule.learningRate(initial:epoch:)` before each epoch.
public enum LearningRateSchedule: Equatable, Sendable {
    /// The initial rate throughout.
    case constant
    /// The initial rate until epoch `firstDecay` (counted from 0), which takes `initial * factor`,
    /// and another multiplication by `factor` every `every` epochs after it:
    /// `initial * factor^(floor((epoch - firstDecay) / every) + 1)` from `firstDecay` on.
    /// With `firstDecay == every` this is PyTorch's `StepLR`; the word-level PTB recipe of
    /// Zaremba et al. keeps the rate for 4 epochs, then halves it every epoch
    /// (`factor: 0.5, every: 1, firstDecay: 4`).
    case stepDecay(factor: Float, every: Int, firstDecay: Int)

    /// The learning rate for `epoch` (from 0) given the initial rate.
    ///
    /// - Precondition: `every > 0` and `firstDecay >= 0` for `stepDecay`.
    public func learningRate(initial: Float, epoch: Int) -> Float {
        switch self {
        case .constant:
            return initial
        case .stepDecay(let factor, let every, let firstDecay):
            require(every > 0, "stepDecay needs every > 0, got \(every)")
            require(firstDecay >= 0, "stepDecay needs firstDecay >= 0, got \(firstDecay)")
            guard epoch >= firstDecay else { return initial }
            return initial * pow(factor, Float((epoch - firstDecay) / every + 1))
        }
    }
}
