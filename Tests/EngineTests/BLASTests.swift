import Testing
@testable import Engine

@Suite struct BLASTests {
    #if !canImport(Accelerate)
    /// On a CPU with AVX2 and FMA, OpenBLAS runs kernels written for them, never its SSE3
    /// "Prescott" fallback, which it picks for a CPU model it does not know (the weight
    /// gradients then run four times slower).
    @Test(.enabled(if: BLAS.cpuFlags.isSuperset(of: ["avx2", "fma"]), "needs a CPU with AVX2 and FMA"))
    func openBLASRunsKernelsForTheCPUsInstructionSet() {
        _ = BLAS.threadCount
        #expect(BLAS.kernels != "Prescott")
    }
    #endif
}
