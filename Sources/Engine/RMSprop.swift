/// RMSprop (Hinton), with PyTorch's update rule (not centred):
///
///     g = gradient + weightDecay * w
///     s = rho * s + (1 - rho) * g²
///     momentum == 0:  w -= learningRate * g / (sqrt(s) + epsilon)
///     otherwise:      b = momentum * b + g / (sqrt(s) + epsilon);  w -= learningRate * b
///
/// `rho` is PyTorch's `alpha`; the defaults are Keras's (rho 0.9, epsilon 1e-7), where PyTorch
/// has 0.99 and 1e-8.
public final class RMSprop: Optimizer {
    public var learningRate: Float
    public let rho: Float
    public let momentum: Float
    public let epsilon: Float
    public let weightDecay: Float
    private lazy var states = ParameterStates { [momentum] in State(shape: $0.value.shape, hasMomentum: momentum != 0) }

    /// The running mean of squared gradients (`square_avg`) and, with momentum, the momentum
    /// buffer (`momentum_buffer`) of one parameter.
    private final class State: ParameterState {
        var squareAverage: Tensor
        var buffer: Tensor?
        init(shape: [Int], hasMomentum: Bool) {
            squareAverage = Tensor(shape: shape)
            buffer = hasMomentum ? Tensor(shape: shape) : nil
        }
        var slots: [String: Tensor] {
            var slots = ["square_avg": squareAverage]
            slots["momentum_buffer"] = buffer
            return slots
        }
        func restore(_ slots: [String: Tensor]) {
            squareAverage = slots["square_avg"]!
            buffer = slots["momentum_buffer"]
        }
    }

    public init(learningRate: Float = 0.001, rho: Float = 0.9, momentum: Float = 0, epsilon: Float = 1e-7, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter]) {
        let (lr, rho, mu, eps, wd) = (learningRate, rho, momentum, epsilon, weightDecay)
        for p in parameters where p.isTrainable {
            let state = states[p]
            let n = p.value.count
            p.gradient.withUnsafePointer { g in
                p.value.withUnsafeMutablePointer { w in
                    state.squareAverage.withUnsafeMutablePointer { s in
                        if mu == 0 {
                            Parallel.forEachSlice(of: n) { elements in
                                for i in elements {
                                    let gi = g[i] + wd * w[i]
                                    s[i] = rho * s[i] + (1 - rho) * gi * gi
                                    w[i] -= lr * gi / (s[i].squareRoot() + eps)
                                }
                            }
                            return
                        }
                        state.buffer!.withUnsafeMutablePointer { b in
                            Parallel.forEachSlice(of: n) { elements in
                                for i in elements {
                                    let gi = g[i] + wd * w[i]
                                    s[i] = rho * s[i] + (1 - rho) * gi * gi
                                    b[i] = mu * b[i] + gi / (s[i].squareRoot() + eps)
                                    w[i] -= lr * b[i]
                                }
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
