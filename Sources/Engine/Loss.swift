import Foundation

/// A loss on logits (the output of a `linear` layer), as PyTorch's `BCEWithLogitsLoss` and
/// `CrossEntropyLoss`: the sigmoid or softmax is part of the loss, which keeps it stable for
/// logits of any size.
public enum Loss: Sendable {
    /// Binary cross-entropy: logits `[batch, 1]` or `[batch]`, targets `[batch]` holding 0 or 1.
    /// A prediction is correct when the logit's sign matches the target (threshold 0, i.e. p = 0.5).
    case binaryCrossEntropy
    /// Softmax cross-entropy: logits `[batch, classes]` with targets `[batch]`, or
    /// `[batch, time, classes]` with targets `[batch, time]`; targets are class indices as `Float`.
    /// A prediction is correct when the first largest logit is the target's.
    case softmaxCrossEntropy

    /// The loss of `logits` against `targets`, its gradient with respect to the logits, and the
    /// number of correct predictions.
    public func evaluate(logits: Tensor, targets: Tensor, reduction: LossReduction = .mean) -> LossResult {
        guard logits.rank >= 1, logits.shape[0] > 0 else {
            fatalError("\(self): logits \(logits.shape) hold no batch")
        }
        switch self {
        case .binaryCrossEntropy: return Loss.binary(logits: logits, targets: targets, reduction: reduction)
        case .softmaxCrossEntropy: return Loss.softmax(logits: logits, targets: targets, reduction: reduction)
        }
    }

    /// `ℓ = max(x, 0) − x·y + log(1 + e^(−|x|))`, `∂ℓ/∂x = σ(x) − y`.
    private static func binary(logits: Tensor, targets: Tensor, reduction: LossReduction) -> LossResult {
        let batch = logits.shape[0]
        guard logits.shape == [batch] || logits.shape == [batch, 1], targets.shape == [batch] else {
            fatalError("binaryCrossEntropy: needs logits [batch, 1] or [batch] and targets [batch], got \(logits.shape) and \(targets.shape)")
        }
        let divisor = Double(reduction.divisor(predictions: batch, batch: batch))
        let scale = Float(1 / divisor)
        var gradient = Tensor(shape: logits.shape)
        var total = 0.0
        var correct = 0
        gradient.withUnsafeMutablePointer { dx in
            logits.withUnsafePointer { x in
                targets.withUnsafePointer { y in
                    for i in 0..<batch {
                        guard y[i] >= 0, y[i] <= 1 else {
                            fatalError("binaryCrossEntropy: target \(y[i]) at \(i) is not in [0, 1]")
                        }
                        total += Double(max(x[i], 0) - x[i] * y[i] + log1p(exp(-abs(x[i]))))
                        dx[i] = (Activation.sigmoid.apply(x[i]) - y[i]) * scale
                        if (x[i] > 0) == (y[i] > 0.5) { correct += 1 }
                    }
                }
            }
        }
        return LossResult(loss: Float(total / divisor), gradient: gradient, correct: correct, count: batch)
    }

    /// `ℓ = log Σ_j e^(x_j) − x_t`, `∂ℓ/∂x_j = softmax(x)_j − [j = t]`, with the maximum
    /// subtracted before exponentiating (log-sum-exp).
    private static func softmax(logits: Tensor, targets: Tensor, reduction: LossReduction) -> LossResult {
        guard logits.rank == 2 || logits.rank == 3, logits.shape[logits.rank - 1] > 0,
              targets.shape == Array(logits.shape.dropLast()) else {
            fatalError("softmaxCrossEntropy: needs logits [batch, (time,) classes] and targets [batch, (time)], got \(logits.shape) and \(targets.shape)")
        }
        let classes = logits.shape[logits.rank - 1]
        let rows = targets.count
        let divisor = Double(reduction.divisor(predictions: rows, batch: logits.shape[0]))
        let scale = Float(1 / divisor)
        var gradient = Tensor(shape: logits.shape)
        // Each row's loss and hit, kept apart so that the rows can run on several threads and
        // still add up in order.
        var rowLosses = [Double](repeating: 0, count: rows)
        var rowHits = [Bool](repeating: false, count: rows)
        gradient.withUnsafeMutablePointer { dx in
            logits.withUnsafePointer { x in
                targets.withUnsafePointer { t in
                    rowLosses.withUnsafeMutableBufferPointer { losses in
                        rowHits.withUnsafeMutableBufferPointer { hits in
                            Parallel.forEachRow(rows) { r in
                                guard let target = Int(exactly: t[r]), target >= 0, target < classes else {
                                    fatalError("softmaxCrossEntropy: target \(t[r]) at row \(r) is not a class in 0..<\(classes)")
                                }
                                let row = x + r * classes, dRow = dx + r * classes
                                var best = 0
                                for j in 1..<classes where row[j] > row[best] { best = j }
                                let maxValue = row[best]
                                var sum = 0.0
                                for j in 0..<classes {
                                    dRow[j] = exp(row[j] - maxValue)
                                    sum += Double(dRow[j])
                                }
                                losses[r] = Double(maxValue) + log(sum) - Double(row[target])
                                let normalizer = scale / Float(sum)
                                for j in 0..<classes { dRow[j] *= normalizer }
                                dRow[target] -= scale
                                hits[r] = best == target
                            }
                        }
                    }
                }
            }
        }
        let total = rowLosses.reduce(0, +)
        let correct = rowHits.count { $0 }
        return LossResult(loss: Float(total / divisor), gradient: gradient, correct: correct, count: rows)
    }
}

/// How per-prediction losses combine into one number.
public enum LossReduction: Sendable {
    /// The mean over every prediction (the batch, or batch × time): PyTorch's default.
    case mean
    /// For per-step predictions, the sum over time and the mean over the batch, as the PTB
    /// language-model recipes train. The same as `mean` when there is one prediction per example.
    case sumOverSteps

    /// What the sum of `predictions` losses over a batch of `batch` examples is divided by.
    func divisor(predictions: Int, batch: Int) -> Int {
        switch self {
        case .mean: return predictions
        case .sumOverSteps: return batch
        }
    }
}

/// A loss evaluated on one batch.
public struct LossResult: Sendable {
    /// The reduced loss.
    public var loss: Float
    /// `∂loss/∂logits`, the shape of the logits, for the same reduction as `loss`.
    public var gradient: Tensor
    /// The number of correct predictions.
    public var correct: Int
    /// The number of predictions: the batch, or batch × time.
    public var count: Int
}
