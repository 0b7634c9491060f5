/// Scales all gradients so their global L2 norm is at most maxNorm; returns the norm before clipping.
///
/// The norm is taken over the gradients of every trainable parameter together, as one vector.
/// When it exceeds `maxNorm`, every gradient is multiplied by `maxNorm / (norm + 1e-6)`, exactly
/// as PyTorch's `clip_grad_norm_` does; otherwise the gradients are left alone.
@discardableResult
public func clipGradients(_ parameters: [Parameter], maxNorm: Float) -> Float {
    let trainable = parameters.filter(\.isTrainable)
    var sumOfSquares: Float = 0
    for p in trainable {
        sumOfSquares += p.gradient.withUnsafePointer { g in BLAS.dot(count: p.gradient.count, g, g) }
    }
    let norm = sumOfSquares.squareRoot()
    let scale = maxNorm / (norm + 1e-6)
    if scale < 1 {
        for p in trainable {
            let n = p.gradient.count
            p.gradient.withUnsafeMutablePointer { g in
                for i in 0..<n { g[i] *= scale }
            }
        }
    }
    return norm
}
