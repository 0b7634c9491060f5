#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif
import Foundation
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
        chooseKernels()
        let count = Int(openblas_get_num_threads())
        openblas_set_num_threads(1)
        return max(1, count)
        #endif
    }()

    #if !canImport(Accelerate)
    /// The OpenBLAS core whose kernels run here, as it names it: "Haswell", "SkylakeX", "Zen"...
    static var kernels: String { String(cString: openblas_get_corename()) }

    /// The instruction-set flags of the CPU, as Linux lists them in /proc/cpuinfo ("avx2",
    /// "fma", "avx512f"...); empty where there is no such file.
    static var cpuFlags: Set<String> {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return [] }
        return Set(line.split(separator: " ").map(String.init))
    }

    /// Gives OpenBLAS the kernels of the CPU's instruction set when it does not recognise the CPU.
    ///
    /// OpenBLAS built for every CPU picks its kernels by the CPU's family and model, and on one
    /// it does not know falls back to "Prescott", its SSE3 kernels: seen with Debian's 0.3.21 on
    /// a Sapphire Rapids virtual machine that calls itself "Intel(R) Xeon(R) Processor", where
    /// the weight gradients' product ran at 32 GFLOP/s against 136 with the SkylakeX kernels
    /// (BENCHMARKS.md). There, the kernels are chosen by the instruction sets the CPU reports
    /// instead: SkylakeX's for AVX-512, Haswell's for AVX2 and FMA, named in `OPENBLAS_CORETYPE`,
    /// which the processes a sweep starts inherit. When set, `OPENBLAS_CORETYPE` stays the
    /// user's choice.
    private static func chooseKernels() {
        guard kernels == "Prescott", runner_openblas_can_choose_kernels() != 0,
              getenv("OPENBLAS_CORETYPE") == nil
        else { return }
        let flags = cpuFlags, core: String
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl"]) {
            core = "SkylakeX"
        } else if flags.isSuperset(of: ["avx2", "fma"]) {
            core = "Haswell"
        } else {
            return
        }
        setenv("OPENBLAS_CORETYPE", core, 1)
        gotoblas_dynamic_quit()
        gotoblas_dynamic_init()
    }
    #endif

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
