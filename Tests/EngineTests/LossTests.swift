import Foundation
import Testing
@testable import Engine

@Suite struct LossTests {
    static let gradientCases: [(Loss, [Int], LossReduction)] = [
        (.binaryCrossEntropy, [6, 1], .mean),
        (.binaryCrossEntropy, [6], .mean),
        (.binaryCrossEntropy, [6, 1], .sumOverSteps),
        (.softmaxCrossEntropy, [4, 5], .mean),
        (.softmaxCrossEntropy, [4, 5], .sumOverSteps),
        (.softmaxCrossEntropy, [2, 3, 5], .mean),
        (.softmaxCrossEntropy, [2, 3, 5], .sumOverSteps),
    ]

    @Test(arguments: gradientCases)
    func gradientMatchesFiniteDifferences(loss: Loss, shape: [Int], reduction: LossReduction) {
        let rng = RandomStream(seed: 1)
        let logits = Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in rng.nextFloat(in: -3, 3) })
        let targets = Self.targets(for: loss, logitShape: shape)
        #expect(gradientError(loss, logits: logits, targets: targets, reduction: reduction) < 1e-2)
    }

    @Test func binaryCrossEntropyOfAZeroLogitIsLogTwo() {
        let result = Loss.binaryCrossEntropy.evaluate(logits: Tensor(shape: [4, 1]),
                                                      targets: Tensor(shape: [4], scalars: [0, 1, 1, 0]))
        #expect(abs(result.loss - Float(log(2.0))) < 1e-6)
        #expect(result.gradient.scalars == [0.125, -0.125, -0.125, 0.125])
    }

    @Test func softmaxCrossEntropyOfEqualLogitsIsLogOfTheClassCount() {
        let result = Loss.softmaxCrossEntropy.evaluate(logits: Tensor(shape: [3, 7], repeating: 2),
                                                       targets: Tensor(shape: [3], scalars: [0, 6, 3]))
        #expect(abs(result.loss - Float(log(7.0))) < 1e-6)
    }

    @Test func countsCorrectPredictions() {
        let binary = Loss.binaryCrossEntropy.evaluate(
            logits: Tensor(shape: [5, 1], scalars: [-1, 2, 0.5, -3, 0]),
            targets: Tensor(shape: [5], scalars: [0, 1, 0, 1, 0]))
        #expect(binary.correct == 3)
        #expect(binary.count == 5)

        // Steps: argmax 2 (target 2), argmax 0 (target 1), a tie won by the first (target 0).
        let perStep = Loss.softmaxCrossEntropy.evaluate(
            logits: Tensor(shape: [1, 3, 3], scalars: [0, 1, 5, 4, 1, 0, 2, 2, 1]),
            targets: Tensor(shape: [1, 3], scalars: [2, 1, 0]))
        #expect(perStep.correct == 2)
        #expect(perStep.count == 3)
    }

    @Test func sumOverStepsIsTheMeanTimesTheSteps() {
        let rng = RandomStream(seed: 2)
        let logits = Tensor(shape: [2, 4, 3], scalars: (0..<24).map { _ in rng.nextFloat(in: -2, 2) })
        let targets = Self.targets(for: .softmaxCrossEntropy, logitShape: logits.shape)
        let mean = Loss.softmaxCrossEntropy.evaluate(logits: logits, targets: targets, reduction: .mean)
        let sum = Loss.softmaxCrossEntropy.evaluate(logits: logits, targets: targets, reduction: .sumOverSteps)
        #expect(abs(sum.loss - 4 * mean.loss) < 1e-5)
        let scaled = Tensor(shape: mean.gradient.shape, scalars: mean.gradient.scalars.map { 4 * $0 })
        #expect(maxAbsDifference(sum.gradient, scaled) < 1e-6)
    }

    @Test func binaryCrossEntropyMatchesPyTorchOnLargeLogits() throws {
        let golden = try Golden("loss_bce")
        let result = Loss.binaryCrossEntropy.evaluate(logits: try golden["logits"], targets: try golden["targets"])
        #expect(abs(result.loss - (try golden["loss"]).scalars[0]) < 1e-4)
        #expect(maxAbsDifference(result.gradient, try golden["logits_grad"]) < 1e-4)
    }

    @Test func softmaxCrossEntropyMatchesPyTorchOnLargeLogits() throws {
        let golden = try Golden("loss_softmax_ce")
        let result = Loss.softmaxCrossEntropy.evaluate(logits: try golden["logits"], targets: try golden["targets"])
        #expect(abs(result.loss - (try golden["loss"]).scalars[0]) < 1e-4)
        #expect(maxAbsDifference(result.gradient, try golden["logits_grad"]) < 1e-4)
    }

    @Test func targetOutsideTheClassesStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            _ = Loss.softmaxCrossEntropy.evaluate(logits: Tensor(shape: [2, 3]), targets: Tensor(shape: [2], scalars: [0, 3]))
        }
    }

    /// Targets for logits of `logitShape`: alternating 0/1 for binary, cycling classes for softmax.
    private static func targets(for loss: Loss, logitShape: [Int]) -> Tensor {
        switch loss {
        case .binaryCrossEntropy:
            return Tensor(shape: [logitShape[0]], scalars: (0..<logitShape[0]).map { Float($0 % 2) })
        case .softmaxCrossEntropy:
            let classes = logitShape.last!, shape = Array(logitShape.dropLast())
            return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { Float($0 % classes) })
        }
    }

    /// The normwise relative difference between the gradient `evaluate` returns and central
    /// differences of the loss it returns, perturbing each logit by ±0.01.
    private func gradientError(_ loss: Loss, logits: Tensor, targets: Tensor, reduction: LossReduction) -> Float {
        let analytic = loss.evaluate(logits: logits, targets: targets, reduction: reduction).gradient
        let epsilon: Float = 1e-2
        var x = logits
        func lossAt(_ i: Int, _ delta: Float) -> Float {
            x.scalars[i] = logits.scalars[i] + delta
            defer { x.scalars[i] = logits.scalars[i] }
            return loss.evaluate(logits: x, targets: targets, reduction: reduction).loss
        }
        var difference: Float = 0, norm: Float = 0
        for i in 0..<logits.count {
            let numeric = (lossAt(i, epsilon) - lossAt(i, -epsilon)) / (2 * epsilon)
            difference += (numeric - analytic.scalars[i]) * (numeric - analytic.scalars[i])
            norm += analytic.scalars[i] * analytic.scalars[i]
        }
        return difference.squareRoot() / max(norm.squareRoot(), 1e-3)
    }
}
