#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif
import Synchronization

/// The engine's only door to BLAS, so a change of BLAS library (OpenBLAS on Linux, Accelerate on
/// Apple platforms) touches one file. The engine's products run on its own tiles (`Tile`, through
/// `PackedMatrix` and `Parallel.multiplyTransposed`), whose every element is one fixed chain of
/// fused multiply-adds on any CPU and any thread count; a BLAS rounds differently from one CPU,
/// one build and one split of the rows to another, and a build that does not know the CPU
/// (OpenBLAS 0.3.21 on a Sapphire Rapids Xeon) falls back to its slowest kernels. Here remain the
/// gradient norm (`dot`), the reference the tests check those products against (`gemm`), and the
/// engine's thread count.
///
/// Matrices are row-major. `lda`, `ldb` and `ldc` are the distances in elements between
/// consecutive rows.
///
/// BLAS itself always runs on one thread: OpenBLAS's own threads do not promise the same bits
/// from one run to the next, and the engine's parallelism is its own (`Parallel`).
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
