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
        case .tanh: return FastMath.tanh(x)
        case .sigmoid: return FastMath.sigmoid(x)
        case .hardSigmoid: return min(max(x / 6 + 0.5, 0), 1)
        case .softmax: fatalError("softmax is not elementwise")
        }
    }

    /// Applies `f` in place to `count` contiguous elements: one `switch`, then a loop per case
    /// that the compiler vectorises.
    @inline(__always)
    func apply(to x: UnsafeMutablePointer<Float>, count: Int) {
        if self != .linear { apply(to: x, count: count) { x[$0] } }
    }

    /// Sets `x[i] = f(input(i))` for `i` in `0..<count`: a pre-activation summed from its parts
    /// and activated in one pass over memory, with the `switch` outside the loop.
    @inline(__always)
    func apply(to x: UnsafeMutablePointer<Float>, count: Int, of input: (Int) -> Float) {
        switch self {
        case .linear: for i in 0..<count { x[i] = input(i) }
        case .relu: for i in 0..<count { let v = input(i); x[i] = v > 0 ? v : 0 }
        case .tanh: for i in 0..<count { x[i] = FastMath.tanh(input(i)) }
        case .sigmoid: for i in 0..<count { x[i] = FastMath.sigmoid(input(i)) }
        case .hardSigmoid: for i in 0..<count { x[i] = min(max(input(i) / 6 + 0.5, 0), 1) }
        case .softmax: preconditionFailure("softmax is not elementwise")
        }
    }

    /// Writes `f'` of the `count` contiguous outputs `y` into `dy` (see `derivative(output:)`),
    /// with the `switch` outside the loop.
    @inline(__always)
    func derivative(output y: UnsafePointer<Float>, into dy: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .sigmoid: for i in 0..<count { dy[i] = y[i] * (1 - y[i]) }
        default: for i in 0..<count { dy[i] = derivative(output: y[i]) }
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
