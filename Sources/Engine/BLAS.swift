#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif
import Synchronization

/// The engine's only door to BLAS, so a change of BLAS library (OpenBLAS on Linux, Accelerate on
/// Apple platforms) touches one file. The products over a whole batch (the recurrent layers'
/// weight gradients, the dense layers) and the gradient norm go through here; the recurrent
/// layers' products with their weights on the right (every time step's, the input projections
/// and input gradients) run on `PackedMatrix`, which packs those weights once per batch instead
/// of once per call.
///
/// Matrices are row-major. `lda`, `ldb` and `ldc` are the distances in elements between
/// consecutive rows, which lets callers multiply strided views (for example one time step of a
/// `[batch, time, features]` tensor) without copying.
///
/// BLAS itself always runs on one thread. The engine's parallelism is its own (`Parallel`): it
/// splits the rows of large products and the time loops over `threadCount` threads, each with a
/// single-threaded BLAS call, so the same thread count always splits the work the same way and
/// gives the same bits. OpenBLAS's own threads do not promise even that: on some CPUs two runs of
/// the same training in one process differed in the last bits. A different thread count can
/// change the last bits: OpenBLAS rounds some elements of a product differently depending on
/// how many rows the call has.
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
        _ = startupThreadCount
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
        _ = startupThreadCount
        cblas_saxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// The dot product of two contiguous vectors.
    @inlinable
    public static func dot(count: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        _ = startupThreadCount
        return cblas_sdot(Int32(count), x, 1, y, 1)
    }

    /// The thread count the process started with (OpenBLAS's: `OPENBLAS_NUM_THREADS`, else the
    /// number of cores), read once, before OpenBLAS is set to one thread for good.
    @usableFromInline
    static let startupThreadCount: Int = {
        #if canImport(Accelerate)
        return 1
        #else
        let count = Int(openblas_get_num_threads())
        openblas_set_num_threads(1)
        return max(1, count)
        #endif
    }()

    /// The thread count set by `setThreadCount`; 0 until then.
    private static let requestedThreadCount = Atomic<Int>(0)

    /// Sets the number of threads the engine splits its products and time loops over.
    public static func setThreadCount(_ count: Int) {
        _ = startupThreadCount
        requestedThreadCount.store(max(1, count), ordering: .relaxed)
    }

    /// The number of threads the engine splits its products and time loops over: the count last
    /// set, else the one the process started with.
    public static var threadCount: Int {
        let requested = requestedThreadCount.load(ordering: .relaxed)
        return requested > 0 ? requested : startupThreadCount
    }
}
