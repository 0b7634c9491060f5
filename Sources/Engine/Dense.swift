import Foundation

/// A fully connected layer, `y = f(x Wᵀ + b)`, as Keras's `Dense`.
///
/// Input `[batch, inputSize]` or `[batch, time, inputSize]`; on 3-D input the same weights apply
/// at every step (Keras's `Dense` on a sequence, PyTorch's `Linear` on any leading dimensions).
/// The output has the input's shape with `units` last.
///
/// Parameters, PyTorch-style: `weight` `[units, inputSize]` and `bias` `[units]`.
public final class Dense: Layer {
    public var name: String
    public var computesInputGradient = true
    public let inputSize: Int
    public let units: Int
    public let activation: Activation
    public let weight: Parameter
    public let bias: Parameter
    public var parameters: [Parameter] { [weight, bias] }

    /// The input of the last training forward (for `dW`); nil after an inference forward.
    private var input: Tensor?
    /// The output workspace; after a training forward it also holds `f(z)` for backward.
    private var output = Tensor(shape: [0])
    /// `∂L/∂z`, the gradient before the activation.
    private var preActivationGradient = Tensor(shape: [0])
    private var inputGradient = Tensor(shape: [0])

    /// A layer of `units` outputs over `inputSize` features: weight drawn by `kernelInitializer`
    /// (Keras's default glorot_uniform), then bias by `biasInitializer` as a vector (Keras's
    /// default zeros, which draws nothing; not an initializer that `needsMatrix`).
    public init(inputSize: Int, units: Int, activation: Activation = .linear, name: String = "dense",
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                streams: RandomStreams) {
        guard inputSize > 0, units > 0 else {
            fatalError("\(name): needs inputSize and units above 0, got \(inputSize) and \(units)")
        }
        self.name = name
        self.inputSize = inputSize
        self.units = units
        self.activation = activation
        var w = Tensor(shape: [units, inputSize])
        kernelInitializer.fill(&w, fanIn: inputSize, fanOut: units, rng: streams.initialization)
        weight = Parameter(name: "weight", value: w)
        bias = Parameter(name: "bias", value: Tensor(shape: [units],
                                                     scalars: biasInitializer.vector(units, rng: streams.initialization)))
    }

    public func outputShape(forInput inputShape: [Int]) -> [Int] {
        inputShape.dropLast() + [units]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        guard input.rank >= 2, input.shape.last == inputSize else {
            fatalError("\(name): expected input [batch, (time,) \(inputSize)], got \(input.shape)")
        }
        let rows = input.count / inputSize
        output.resize(to: outputShape(forInput: input.shape))
        // z = b (broadcast over rows), then z += x Wᵀ.
        output.withUnsafeMutablePointer { z in
            bias.value.withUnsafePointer { b in
                for r in 0..<rows { (z + r * units).update(from: b, count: units) }
            }
            input.withUnsafePointer { x in
                weight.value.withUnsafePointer { w in
                    Parallel.gemm(transposeB: true, m: rows, n: units, k: inputSize,
                                  x, lda: inputSize, w, ldb: inputSize, beta: 1, z, ldc: units)
                }
            }
            Dense.activate(activation, z, rows: rows, units: units)
        }
        self.input = training ? input : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input else { fatalError("\(name): backward without a training forward") }
        guard outputGradient.shape == output.shape else {
            fatalError("\(name): output gradient \(outputGradient.shape) does not match output \(output.shape)")
        }
        let rows = input.count / inputSize
        let dz: Tensor
        if activation == .linear {
            dz = outputGradient
        } else {
            preActivationGradient.resize(to: output.shape)
            preActivationGradient.withUnsafeMutablePointer { dz in
                output.withUnsafePointer { y in
                    outputGradient.withUnsafePointer { dy in
                        Dense.activationBackward(activation, y, dy, dz, rows: rows, units: units)
                    }
                }
            }
            dz = preActivationGradient
        }
        dz.withUnsafePointer { dz in
            // dW += dzᵀ x, db += Σ_rows dz.
            input.withUnsafePointer { x in
                weight.gradient.withUnsafeMutablePointer { dw in
                    Parallel.gemm(transposeA: true, m: units, n: inputSize, k: rows,
                                  dz, lda: units, x, ldb: inputSize, beta: 1, dw, ldc: inputSize)
                }
            }
            bias.gradient.withUnsafeMutablePointer { Parallel.addColumnSums(dz, rows: rows, width: units, into: $0) }
        }
        guard computesInputGradient else { return Tensor(shape: [0]) }
        // dx = dz W.
        inputGradient.resize(to: input.shape)
        inputGradient.withUnsafeMutablePointer { dx in
            dz.withUnsafePointer { dz in
                weight.value.withUnsafePointer { w in
                    Parallel.gemm(m: rows, n: inputSize, k: units,
                                  dz, lda: units, w, ldb: inputSize, dx, ldc: inputSize)
                }
            }
        }
        return inputGradient
    }

    /// Applies `f` in place to `rows × units` pre-activations; softmax normalises each row.
    private static func activate(_ f: Activation, _ z: UnsafeMutablePointer<Float>, rows: Int, units: Int) {
        switch f {
        case .linear:
            return
        case .softmax:
            for r in 0..<rows {
                let row = z + r * units
                var maxValue = row[0]
                for u in 1..<units { maxValue = max(maxValue, row[u]) }
                var sum: Float = 0
                for u in 0..<units {
                    row[u] = expf(row[u] - maxValue)
                    sum += row[u]
                }
                for u in 0..<units { row[u] /= sum }
            }
        default:
            for i in 0..<(rows * units) { z[i] = f.apply(z[i]) }
        }
    }

    /// `dz = ∂L/∂z` from the outputs `y = f(z)` and `dy = ∂L/∂y`. For softmax, the
    /// Jacobian-vector product row by row: `dz_i = y_i (dy_i − Σ_j dy_j y_j)`.
    private static func activationBackward(
        _ f: Activation, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
        _ dz: UnsafeMutablePointer<Float>, rows: Int, units: Int
    ) {
        switch f {
        case .softmax:
            for r in 0..<rows {
                let o = r * units
                var dot: Float = 0
                for u in 0..<units { dot += dy[o + u] * y[o + u] }
                for u in 0..<units { dz[o + u] = y[o + u] * (dy[o + u] - dot) }
            }
        default:
            for i in 0..<(rows * units) { dz[i] = dy[i] * f.derivative(output: y[i]) }
        }
    }
}
