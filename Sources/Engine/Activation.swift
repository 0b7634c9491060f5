import Foundation

/// An elementwise activation function, by its Keras name.
public enum Activation: String, CaseIterable, Sendable {
    case linear, relu, tanh, sigmoid
    /// `clip(x / 6 + 0.5, 0, 1)`: Keras 3's and PyTorch's `hardsigmoid`.
    case hardSigmoid = "hard_sigmoid"
    /// Normalised over the last dimension; only valid as a layer's activation, not as a gate.
    case softmax

    /// `f(x)` for the elementwise activations.
    @inline(__always)
    public func apply(_ x: Float) -> Float {
        switch self {
        case .linear: return x
        case .relu: return x > 0 ? x : 0
        case .tanh: return Foundation.tanh(x)
        case .sigmoid: return 1 / (1 + exp(-x))
        case .hardSigmoid: return min(max(x / 6 + 0.5, 0), 1)
        case .softmax: fatalError("softmax is not elementwise")
        }
    }

    /// `f'(x)` written in terms of the output `y = f(x)`, which is what layers keep for backward.
    ///
    /// Every elementwise activation here has a derivative expressible through its output
    /// (for hard sigmoid: 1/6 strictly inside the linear part, 0 where it is clipped).
    @inline(__always)
    public func derivative(output y: Float) -> Float {
        switch self {
        case .linear: return 1
        case .relu: return y > 0 ? 1 : 0
        case .tanh: return 1 - y * y
        case .sigmoid: return y * (1 - y)
        case .hardSigmoid: return (y > 0 && y < 1) ? 1.0 / 6.0 : 0
        case .softmax: fatalError("softmax is not elementwise")
        }
    }
}
