import Foundation

/// Weight initialisers under their Keras names.
///
/// `fanIn` and `fanOut` follow Keras for a kernel of shape `[fanIn, fanOut]`; the engine stores
/// weights PyTorch-style as `[out, in]`, and callers pass the fans explicitly. A vector (a bias)
/// is drawn by `vector(_:rng:)`, with Keras's fans of a 1-D weight.
public enum Initializer: Equatable, Sendable {
    /// Uniform in `±sqrt(6 / (fanIn + fanOut))`.
    case glorotUniform
    /// A random orthogonal matrix (QR of a normal matrix, signs fixed), times `gain`.
    case orthogonal(gain: Float = 1)
    /// All zeros.
    case zeros
    /// All ones.
    case ones
    /// Uniform in `[low, high)`: Keras's `RandomUniform(minval, maxval)`.
    case uniform(low: Float, high: Float)

    /// Uniform in `±limit`.
    public static func uniform(limit: Float) -> Initializer { .uniform(low: -limit, high: limit) }

    /// Whether it draws only matrices: orthogonal does, so a vector such as a bias cannot start
    /// this way (Keras refuses it on a 1-D weight too).
    public var needsMatrix: Bool {
        if case .orthogonal = self { return true }
        return false
    }

    /// `count` values drawn as Keras draws a 1-D weight of that length (a bias): glorot_uniform
    /// with `fanIn = fanOut = count`. Zeros and ones draw nothing. Not for `needsMatrix`.
    public func vector(_ count: Int, rng: RandomStream) -> [Float] {
        require(!needsMatrix, "\(self) draws only matrices, not a vector of \(count)")
        var values = Tensor(shape: [count])
        fill(&values, fanIn: count, fanOut: count, rng: rng)
        return values.scalars
    }

    /// Fills `tensor`, viewed as a matrix of `rows × (count / rows)`, drawing from `rng`.
    public func fill(_ tensor: inout Tensor, fanIn: Int, fanOut: Int, rng: RandomStream) {
        switch self {
        case .zeros:
            tensor.zero()
        case .ones:
            tensor.scalars = [Float](repeating: 1, count: tensor.count)
        case .uniform(let low, let high):
            for i in 0..<tensor.count { tensor.scalars[i] = rng.nextFloat(in: low, high) }
        case .glorotUniform:
            let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
            Initializer.uniform(limit: limit).fill(&tensor, fanIn: fanIn, fanOut: fanOut, rng: rng)
        case .orthogonal(let gain):
            let rows = tensor.shape.first ?? 1
            let cols = tensor.count / max(rows, 1)
            tensor.scalars = Initializer.orthogonalMatrix(rows: rows, cols: cols, rng: rng).map { $0 * gain }
        }
    }

    /// A `rows × cols` matrix whose rows (if `rows <= cols`) or columns (otherwise) are
    /// orthonormal, as Keras's `Orthogonal`: QR of a standard normal matrix, with the signs of
    /// `diag(R)` folded into `Q` so the result is uniformly distributed.
    static func orthogonalMatrix(rows: Int, cols: Int, rng: RandomStream) -> [Float] {
        // Orthonormalise the columns of a tall matrix (n × k, n >= k) by Householder QR.
        let n = max(rows, cols), k = min(rows, cols)
        var a = [Double](repeating: 0, count: n * k)  // column-major: a[j * n + i]
        for i in 0..<(n * k) { a[i] = rng.nextNormal() }
        var q = [Double](repeating: 0, count: n * k)
        var vs: [[Double]] = []
        var diag = [Double](repeating: 0, count: k)
        for j in 0..<k {
            var v = Array(a[(j * n + j)..<(j * n + n)])
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let alpha = v[0] >= 0 ? -norm : norm
            diag[j] = alpha
            v[0] -= alpha
            let vnorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if vnorm > 0 { for i in 0..<v.count { v[i] /= vnorm } }
            vs.append(v)
            for c in j..<k {  // apply H_j = I - 2vv^T to the remaining columns
                var d = 0.0
                for i in 0..<v.count { d += v[i] * a[c * n + j + i] }
                for i in 0..<v.count { a[c * n + j + i] -= 2 * v[i] * d }
            }
        }
        // Q = H_0 H_1 ... H_{k-1} applied to the first k columns of the identity.
        for c in 0..<k {
            var e = [Double](repeating: 0, count: n)
            e[c] = 1
            for j in stride(from: k - 1, through: 0, by: -1) {
                let v = vs[j]
                var d = 0.0
                for i in 0..<v.count { d += v[i] * e[j + i] }
                for i in 0..<v.count { e[j + i] -= 2 * v[i] * d }
            }
            let sign: Double = diag[c] < 0 ? -1 : 1
            for i in 0..<n { q[c * n + i] = e[i] * sign }
        }
        var out = [Float](repeating: 0, count: rows * cols)
        for r in 0..<rows {
            for c in 0..<cols {
                // Tall case: out = Q (rows × cols); wide case: out = Q^T.
                out[r * cols + c] = Float(rows >= cols ? q[c * n + r] : q[r * n + c])
            }
        }
        return out
    }
}
