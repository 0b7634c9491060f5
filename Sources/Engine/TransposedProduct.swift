extension Parallel {
    /// The `k` rows of `A` and `B` one pass of `multiplyTransposed` takes: the pass's copy of a
    /// part's columns of `A` stays in the second-level cache and one strip of `B` in the first.
    static let transposedProductBlock = 256

    /// `C = Aᵀ B` (or `C += Aᵀ B` when `accumulate`), where `A` is `k × m` with rows `lda` apart,
    /// `B` is `k × n` with rows `ldb` apart and `C` is `m × n` with rows `ldc` apart: a weight
    /// gradient, `∂L/∂W = daᵀ x` summed over every row of a batch.
    ///
    /// Runs on the engine's own tiles (`Tile`), the rows of `C` split between the engine's
    /// threads in whole tiles. Every element is one chain of fused multiply-adds over `k` in
    /// order, so its bits depend neither on the split nor on the thread count (a BLAS gives no
    /// such promise, and on a CPU its build does not know falls back to its slowest kernels).
    ///
    /// Both sides are `k`-major, so a tile reading them in place would fetch a cache line per
    /// row of each for a few floats of it. So, a block of `k` at a time, each part copies its
    /// columns of `A`, each tile's side by side, then strip by strip a tile's width of columns
    /// of `B`, which every one of its tiles reads from the first-level cache.
    static func multiplyTransposed(
        m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool = false
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let w = Tile.columns, h = Tile.maxRows, tiles = (m + h - 1) / h, block = transposedProductBlock
        forEachPart(rows: tiles, parts: partCount(rows: tiles)) { _, part in
            // A cache line between tiles' copies, which start in different cache sets (6 KB apart,
            // the rows written at once would share two sets of the first-level cache).
            let tileStride = h * block + w
            let packedA = UnsafeMutablePointer<Float>.allocate(capacity: part.count * tileStride)
            let packedB = UnsafeMutablePointer<Float>.allocate(capacity: w * block)
            defer {
                packedA.deallocate()
                packedB.deallocate()
            }
            for start in stride(from: 0, to: k, by: block) {
                let kb = min(block, k - start), ab = a + start * lda, bb = b + start * ldb
                // Row by row of A, so that it is read in order: each of its rows holds a float
                // for every tile, and rows a power of two apart read column-wise would fall in
                // the same few cache sets.
                for kk in 0..<kb {
                    let row = ab + kk * lda
                    for (p, t) in part.enumerated() {
                        let target = packedA + p * tileStride + kk * h
                        if t * h + 8 <= m {
                            // Eight floats at once: the two past the tile's six land where the
                            // next row's copy (or the padding) goes.
                            UnsafeMutableRawPointer(target).storeBytes(
                                of: UnsafeRawPointer(row + t * h).loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                        } else {
                            copy(min(h, m - t * h), from: row + t * h, to: target, upTo: h)
                        }
                    }
                }
                for first in stride(from: 0, to: n, by: w) {
                    let width = min(w, n - first)
                    for kk in 0..<kb { copy(width, from: bb + kk * ldb + first, to: packedB + kk * w, upTo: w) }
                    for (p, t) in part.enumerated() {
                        let i = t * h
                        Tile.multiply(rows: min(h, m - i), k: kb, packedA + p * tileStride, rowStride: 1, step: h,
                                      packedB, ldb: w, c + i * ldc + first, ldc: ldc, columns: 0..<width,
                                      accumulate: accumulate || start > 0)
                    }
                }
            }
        }
    }

    /// Copies `count` floats and zeros the rest up to `full`: with `count == full` a loop of a
    /// constant length, unrolled in place rather than a call to `memmove` per row.
    @inline(__always)
    private static func copy(_ count: Int, from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>,
                             upTo full: Int) {
        if count == Tile.columns {
            for j in 0..<Tile.columns { target[j] = source[j] }
        } else if count == Tile.maxRows {
            for j in 0..<Tile.maxRows { target[j] = source[j] }
        } else {
            for j in 0..<full { target[j] = j < count ? source[j] : 0 }
        }
    }
}
