import Foundation
import Testing
@testable import Engine

/// One case of `scripts/golden/gen_optimizers.py`: the same optimizer, hyperparameters,
/// clipping and schedule as the PyTorch side.
struct OptimizerCase: Sendable, CustomTestStringConvertible {
    let fixture: String
    let makeOptimizer: @Sendable () -> Optimizer
    var maxNorm: Float? = nil
    var schedule: LearningRateSchedule = .constant

    var testDescription: String { fixture }
}

/// True when every element of `actual` is within 1e-4 of `expected`, relative for values above 1.
func isClose(_ actual: Tensor, _ expected: Tensor) -> Bool {
    actual.shape == expected.shape
        && zip(actual.scalars, expected.scalars).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }
}

/// Two parameters with fixed values and gradients, for tests that need no fixture.
func makeParameters() -> [Parameter] {
    let w = Parameter(name: "w", value: Tensor(shape: [2, 2], scalars: [0.5, -1, 2, 0.25]))
    let b = Parameter(name: "b", value: Tensor(shape: [3], scalars: [0.1, 0.2, -0.3]))
    w.gradient = Tensor(shape: [2, 2], scalars: [0.3, -0.2, 0.1, 0.4])
    b.gradient = Tensor(shape: [3], scalars: [-0.5, 0.05, 0.6])
    return [w, b]
}

/// The qualified names a model would give `makeParameters()`.
func names(_ parameters: [Parameter]) -> [(name: String, parameter: Parameter)] {
    parameters.map { ("layer.\($0.name)", $0) }
}

@Suite struct OptimizerTests {
    static let goldenCases: [OptimizerCase] = [
        OptimizerCase(fixture: "optimizer_sgd") { SGD(learningRate: 0.1) },
        OptimizerCase(fixture: "optimizer_sgd_momentum") { SGD(learningRate: 0.1, momentum: 0.9) },
        OptimizerCase(fixture: "optimizer_sgd_nesterov") { SGD(learningRate: 0.1, momentum: 0.9, nesterov: true) },
        OptimizerCase(fixture: "optimizer_sgd_weight_decay") { SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.05) },
        OptimizerCase(fixture: "optimizer_adam") { Adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8) },
        OptimizerCase(fixture: "optimizer_adam_weight_decay") {
            Adam(learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-7, weightDecay: 0.1)
        },
        OptimizerCase(fixture: "optimizer_rmsprop") { RMSprop(learningRate: 0.01, rho: 0.99, epsilon: 1e-8) },
        OptimizerCase(fixture: "optimizer_rmsprop_momentum") { RMSprop(learningRate: 0.01, rho: 0.9, momentum: 0.9, epsilon: 1e-7) },
        OptimizerCase(fixture: "optimizer_adagrad") { Adagrad(learningRate: 0.1, initialAccumulatorValue: 0.1, epsilon: 1e-10) },
        OptimizerCase(fixture: "optimizer_adagrad_weight_decay") {
            Adagrad(learningRate: 0.1, initialAccumulatorValue: 0, epsilon: 1e-7, weightDecay: 0.1)
        },
        OptimizerCase(fixture: "optimizer_clip", makeOptimizer: { SGD(learningRate: 0.1) }, maxNorm: 1),
        OptimizerCase(fixture: "optimizer_step_lr", makeOptimizer: { SGD(learningRate: 0.1, momentum: 0.9) },
                      schedule: .stepDecay(factor: 0.5, every: 2, firstDecay: 2)),
    ]

    @Test(arguments: goldenCases)
    func matchesPyTorch(_ c: OptimizerCase) throws {
        let golden = try Golden(c.fixture)
        let parameters = try ["p0", "p1"].map { Parameter(name: $0, value: try golden["initial.\($0)"]) }
        let optimizer = c.makeOptimizer()
        let initialRate = optimizer.learningRate
        for k in 1...3 {
            for p in parameters { p.gradient = try golden["grad\(k).\(p.name)"] }
            optimizer.learningRate = c.schedule.learningRate(initial: initialRate, epoch: k - 1)
            if c.schedule != .constant {
                #expect(isClose(Tensor(shape: [], scalars: [optimizer.learningRate]), try golden["lr\(k)"]))
            }
            if let maxNorm = c.maxNorm {
                let norm = clipGradients(parameters, maxNorm: maxNorm)
                #expect(isClose(Tensor(shape: [], scalars: [norm]), try golden["norm\(k)"]), "norm at step \(k)")
            }
            optimizer.step(parameters)
            for p in parameters {
                let expected = try golden["step\(k).\(p.name)"]
                #expect(isClose(p.value, expected), "\(p.name) after step \(k): \(p.value) vs \(expected)")
            }
        }
    }

    static let statefulOptimizers: [@Sendable () -> Optimizer] = [
        { SGD(learningRate: 0.1, momentum: 0.9, nesterov: true) },
        { Adam(learningRate: 0.01) },
        { RMSprop(learningRate: 0.01, momentum: 0.5) },
        { Adagrad(learningRate: 0.1, weightDecay: 0.01) },
    ]

    /// Three steps, state copied into a fresh optimizer, then one more step on both: identical.
    @Test(arguments: statefulOptimizers)
    func stateRoundTripsThroughLoadState(_ make: @Sendable () -> Optimizer) throws {
        let original = makeParameters(), copy = makeParameters()
        let first = make(), second = make()
        for _ in 0..<3 { first.step(original) }
        for (a, b) in zip(original, copy) { b.value = a.value }
        try second.loadState(first.state(names: names(original)), names: names(copy))
        first.step(original)
        second.step(copy)
        for (a, b) in zip(original, copy) { #expect(a.value == b.value) }
    }

    @Test func adamStateHasPyTorchSlotNamesAndShapes() {
        let parameters = makeParameters()
        let adam = Adam()
        #expect(adam.state(names: names(parameters)).isEmpty)
        adam.step(parameters)
        adam.step(parameters)
        let state = adam.state(names: names(parameters))
        #expect(Set(state.keys) == ["layer.w.exp_avg", "layer.w.exp_avg_sq", "layer.w.step",
                                    "layer.b.exp_avg", "layer.b.exp_avg_sq", "layer.b.step"])
        #expect(state["layer.w.exp_avg"]?.shape == [2, 2])
        #expect(state["layer.b.exp_avg_sq"]?.shape == [3])
        #expect(state["layer.w.step"] == Tensor(shape: [], scalars: [2]))
    }

    @Test func loadStateNamesAMissingKey() {
        let parameters = makeParameters()
        let adam = Adam()
        adam.step(parameters)
        var state = adam.state(names: names(parameters))
        state["layer.b.exp_avg_sq"] = nil
        #expect(throws: CheckpointError.missingKey(path: "", key: "layer.b.exp_avg_sq")) {
            try Adam().loadState(state, names: names(parameters))
        }
    }

    @Test func loadStateNamesAMisShapedKey() {
        let parameters = makeParameters()
        let sgd = SGD(momentum: 0.9)
        sgd.step(parameters)
        var state = sgd.state(names: names(parameters))
        state["layer.w.momentum_buffer"] = Tensor(shape: [4])
        #expect(throws: CheckpointError.wrongShape(path: "", key: "layer.w.momentum_buffer", expected: [2, 2], found: [4])) {
            try SGD(momentum: 0.9).loadState(state, names: names(parameters))
        }
    }

    @Test func loadStateRejectsAFractionalStepCount() {
        let parameters = makeParameters()
        let adam = Adam()
        adam.step(parameters)
        var state = adam.state(names: names(parameters))
        state["layer.w.step"] = Tensor(shape: [], scalars: [1.5])
        let error = #expect(throws: CheckpointError.self) { try Adam().loadState(state, names: names(parameters)) }
        guard case .invalidValue(_, let key, _) = error else {
            Issue.record("expected invalidValue, got \(String(describing: error))")
            return
        }
        #expect(key == "layer.w.step")
    }

    @Test func emptyStateResetsTheOptimizer() throws {
        let parameters = makeParameters(), fresh = makeParameters()
        let used = Adam(learningRate: 0.1), unused = Adam(learningRate: 0.1)
        used.step(parameters)
        for (a, b) in zip(parameters, fresh) { a.value = b.value }
        try used.loadState([:], names: names(parameters))
        used.step(parameters)
        unused.step(fresh)
        for (a, b) in zip(parameters, fresh) { #expect(a.value == b.value) }
    }

    @Test(arguments: statefulOptimizers)
    func frozenParametersAreNeitherUpdatedNorGivenState(_ make: @Sendable () -> Optimizer) {
        let parameters = makeParameters()
        parameters[0].isTrainable = false
        let frozen = parameters[0].value, trained = parameters[1].value
        let optimizer = make()
        optimizer.step(parameters)
        #expect(parameters[0].value == frozen)
        #expect(parameters[1].value != trained)
        #expect(optimizer.state(names: names(parameters)).keys.allSatisfy { $0.hasPrefix("layer.b.") })
    }

    @Test func stepLeavesTheGradientAsBackwardWroteIt() {
        let parameters = makeParameters()
        let gradients = parameters.map(\.gradient)
        SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.5).step(parameters)
        #expect(parameters.map(\.gradient) == gradients)
    }

    @Test func defaultsAreKeras() {
        let adam = Adam(), rmsprop = RMSprop(), adagrad = Adagrad(), sgd = SGD()
        #expect((adam.learningRate, adam.beta1, adam.beta2, adam.epsilon) == (0.001, 0.9, 0.999, 1e-7))
        #expect((rmsprop.learningRate, rmsprop.rho, rmsprop.epsilon) == (0.001, 0.9, 1e-7))
        #expect((adagrad.learningRate, adagrad.initialAccumulatorValue, adagrad.epsilon) == (0.001, 0.1, 1e-7))
        #expect(sgd.learningRate == 0.01)
    }
}

@Suite struct GradientClippingTests {
    @Test func scalesGradientsDownToTheMaximumNorm() {
        let a = Parameter(name: "a", value: Tensor(shape: [1]))
        let b = Parameter(name: "b", value: Tensor(shape: [1]))
        a.gradient = Tensor(shape: [1], scalars: [3])
        b.gradient = Tensor(shape: [1], scalars: [-4])
        let norm = clipGradients([a, b], maxNorm: 1)
        #expect(norm == 5)
        #expect(abs(a.gradient.scalars[0] - 0.6) < 1e-5)
        #expect(abs(b.gradient.scalars[0] + 0.8) < 1e-5)
    }

    @Test func leavesGradientsWithinTheMaximumAlone() {
        let parameters = makeParameters()
        let gradients = parameters.map(\.gradient)
        let norm = clipGradients(parameters, maxNorm: 10)
        let expected = gradients.flatMap(\.scalars).reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - expected) < 1e-6)
        #expect(parameters.map(\.gradient) == gradients)
    }

    @Test func ignoresFrozenParameters() {
        let parameters = makeParameters()
        parameters[1].isTrainable = false
        let frozenGradient = parameters[1].gradient
        let norm = clipGradients(parameters, maxNorm: 0.1)
        #expect(abs(norm - Float(0.3).squareRoot()) < 1e-6)  // the gradient of w alone: 0.09 + 0.04 + 0.01 + 0.16
        #expect(parameters[1].gradient == frozenGradient)
    }
}

@Suite struct LearningRateScheduleTests {
    @Test func constantKeepsTheInitialRate() {
        #expect((0..<5).map { LearningRateSchedule.constant.learningRate(initial: 0.3, epoch: $0) } == [0.3, 0.3, 0.3, 0.3, 0.3])
    }

    @Test func stepDecayMultipliesEveryFewEpochs() {
        let schedule = LearningRateSchedule.stepDecay(factor: 0.25, every: 3, firstDecay: 3)
        let rates = (0..<8).map { schedule.learningRate(initial: 2, epoch: $0) }
        #expect(rates == [2, 2, 2, 0.5, 0.5, 0.5, 0.125, 0.125])
    }

    /// Zaremba et al.'s small PTB model: rate 1 for 4 epochs, then halved every epoch, 13 epochs
    /// (TensorFlow's tutorial: `lr * 0.5 ** max(i + 1 - 4, 0)` for epoch index i).
    @Test func stepDecayStartingLateFollowsThePTBRecipe() {
        let schedule = LearningRateSchedule.stepDecay(factor: 0.5, every: 1, firstDecay: 4)
        let rates = (0..<13).map { schedule.learningRate(initial: 1, epoch: $0) }
        let halvings: [Float] = [1, 1, 1, 1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625, 0.001953125]
        let tutorial: [Float] = (0..<13).map { Float(pow(0.5, Double(max($0 + 1 - 4, 0)))) }
        #expect(rates == halvings)
        #expect(rates == tutorial)
    }

    @Test func stepDecayCountsItsIntervalsFromTheFirstDecay() {
        let schedule = LearningRateSchedule.stepDecay(factor: 0.5, every: 2, firstDecay: 1)
        let rates = (0..<6).map { schedule.learningRate(initial: 4, epoch: $0) }
        #expect(rates == [4, 2, 2, 1, 1, 0.5])
    }

    @Test func aFirstDecayAtEpochZeroDecaysFromTheStart() {
        let schedule = LearningRateSchedule.stepDecay(factor: 0.5, every: 2, firstDecay: 0)
        #expect((0..<4).map { schedule.learningRate(initial: 1, epoch: $0) } == [0.5, 0.5, 0.25, 0.25])
    }
}
