/// Inverted dropout, as Keras's `Dropout`: in training each element is zeroed with probability
/// `rate` and the survivors are scaled by `1 / (1 − rate)`, so inference is the identity.
///
/// Masks are drawn from `streams.dropout`, one uniform number per element in row-major order,
/// so the same seed gives the same masks.
public final class Dropout: Layer {
    public var name: String
    public var computesInputGradient = true
    public let rate: Float
    public var parameters: [Parameter] { [] }

    private let rng: RandomStream
    /// The last training forward's mask: `0` for dropped elements, `1 / (1 − rate)` for kept ones.
    private var mask = Tensor(shape: [0])
    private var output = Tensor(shape: [0])
    private var inputGradient = Tensor(shape: [0])

    /// Dropout of `rate`, in `[0, 1)`.
    public init(rate: Float, name: String = "dropout", streams: RandomStreams) {
        guard rate >= 0, rate < 1 else { fatalError("\(name): dropout rate \(rate) is not in [0, 1)") }
        self.name = name
        self.rate = rate
        self.rng = streams.dropout
    }

    public func outputShape(forInput inputShape: [Int]) -> [Int] {
        inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        guard training else { return input }
        let scale = 1 / (1 - rate)
        mask.resize(to: input.shape)
        output.resize(to: input.shape)
        mask.withUnsafeMutablePointer { m in
            output.withUnsafeMutablePointer { y in
                input.withUnsafePointer { x in
                    for i in 0..<input.count {
                        m[i] = rng.nextFloat() < rate ? 0 : scale
                        y[i] = x[i] * m[i]
                    }
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard computesInputGradient else { return Tensor(shape: [0]) }
        guard outputGradient.shape == mask.shape else {
            fatalError("\(name): output gradient \(outputGradient.shape) does not match the mask \(mask.shape)")
        }
        inputGradient.resize(to: mask.shape)
        inputGradient.withUnsafeMutablePointer { dx in
            mask.withUnsafePointer { m in
                outputGradient.withUnsafePointer { dy in
                    for i in 0..<mask.count { dx[i] = dy[i] * m[i] }
                }
            }
        }
        return inputGradient
    }
}
