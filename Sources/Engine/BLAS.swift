#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// The engine's only door to BLAS. Every matrix product in the engine goes through here, so a
/// change of BLAS library (OpenBLAS on Linux, Accelerate on Apple platforms) touches one file.
///
/// Matrices are row-major. `lda`, `ldb` and `ldc` are the distances in elements between
/// consecutive rows, which lets callers multiply strided views (for example one time step of a
/// `[batch, time, features]` tensor) without copying.
public enum BLAS {
    /// `C = alpha * op(A) * op(B) + beta * C`, where `op(A)` is `m×k` and `op(B)` is `k×n`.
    @inlinable
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int,
        _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }

    /// `y += alpha * x` over `count` elements.
    @inlinable
    public static func axpy(count: Int, alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// The dot product of two contiguous vectors.
    @inlinable
    public static func dot(count: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        cblas_sdot(Int32(count), x, 1, y, 1)
    }

    /// Sets the number of threads BLAS may use (OpenBLAS; a no-op where BLAS manages its own).
    public static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(count))
        #endif
    }

    /// The number of threads BLAS uses for one product (OpenBLAS's setting; 1 where BLAS
    /// manages its own, so that callers do not split work of their own on top of it).
    public static var threadCount: Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }

    /// Runs `body` with BLAS on `count` threads, then restores the previous count. Products
    /// called concurrently from several threads of one's own are safe on one BLAS thread each.
    static func withThreadCount(_ count: Int, _ body: () -> Void) {
        let previous = threadCount
        setThreadCount(count)
        body()
        setThreadCount(previous)
    }
}
