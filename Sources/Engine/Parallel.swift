/// Splits rows into parts that run on separate threads: the rows of a batch in the recurrent
/// layers' time loops and layout copies, the rows of large products, the panels of a weight
/// being packed (`PackedMatrix.setRows`), and elementwise work.
///
/// A time loop is a chain of small products (one `batch × units` by `units × gates` per step)
/// with elementwise work between them; a multi-threaded BLAS makes every one of them wait for
/// all its threads. The rows of a batch are independent through the whole loop, so instead
/// each part takes a contiguous slice of rows and runs the complete loop on it, each product
/// on one thread (`PackedMatrix`, whose bits do not depend on the split). The large products
/// split the same way follow the thread count, and so can the last bits of theirs: OpenBLAS
/// rounds some elements of a product differently depending on how many rows the call has (for
/// example a 10240-row product and its two halves differ in about 2% of their elements). The
/// same thread count gives the same parts and the same bits.
enum Parallel {
    /// The number of parts `rows` rows are split into: one per engine thread, at most one per row.
    static func partCount(rows: Int) -> Int {
        max(1, min(BLAS.threadCount, rows))
    }

    /// Calls `body(elements)` for slices of `0..<count` that cover it, one per engine thread, but
    /// none under 16,384 elements, below which a thread costs more than it saves: for
    /// elementwise updates such as an optimizer's, where each element is independent.
    static func forEachSlice(of count: Int, _ body: (_ elements: Range<Int>) -> Void) {
        let parts = max(1, min(BLAS.threadCount, count / (1 << 14)))
        forEachPart(rows: count, parts: parts) { _, elements in body(elements) }
    }

    /// Calls `body(part, rows)` for each of `parts` parts of `0..<rows` (from `partCount(rows:)`,
    /// which callers also use to size per-part scratch), concurrently on the engine's workers
    /// (`WorkerPool`, at most one thread per core) when there is more than one; returns when
    /// every part is done. Parts are numbered `0..<parts` and hold consecutive rows, the earlier
    /// parts first.
    static func forEachPart(rows: Int, parts: Int, _ body: (_ part: Int, _ rows: Range<Int>) -> Void) {
        require((1...max(1, rows)).contains(parts), "\(parts) parts of \(rows) rows")
        WorkerPool.shared.run(parts: parts) { p in
            body(p, (rows * p / parts)..<(rows * (p + 1) / parts))
        }
    }

    /// Calls `body(row)` for every row of `0..<rows`, the rows split into parts as `forEachPart`
    /// does: for the layout copies of a batch, where each row writes its own memory.
    static func forEachRow(_ rows: Int, _ body: (_ row: Int) -> Void) {
        forEachPart(rows: rows, parts: partCount(rows: rows)) { _, part in
            for row in part { body(row) }
        }
    }

    /// Adds the column sums of the `rows × width` matrix `m` into `sums` (a bias gradient). The
    /// columns are split over the engine's threads; each column is summed row by row in order,
    /// whatever the split.
    static func addColumnSums(_ m: UnsafePointer<Float>, rows: Int, width: Int, into sums: UnsafeMutablePointer<Float>) {
        forEachPart(rows: width, parts: partCount(rows: width)) { _, columns in
            for r in 0..<rows {
                let row = m + r * width
                for k in columns { sums[k] += row[k] }
            }
        }
    }

    /// `C = A · packed` (or `C += A · packed` when `accumulate`), `A` being `m × packed.rows`,
    /// with the rows of `A` and `C` split into parts as `forEachPart` does. Every element comes
    /// out the same whatever the split (see `PackedMatrix`).
    static func multiply(
        m: Int, _ a: UnsafePointer<Float>, lda: Int, _ packed: PackedMatrix,
        _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool = false
    ) {
        forEachPart(rows: m, parts: partCount(rows: m)) { _, rows in
            packed.multiply(m: rows.count, a + rows.lowerBound * lda, lda: lda, c + rows.lowerBound * ldc, ldc: ldc,
                            accumulate: accumulate)
        }
    }

    /// `BLAS.gemm` with the rows of `C` split into parts as `forEachPart` does, one thread each
    /// (the same split for the same thread count; see the type's note on last bits).
    static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        forEachPart(rows: m, parts: partCount(rows: m)) { _, rows in
            BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: rows.count, n: n, k: k,
                      a + rows.lowerBound * (transposeA ? 1 : lda), lda: lda, b, ldb: ldb,
                      beta: beta, c + rows.lowerBound * ldc, ldc: ldc)
        }
    }
}
