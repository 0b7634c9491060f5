import Engine

/// Finite-difference checks of a layer's backward pass.
///
/// The scalar checked is `L = Σ forward(x) ⊙ w` for a fixed random `w`, so `∂L/∂output = w`.
/// Each input element and parameter element is perturbed by `±epsilon` and the central
/// difference compared with what `backward` produced. Comparison is normwise per tensor,
/// `‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖, floor)`, which is strict enough to catch a
/// dropped term of a backward pass while tolerating Float32 rounding.
struct GradientCheck {
    var epsilon: Float = 1e-2
    var tolerance: Float = 1e-2
    /// A stream to rewind before every forward pass, so that dropout draws the same masks.
    var rewind: RandomStream?

    /// One failure: which tensor, and how far apart the two gradients are.
    struct Mismatch: CustomStringConvertible {
        let tensor: String
        let relativeError: Float
        var description: String { "\(tensor): relative error \(relativeError)" }
    }

    /// Checks the gradients of `layer` at `input` and returns the tensors that disagree.
    /// `checkInput` is false for layers whose input is not differentiable (token ids).
    func mismatches(of layer: Layer, input: Tensor, checkInput: Bool = true, seed: UInt64 = 7) -> [Mismatch] {
        let savedState = rewind?.state
        func forward(_ x: Tensor) -> Tensor {
            if let savedState { rewind?.state = savedState }
            return layer.forward(x, training: true)
        }
        let rng = RandomStream(seed: seed)
        let y0 = forward(input)
        var w = Tensor(shape: y0.shape)
        for i in 0..<w.count { w.scalars[i] = rng.nextFloat(in: -1, 1) }
        func loss(_ x: Tensor) -> Double {
            zip(forward(x).scalars, w.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }

        for p in layer.parameters { p.zeroGradient() }
        layer.computesInputGradient = checkInput
        _ = forward(input)
        let dx = layer.backward(w)

        var result: [Mismatch] = []
        if checkInput {
            var x = input
            let numeric = numericGradient(count: x.count) { i, delta in
                x.scalars[i] = input.scalars[i] + delta
                defer { x.scalars[i] = input.scalars[i] }
                return loss(x)
            }
            if let e = compare(dx.scalars, numeric) { result.append(Mismatch(tensor: "input", relativeError: e)) }
        }
        for p in layer.parameters where p.isTrainable {
            let original = p.value
            let numeric = numericGradient(count: original.count) { i, delta in
                p.value.scalars[i] = original.scalars[i] + delta
                defer { p.value.scalars[i] = original.scalars[i] }
                return loss(input)
            }
            if let e = compare(p.gradient.scalars, numeric) {
                result.append(Mismatch(tensor: p.name, relativeError: e))
            }
        }
        return result
    }

    private func numericGradient(count: Int, _ f: (Int, Float) -> Double) -> [Float] {
        (0..<count).map { i in Float((f(i, epsilon) - f(i, -epsilon)) / Double(2 * epsilon)) }
    }

    /// The normwise relative error when it exceeds the tolerance, else nil.
    private func compare(_ analytic: [Float], _ numeric: [Float]) -> Float? {
        guard analytic.count == numeric.count else { return .infinity }
        var diff: Float = 0, a: Float = 0, n: Float = 0
        for (x, y) in zip(analytic, numeric) {
            diff += (x - y) * (x - y)
            a += x * x
            n += y * y
        }
        let error = diff.squareRoot() / max(a.squareRoot(), n.squareRoot(), 1e-3)
        return error > tolerance ? error : nil
    }
}
