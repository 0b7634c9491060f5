import Foundation

/// Adam (Kingma & Ba), with PyTorch's update rule:
///
///     g = gradient + weightDecay * w
///     m = beta1 * m + (1 - beta1) * g
///     v = beta2 * v + (1 - beta2) * g²
///     w -= learningRate / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
///
/// where `t` counts this parameter's updates from 1. The default epsilon is Keras's 1e-7
/// (PyTorch's is 1e-8). Weight decay is L2 added to the gradient, not AdamW's decoupled decay.
public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    private let states = ParameterStates { State(shape: $0.value.shape) }

    /// The moments and step count of one parameter (`exp_avg`, `exp_avg_sq`, `step`).
    private final class State: ParameterState {
        var step = 0
        var m: Tensor
        var v: Tensor
        init(shape: [Int]) {
            m = Tensor(shape: shape)
            v = Tensor(shape: shape)
        }
        var slots: [String: Tensor] { ["exp_avg": m, "exp_avg_sq": v, "step": stepTensor(step)] }
        func restore(_ slots: [String: Tensor]) {
            m = slots["exp_avg"]!
            v = slots["exp_avg_sq"]!
            step = Int(slots["step"]!.scalars[0])
        }
    }

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter]) {
        let (b1, b2, eps, wd) = (beta1, beta2, epsilon, weightDecay)
        for p in parameters where p.isTrainable {
            let state = states[p]
            state.step += 1
            let t = Float(state.step)
            let stepSize = learningRate / (1 - pow(b1, t))
            let correction2 = (1 - pow(b2, t)).squareRoot()
            let n = p.value.count
            p.gradient.withUnsafePointer { g in
                p.value.withUnsafeMutablePointer { w in
                    state.m.withUnsafeMutablePointer { m in
                        state.v.withUnsafeMutablePointer { v in
                            Parallel.forEachSlice(of: n) { elements in
                                for i in elements {
                                    let gi = g[i] + wd * w[i]
                                    m[i] = b1 * m[i] + (1 - b1) * gi
                                    v[i] = b2 * v[i] + (1 - b2) * gi * gi
                                    w[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2 + eps)
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
