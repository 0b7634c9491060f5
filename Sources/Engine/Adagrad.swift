/// Adagrad (Duchi et al.), with PyTorch's update rule:
///
///     g = gradient + weightDecay * w
///     s += g²                                   (s starts at initialAccumulatorValue)
///     w -= learningRate * g / (sqrt(s) + epsilon)
///
/// The defaults are Keras's (initial accumulator 0.1, epsilon 1e-7); PyTorch's are 0 and 1e-10.
public final class Adagrad: Optimizer {
    public var learningRate: Float
    public let initialAccumulatorValue: Float
    public let epsilon: Float
    public let weightDecay: Float
    private lazy var states = ParameterStates { [initialAccumulatorValue] in
        State(shape: $0.value.shape, initialValue: initialAccumulatorValue)
    }

    /// The sum of squared gradients of one parameter (`sum`, as PyTorch names it).
    private final class State: ParameterState {
        var sum: Tensor
        init(shape: [Int], initialValue: Float) { sum = Tensor(shape: shape, repeating: initialValue) }
        var slots: [String: Tensor] { ["sum": sum] }
        func restore(_ slots: [String: Tensor]) { sum = slots["sum"]! }
    }

    public init(learningRate: Float = 0.001, initialAccumulatorValue: Float = 0.1, epsilon: Float = 1e-7, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter]) {
        let (lr, eps, wd) = (learningRate, epsilon, weightDecay)
        for p in parameters where p.isTrainable {
            let state = states[p]
            let n = p.value.count
            p.gradient.withUnsafePointer { g in
                p.value.withUnsafeMutablePointer { w in
                    state.sum.withUnsafeMutablePointer { s in
                        Parallel.forEachSlice(of: n) { elements in
                            for i in elements {
                                let gi = g[i] + wd * w[i]
                                s[i] += gi * gi
                                w[i] -= lr * gi / (s[i].squareRoot() + eps)
                            }
                        }
                    }
                }
            }
        }
    }

    public func state(names: [(name: String, parameter: Parameter)]) -> [String: Tensor] {
        states.tensors(names: names)
    }

    public func loadState(_ state: [String: Tensor], names: [(name: String, parameter: Parameter)]) throws {
        try states.load(state, names: names)
    }
}
