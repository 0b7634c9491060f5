/// A `k × n` matrix packed once for many products with it on the right: the recurrent weights,
/// which every time step of a batch multiplies by its `rows × k` states.
///
/// BLAS repacks both sides of every product it is given, so a time loop making hundreds of
/// small products with the same weights pays for packing those weights hundreds of times.
/// Here they are packed once per batch, in panels of 16 columns, each panel its `k` rows of 16
/// consecutive floats (the last panel padded with zeros), and `multiply` reads the left side
/// in place. Each element of a product is one chain of fused multiply-adds over `k` in order,
/// whatever the number of rows, so splitting a batch's rows between threads cannot change it.
struct PackedMatrix {
    /// Columns per panel: two 8-float vectors.
    static let panelWidth = 16

    /// The number of rows, `k`.
    let rows: Int
    /// The number of columns, `n`.
    let columns: Int
    /// The panels, `panelCount(columns) × rows × 16` floats.
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
                    for j in 0..<width {
                        let column = source + (first + j) * ld
                        for i in 0..<rows.count { p[i * w + j] = column[i] }
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
            while i + 6 <= m {
                tile(Rows6.self, k: k, a + i * lda, lda: lda, b, c + i * ldc + first, ldc: ldc, width: width,
                     accumulate: accumulate)
                i += 6
            }
            let ai = a + i * lda, ci = c + i * ldc + first
            switch m - i {
            case 5: tile(Rows5.self, k: k, ai, lda: lda, b, ci, ldc: ldc, width: width, accumulate: accumulate)
            case 4: tile(Rows4.self, k: k, ai, lda: lda, b, ci, ldc: ldc, width: width, accumulate: accumulate)
            case 3: tile(Rows3.self, k: k, ai, lda: lda, b, ci, ldc: ldc, width: width, accumulate: accumulate)
            case 2: tile(Rows2.self, k: k, ai, lda: lda, b, ci, ldc: ldc, width: width, accumulate: accumulate)
            case 1: tile(Rows1.self, k: k, ai, lda: lda, b, ci, ldc: ldc, width: width, accumulate: accumulate)
            default: break
            }
        }
    }
}

private typealias Vector = SIMD8<Float>

/// The height of a tile as a type, so that the compiler makes one `tile` function for each
/// height: with the height a constant, every `if rows > …` below vanishes and the
/// accumulators stay in registers. Passed as a plain `Int` to an inlined `tile`, the heights 3
/// to 5 were left to one shared copy that tested the height at every step of `k`: alone, its
/// 4- and 5-row tiles ran at 63% and 78% of the 6-row tile's speed, against 94% and 96% now.
/// Out of line, each tile also comes out 2% faster than inlined into `multiply`.
private protocol TileHeight { static var rows: Int { get } }
private enum Rows1: TileHeight { static var rows: Int { 1 } }
private enum Rows2: TileHeight { static var rows: Int { 2 } }
private enum Rows3: TileHeight { static var rows: Int { 3 } }
private enum Rows4: TileHeight { static var rows: Int { 4 } }
private enum Rows5: TileHeight { static var rows: Int { 5 } }
private enum Rows6: TileHeight { static var rows: Int { 6 } }

/// `Height.rows` (1 to 6) rows of `C` by one panel: twelve accumulators at most, each one
/// vector of 8 columns of one row, updated once per step of `k`.
@inline(never)
private func tile<Height: TileHeight>(
    _: Height.Type, k: Int, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, ldc: Int, width: Int, accumulate: Bool
) {
    let rows = Height.rows
    var c0 = (Vector(), Vector()), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0
    if accumulate {
        c0 = load(c, width: width)
        if rows > 1 { c1 = load(c + ldc, width: width) }
        if rows > 2 { c2 = load(c + 2 * ldc, width: width) }
        if rows > 3 { c3 = load(c + 3 * ldc, width: width) }
        if rows > 4 { c4 = load(c + 4 * ldc, width: width) }
        if rows > 5 { c5 = load(c + 5 * ldc, width: width) }
    }
    var a = a, b = b
    for _ in 0..<k {
        let b0 = vector(b), b1 = vector(b + 8)
        update(&c0, a[0], b0, b1)
        if rows > 1 { update(&c1, a[lda], b0, b1) }
        if rows > 2 { update(&c2, a[2 * lda], b0, b1) }
        if rows > 3 { update(&c3, a[3 * lda], b0, b1) }
        if rows > 4 { update(&c4, a[4 * lda], b0, b1) }
        if rows > 5 { update(&c5, a[5 * lda], b0, b1) }
        a += 1
        b += PackedMatrix.panelWidth
    }
    store(c0, c, width: width)
    if rows > 1 { store(c1, c + ldc, width: width) }
    if rows > 2 { store(c2, c + 2 * ldc, width: width) }
    if rows > 3 { store(c3, c + 3 * ldc, width: width) }
    if rows > 4 { store(c4, c + 4 * ldc, width: width) }
    if rows > 5 { store(c5, c + 5 * ldc, width: width) }
}

/// `acc += x · (b0, b1)`, one fused multiply-add per element.
@inline(__always)
private func update(_ acc: inout (Vector, Vector), _ x: Float, _ b0: Vector, _ b1: Vector) {
    let s = Vector(repeating: x)
    acc.0 = acc.0.addingProduct(s, b0)
    acc.1 = acc.1.addingProduct(s, b1)
}

@inline(__always)
private func vector(_ p: UnsafePointer<Float>) -> Vector {
    UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
}

/// The first `width` floats at `p` (the rest zero).
@inline(__always)
private func load(_ p: UnsafeMutablePointer<Float>, width: Int) -> (Vector, Vector) {
    if width == PackedMatrix.panelWidth { return (vector(p), vector(p + 8)) }
    var v = (Vector(), Vector())
    for j in 0..<width {
        if j < 8 { v.0[j] = p[j] } else { v.1[j - 8] = p[j] }
    }
    return v
}

/// Writes the first `width` floats of `v` at `p`.
@inline(__always)
private func store(_ v: (Vector, Vector), _ p: UnsafeMutablePointer<Float>, width: Int) {
    if width == PackedMatrix.panelWidth {
        UnsafeMutableRawPointer(p).storeBytes(of: v.0, as: Vector.self)
        UnsafeMutableRawPointer(p + 8).storeBytes(of: v.1, as: Vector.self)
        return
    }
    for j in 0..<width { p[j] = j < 8 ? v.0[j] : v.1[j - 8] }
}
