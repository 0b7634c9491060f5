@testable import Engine
import Testing

@Suite struct PackedMatrixTests {
    /// `A` (`m × k`), `B` (`k × n`) and a starting `C` (`m × n`), uniform in ±1.
    private static func operands(m: Int, n: Int, k: Int, seed: UInt64) -> (a: [Float], b: [Float], c: [Float]) {
        (randomTensor([m, k], seed: seed).scalars, randomTensor([k, n], seed: seed + 1).scalars,
         randomTensor([m, n], seed: seed + 2).scalars)
    }

    /// `C = A B` (or `C += A B`) through a packed `B`, given as stored (`[k, n]`) or as a layer's
    /// weight (`[n, k]`, packed transposed).
    private static func packedProduct(_ a: [Float], _ b: [Float], _ c: [Float], m: Int, n: Int, k: Int,
                                      transposed: Bool, accumulate: Bool) -> [Float] {
        var weight = Tensor(shape: [k, n], scalars: b)
        if transposed {
            weight = Tensor(shape: [n, k], scalars: (0..<(n * k)).map { b[($0 % k) * n + $0 / k] })
        }
        let workspace = Workspace()
        let packed = PackedMatrix(weight, transposed: transposed, into: workspace)
        #expect(packed.rows == k && packed.columns == n)
        var out = c
        a.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { c in
                packed.multiply(m: m, a.baseAddress!, lda: k, c.baseAddress!, ldc: n, accumulate: accumulate)
            }
        }
        return out
    }

    /// Every element is one chain of fused multiply-adds over `k` in order, from zero or from
    /// `C`: exactly, bit for bit, at sizes that leave partial tiles and panels (of 16 or 32
    /// columns), and with every tile height, 1 to 6 rows or 1 to 8 in a build for AVX-512.
    @Test(arguments: [(1, 1, 1), (2, 40, 9), (3, 7, 33), (4, 65, 12), (5, 17, 3), (6, 16, 8), (13, 33, 70),
                      (64, 64, 256), (7, 50, 129), (8, 20, 5), (9, 31, 40)],
          [false, true])
    func eachElementIsOneFusedChainInOrder(size: (Int, Int, Int), transposed: Bool) {
        let (m, n, k) = size
        let (a, b, c) = Self.operands(m: m, n: n, k: k, seed: UInt64(m * 1000 + n))
        for accumulate in [false, true] {
            var expected = [Float](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = accumulate ? c[i * n + j] : 0
                    for kk in 0..<k { sum.addProduct(a[i * k + kk], b[kk * n + j]) }
                    expected[i * n + j] = sum
                }
            }
            let got = Self.packedProduct(a, b, c, m: m, n: n, k: k, transposed: transposed, accumulate: accumulate)
            #expect(got == expected, "\(m)×\(n)×\(k), transposed \(transposed), accumulate \(accumulate)")
        }
    }

    /// The same product as BLAS, up to rounding.
    @Test func agreesWithBLAS() {
        let (m, n, k) = (37, 200, 115)
        let (a, b, c) = Self.operands(m: m, n: n, k: k, seed: 9)
        let packed = Self.packedProduct(a, b, c, m: m, n: n, k: k, transposed: true, accumulate: true)
        var blas = c
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                blas.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(m: m, n: n, k: k, a.baseAddress!, lda: k, b.baseAddress!, ldb: n, beta: 1,
                              c.baseAddress!, ldc: n)
                }
            }
        }
        #expect(zip(packed, blas).allSatisfy { abs($0 - $1) <= 1e-4 })
    }

    /// Rows written block by block from separate transposed sources, as the LSTM packs
    /// `[W_ih | bias | W_hh]ᵀ`, give the same packed matrix as the joined weight packed at once.
    @Test func rowsWrittenInBlocksMatchTheJoinedMatrix() {
        let (g, d, h) = (21, 3, 5), l = d + 1 + h
        let wih = randomTensor([g, d], seed: 31), bias = randomTensor([g], seed: 32), whh = randomTensor([g, h], seed: 33)
        var scalars: [Float] = []
        for row in 0..<g {
            scalars += wih.scalars[(row * d)..<((row + 1) * d)]
            scalars.append(bias.scalars[row])
            scalars += whh.scalars[(row * h)..<((row + 1) * h)]
        }
        let joined = Tensor(shape: [g, l], scalars: scalars)
        let wholeSpace = Workspace(), blocks = Workspace(), count = PackedMatrix.storageCount(rows: l, columns: g)
        let whole = PackedMatrix(joined, transposed: true, into: wholeSpace)
        let packed = PackedMatrix(rows: l, columns: g, into: blocks.reserve(count))
        wih.withUnsafePointer { packed.setRows(0..<d, from: $0, ld: d, transposed: true) }
        bias.withUnsafePointer { packed.setRows(d..<(d + 1), from: $0, ld: 1, transposed: true) }
        whh.withUnsafePointer { packed.setRows((d + 1)..<l, from: $0, ld: h, transposed: true) }
        withExtendedLifetime((wholeSpace, blocks)) {
            #expect(Array(UnsafeBufferPointer(start: packed.storage, count: count))
                    == Array(UnsafeBufferPointer(start: whole.storage, count: count)))
        }
    }

    /// Splitting the rows into parts on separate threads, as the time loops and
    /// `Parallel.multiply` do, gives the bits of one call over all rows.
    @Test(arguments: [1, 2, 3, 5])
    func theRowSplitDoesNotChangeTheBits(parts: Int) {
        let (m, n, k) = (128, 96, 64)
        let (a, b, _) = Self.operands(m: m, n: n, k: k, seed: 21)
        let whole = Self.packedProduct(a, b, [Float](repeating: 0, count: m * n), m: m, n: n, k: k,
                                       transposed: false, accumulate: false)
        let workspace = Workspace()
        let packed = PackedMatrix(Tensor(shape: [k, n], scalars: b), transposed: false, into: workspace)
        var split = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            split.withUnsafeMutableBufferPointer { c in
                let (a, c) = (a.baseAddress!, c.baseAddress!)
                Parallel.forEachPart(rows: m, parts: parts) { _, rows in
                    packed.multiply(m: rows.count, a + rows.lowerBound * k, lda: k, c + rows.lowerBound * n, ldc: n)
                }
            }
        }
        #expect(split == whole)
    }
}
