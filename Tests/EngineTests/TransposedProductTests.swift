@testable import Engine
import Testing

@Suite struct TransposedProductTests {
    /// `Aᵀ B` (or `C + Aᵀ B`) through `Parallel.multiplyTransposed`, `A` being `k × m` and `B`
    /// `k × n` stored with rows `lda` and `ldb` apart (padded with values that must not be read
    /// into the result), `C` `m × n` with rows `n + 3` apart, its padding checked untouched.
    private static func product(_ a: [Float], _ b: [Float], _ c: [Float], m: Int, n: Int, k: Int,
                                accumulate: Bool) -> [Float] {
        let lda = m + 5, ldb = n + 7, ldc = n + 3
        var sa = [Float](repeating: .nan, count: k * lda), sb = [Float](repeating: .nan, count: k * ldb)
        var sc = [Float](repeating: -7, count: m * ldc)
        for kk in 0..<k {
            for i in 0..<m { sa[kk * lda + i] = a[kk * m + i] }
            for j in 0..<n { sb[kk * ldb + j] = b[kk * n + j] }
        }
        for i in 0..<m { for j in 0..<n { sc[i * ldc + j] = c[i * n + j] } }
        sa.withUnsafeBufferPointer { pa in
            sb.withUnsafeBufferPointer { pb in
                sc.withUnsafeMutableBufferPointer { pc in
                    Parallel.multiplyTransposed(m: m, n: n, k: k, pa.baseAddress!, lda: lda, pb.baseAddress!, ldb: ldb,
                                                pc.baseAddress!, ldc: ldc, accumulate: accumulate)
                }
            }
        }
        var out: [Float] = []
        for i in 0..<m {
            out += sc[(i * ldc)..<(i * ldc + n)]
            #expect(sc[(i * ldc + n)..<((i + 1) * ldc)].allSatisfy { $0 == -7 }, "row \(i)'s padding was written")
        }
        return out
    }

    /// Every element is one chain of fused multiply-adds over `k` in order, from zero or from
    /// `C`, bit for bit: with tiles of every height (`m` of 1 to 13), strips narrower than one
    /// (`n` under 16), a last strip cut short, `k` over several blocks, and the rows of `C` split
    /// between the engine's threads.
    @Test(arguments: [(1, 1, 1), (5, 3, 17), (6, 16, 8), (13, 33, 300), (64, 64, 256), (7, 50, 129),
                      (8, 20, 5), (9, 31, 40), (30, 115, 1000)])
    func eachElementIsOneFusedChainInOrder(size: (Int, Int, Int)) {
        let (m, n, k) = size
        let seed = UInt64(m * 1000 + n)
        let a = randomTensor([k, m], seed: seed).scalars, b = randomTensor([k, n], seed: seed + 1).scalars
        let c = randomTensor([m, n], seed: seed + 2).scalars
        for accumulate in [false, true] {
            var expected = [Float](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = accumulate ? c[i * n + j] : 0
                    for kk in 0..<k { sum.addProduct(a[kk * m + i], b[kk * n + j]) }
                    expected[i * n + j] = sum
                }
            }
            let got = Self.product(a, b, c, m: m, n: n, k: k, accumulate: accumulate)
            let wrong = zip(got, expected).filter { $0 != $1 }.count
            #expect(wrong == 0, "\(m)×\(n)×\(k), accumulate \(accumulate): \(wrong) of \(m * n) elements differ")
        }
    }

    /// An empty sum: zeros, or `C` itself when accumulating.
    @Test func noRowsGiveZerosOrLeaveC() {
        let c = randomTensor([7, 20], seed: 4).scalars
        #expect(Self.product([], [], c, m: 7, n: 20, k: 0, accumulate: false) == [Float](repeating: 0, count: 140))
        #expect(Self.product([], [], c, m: 7, n: 20, k: 0, accumulate: true) == c)
    }

    /// The product BLAS computes for the same transposed operands, up to rounding.
    @Test func agreesWithBLAS() {
        let (m, n, k) = (37, 200, 515)
        let a = randomTensor([k, m], seed: 11).scalars, b = randomTensor([k, n], seed: 12).scalars
        let c = randomTensor([m, n], seed: 13).scalars
        let ours = Self.product(a, b, c, m: m, n: n, k: k, accumulate: true)
        var blas = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                blas.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(transposeA: true, m: m, n: n, k: k, a.baseAddress!, lda: m, b.baseAddress!, ldb: n,
                              beta: 1, c.baseAddress!, ldc: n)
                }
            }
        }
        #expect(zip(ours, blas).allSatisfy { abs($0 - $1) <= 1e-3 })
    }
}
