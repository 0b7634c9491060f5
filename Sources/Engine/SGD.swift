/// Stochastic gradient descent, with optional momentum (heavy-ball or Nesterov), as PyTorch's `SGD`
/// with no dampening:
///
///     g = gradient + weightDecay * w
///     b = momentum * b + g                     (b starts at zero)
///     w -= learningRate * (nesterov ? g + momentum * b : b)
///
/// With `momentum == 0` it is plain `w -= learningRate * g` and keeps no state.
public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private let states = ParameterStates { State(shape: $0.value.shape) }

    /// The momentum buffer of one parameter (`momentum_buffer`, as PyTorch names it).
    private final class State: ParameterState {
        var buffer: Tensor
        init(shape: [Int]) { buffer = Tensor(shape: shape) }
        var slots: [String: Tensor] { ["momentum_buffer": buffer] }
        func restore(_ slots: [String: Tensor]) { buffer = slots["momentum_buffer"]! }
    }

    /// - Precondition: `nesterov` needs a positive `momentum`.
    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        require(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0")
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter]) {
        let (lr, mu, wd, nesterov) = (learningRate, momentum, weightDecay, nesterov)
        for p in parameters where p.isTrainable {
            let n = p.value.count
            if mu == 0 {
                p.gradient.withUnsafePointer { g in
                    p.value.withUnsafeMutablePointer { w in
                        Parallel.forEachSlice(of: n) { elements in
                            for i in elements { w[i] -= lr * (g[i] + wd * w[i]) }
                        }
                    }
                }
                continue
            }
            let state = states[p]
            p.gradient.withUnsafePointer { g in
                p.value.withUnsafeMutablePointer { w in
                    state.buffer.withUnsafeMutablePointer { b in
                        Parallel.forEachSlice(of: n) { elements in
                            for i in elements {
                                let gi = g[i] + wd * w[i]
                                b[i] = mu * b[i] + gi
                                w[i] -= lr * (nesterov ? gi + mu * b[i] : b[i])
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
        if momentum == 0 { return }
        try states.load(state, names: names)
    }
}
