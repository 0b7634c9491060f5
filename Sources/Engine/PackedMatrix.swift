/// A `k × n` matrix packed once for many products with it on the right: the recurrent weights,
/// which every time step of a batch multiplies by its `rows × k` states.
///
/// BLAS repacks both sides of every product it is given, so a time loop making hundreds of
/// small products with the same weights pays for packing those weights hundreds of times.
/// Here they are packed once per batch, in panels of one tile's width (`Tile.columns`), each
/// panel its `k` rows of that many consecutive floats (the last panel padded with zeros), and
/// `multiply` reads the left side in place. Each element of a product is one chain of fused
/// multiply-adds over `k` in order, whatever the number of rows, so splitting a batch's rows
/// between threads cannot change it.
struct PackedMatrix {
    /// Columns per panel: one tile's.
    static let panelWidth = Tile.columns

    /// The number of rows, `k`.
    let rows: Int
    /// The number of columns, `n`.
    let columns: Int
    /// The panels, `panelCount(columns) × rows × panelWidth` floats.
    let storage: UnsafeMutablePointer<Float>

    /// The number of floats the packed form of a matrix with `rows` rows and `columns`
    /// columns takes.
    static func storageCount(rows: Int, columns: Int) -> Int {
        (columns + panelWidth - 1) / panelWidth * panelWidth * rows
    }

    /// Room for a `rows × columns` matrix in `storage` (`storageCount` floats), whose rows
    /// `setRows` then writes. The last panel's padding columns are zeroed here.
    init(rows: Int, columns: Int, into storage: UnsafeMutablePointer<Float>) {
        self.rows = rows
        self.columns = columns
        self.storage = storage
        let w = Self.panelWidth, full = columns / w, used = columns - full * w
        guard used > 0 else { return }
        let last = storage + full * rows * w
        for i in 0..<rows { (last + i * w + used).update(repeating: 0, count: w - used) }
    }

    /// Packs `matrix` (a `[k, n]` tensor), or its transpose (an `[n, k]` tensor, as a layer
    /// stores its weights) when `transposed`, into `workspace`.
    init(_ matrix: Tensor, transposed: Bool, into workspace: Workspace) {
        let (r, c) = transposed ? (matrix.shape[1], matrix.shape[0]) : (matrix.shape[0], matrix.shape[1])
        self.init(rows: r, columns: c, into: workspace.reserve(Self.storageCount(rows: r, columns: c)))
        matrix.withUnsafePointer { setRows(0..<r, from: $0, ld: transposed ? r : c, transposed: transposed) }
    }

    /// Writes the rows `rows` from the row-major `rows.count × columns` matrix at `source`, its
    /// rows `ld` apart, or when `transposed` from the transpose of the `columns × rows.count`
    /// matrix there (row `rows.lowerBound + i`, column `j` is then `source[j * ld + i]`), the
    /// panels split between the engine's threads.
    func setRows(_ rows: Range<Int>, from source: UnsafePointer<Float>, ld: Int, transposed: Bool) {
        let w = Self.panelWidth, panels = (columns + w - 1) / w, k = self.rows, storage = storage
        Parallel.forEachPart(rows: panels, parts: Parallel.partCount(rows: panels)) { _, part in
            for panel in part {
                let first = panel * w, width = min(w, columns - first)
                let p = storage + (panel * k + rows.lowerBound) * w
                if transposed {
                    // Row by row of the panel: its writes are contiguous, and the `width`
                    // columns it reads stay in cache from one row to the next.
                    for i in 0..<rows.count {
                        let row = p + i * w, column = source + first * ld + i
                        for j in 0..<width { row[j] = column[j * ld] }
                    }
                } else {
                    for i in 0..<rows.count { (p + i * w).update(from: source + i * ld + first, count: width) }
                }
            }
        }
    }

    /// `C = A · self` (or `C += A · self` when `accumulate`), where `A` is `m × rows` with rows
    /// `lda` apart and `C` is `m × columns` with rows `ldc` apart; with `firstRows`, only that
    /// many rows of `self` and columns of `A` take part.
    func multiply(m: Int, _ a: UnsafePointer<Float>, lda: Int, _ c: UnsafeMutablePointer<Float>, ldc: Int,
                  accumulate: Bool = false, firstRows: Int? = nil) {
        let w = Self.panelWidth, k = firstRows ?? rows
        for panel in 0..<((columns + w - 1) / w) {
            let b = UnsafePointer(storage + panel * rows * w), first = panel * w
            let width = min(w, columns - first)
            var i = 0
            while i < m {
                let height = min(Tile.maxRows, m - i)
                Tile.multiply(rows: height, k: k, a + i * lda, lda: lda, b, c + i * ldc + first, ldc: ldc,
                              width: width, accumulate: accumulate)
                i += height
            }
        }
    }
}
