/// `exp`, the sigmoid and `tanh` without branches or library calls, so that a loop applying
/// them to contiguous floats compiles to vector instructions; the recurrent cells spend most
/// of their non-BLAS time here.
///
/// `exp` is Cephes's `expf`: `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2`, a degree-6 polynomial for
/// `e^r` and `2^n` built in the exponent bits; within 2 ulp of the true value for `x` in
/// `[-87.3, 88.3]`, to which larger inputs are clamped (`FastMathTests`). Every operation is
/// IEEE float arithmetic, so results are the same on every machine: the reduction and the
/// polynomial are fused multiply-adds, which IEEE 754 rounds once, exactly as specified. They
/// shorten each step of the polynomial's chain from a multiply and an add to one instruction:
/// a quarter less time per sigmoid, a seventh less gate math (BENCHMARKS.md). A CPU without
/// FMA instructions (a `RUNNER_PORTABLE=1` build) computes them in software, to the same bits.
enum FastMath {
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let x = min(max(x, -87.3), 88.3)
        // n = round(x / ln 2), by the add-and-subtract trick (exact for |n| < 2^22).
        let n = Float(12_582_912).addingProduct(x, 1.442_695_04) - 12_582_912
        let r = x.addingProduct(n, -0.693_359_375).addingProduct(n, 2.121_944_4e-4)
        var p: Float = 1.987_569_15e-4
        p = Float(1.398_199_95e-3).addingProduct(p, r)
        p = Float(8.333_451_9e-3).addingProduct(p, r)
        p = Float(4.166_579_59e-2).addingProduct(p, r)
        p = Float(1.666_666_55e-1).addingProduct(p, r)
        p = Float(5.000_000_12e-1).addingProduct(p, r)
        p = r.addingProduct(p, r * r) + 1
        let scale = Float(bitPattern: UInt32(bitPattern: Int32(n) + 127) << 23)
        return p * scale
    }

    /// `1 / (1 + e^(−x))`.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        1 / (1 + exp(-x))
    }

    /// `tanh x = ±(1 − e^(−2|x|)) / (1 + e^(−2|x|))`, within about 1e-7 of the true value.
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let e = exp(-2 * abs(x))
        return Float(signOf: x, magnitudeOf: (1 - e) / (1 + e))
    }
}
