/// The engine's own matrix-product kernel, which `PackedMatrix` runs over its panels: up to 6
/// rows by two vectors' columns of `C` (16 columns in twelve of AVX2's sixteen registers), or
/// in a build for AVX-512 (`WIDE_VECTORS` in Package.swift) up to 8 rows by 32 columns (sixteen
/// of its thirty-two), held in registers while a chain of fused multiply-adds runs over `k`.
///
/// Each element of `C` is one chain over `k` in order, `c = c + a_k · b_k` rounded once per
/// step, starting from zero or from `C`. Nothing about the rows around it, the thread that runs
/// it or the width of the vectors changes that chain, so none of them changes the bits.
enum Tile {
    /// The most rows of `C` one tile holds: with 8, a part of 64 rows of a batch of 128 is eight
    /// whole tiles, and each step of `k` loads two vectors of `B` for sixteen multiply-adds.
    #if WIDE_VECTORS
    static let maxRows = 8
    #else
    static let maxRows = 6
    #endif
    /// The columns of `C` one tile holds: two vectors.
    static let columns = 2 * Vector.scalarCount

    /// `C += A · B` (or `C = A · B` unless `accumulate`) for the `rows` (1 to `maxRows`) rows of `C` at
    /// `c` (`ldc` apart) by one panel of `B`: `A` is `rows × k` with rows `lda` apart, and row
    /// `kk` of `B` the `Tile.columns` floats at `b + kk * Tile.columns`, all readable (a
    /// `PackedMatrix` panel, its last one padded with zeros). Only the first `width` columns of
    /// the panel are `C`'s, read when accumulating and written.
    @inline(__always)
    static func multiply(
        rows: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>,
        _ c: UnsafeMutablePointer<Float>, ldc: Int, width: Int, accumulate: Bool
    ) {
        switch rows {
        case 8: tile(Rows8.self, k, a, lda, b, c, ldc, width, accumulate)
        case 7: tile(Rows7.self, k, a, lda, b, c, ldc, width, accumulate)
        case 6: tile(Rows6.self, k, a, lda, b, c, ldc, width, accumulate)
        case 5: tile(Rows5.self, k, a, lda, b, c, ldc, width, accumulate)
        case 4: tile(Rows4.self, k, a, lda, b, c, ldc, width, accumulate)
        case 3: tile(Rows3.self, k, a, lda, b, c, ldc, width, accumulate)
        case 2: tile(Rows2.self, k, a, lda, b, c, ldc, width, accumulate)
        case 1: tile(Rows1.self, k, a, lda, b, c, ldc, width, accumulate)
        default: preconditionFailure("a tile has 1 to \(maxRows) rows, not \(rows)")
        }
    }
}

#if WIDE_VECTORS
private typealias Vector = SIMD16<Float>
#else
private typealias Vector = SIMD8<Float>
#endif

/// The height of a tile as a type, so that the compiler makes one `tile` function for each
/// height: with the height a constant, every `if rows > …` below vanishes and the
/// accumulators stay in registers. Passed as a plain `Int` to an inlined `tile`, the heights 3
/// to 5 were left to one shared copy that tested the height at every step of `k`: alone, its
/// 4- and 5-row tiles ran at 63% and 78% of the 6-row tile's speed, against 94% and 96% now.
/// Out of line, each tile also comes out 2% faster than inlined into its caller's loop.
private protocol TileHeight { static var rows: Int { get } }
private enum Rows1: TileHeight { static var rows: Int { 1 } }
private enum Rows2: TileHeight { static var rows: Int { 2 } }
private enum Rows3: TileHeight { static var rows: Int { 3 } }
private enum Rows4: TileHeight { static var rows: Int { 4 } }
private enum Rows5: TileHeight { static var rows: Int { 5 } }
private enum Rows6: TileHeight { static var rows: Int { 6 } }
private enum Rows7: TileHeight { static var rows: Int { 7 } }
private enum Rows8: TileHeight { static var rows: Int { 8 } }

/// `Height.rows` rows of `C` by one panel: sixteen accumulators at most, each one vector of
/// columns of one row, updated once per step of `k`.
@inline(never)
private func tile<Height: TileHeight>(
    _: Height.Type, _ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ width: Int, _ accumulate: Bool
) {
    let rows = Height.rows, panel = Tile.columns
    var c0 = (Vector(), Vector()), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0
    if accumulate {
        c0 = load(c, width)
        if rows > 1 { c1 = load(c + ldc, width) }
        if rows > 2 { c2 = load(c + 2 * ldc, width) }
        if rows > 3 { c3 = load(c + 3 * ldc, width) }
        if rows > 4 { c4 = load(c + 4 * ldc, width) }
        if rows > 5 { c5 = load(c + 5 * ldc, width) }
        if rows > 6 { c6 = load(c + 6 * ldc, width) }
        if rows > 7 { c7 = load(c + 7 * ldc, width) }
    }
    var a = a, b = b
    for _ in 0..<k {
        let b0 = vector(b), b1 = vector(b + Vector.scalarCount)
        update(&c0, a[0], b0, b1)
        if rows > 1 { update(&c1, a[lda], b0, b1) }
        if rows > 2 { update(&c2, a[2 * lda], b0, b1) }
        if rows > 3 { update(&c3, a[3 * lda], b0, b1) }
        if rows > 4 { update(&c4, a[4 * lda], b0, b1) }
        if rows > 5 { update(&c5, a[5 * lda], b0, b1) }
        if rows > 6 { update(&c6, a[6 * lda], b0, b1) }
        if rows > 7 { update(&c7, a[7 * lda], b0, b1) }
        a += 1
        b += panel
    }
    store(c0, c, width)
    if rows > 1 { store(c1, c + ldc, width) }
    if rows > 2 { store(c2, c + 2 * ldc, width) }
    if rows > 3 { store(c3, c + 3 * ldc, width) }
    if rows > 4 { store(c4, c + 4 * ldc, width) }
    if rows > 5 { store(c5, c + 5 * ldc, width) }
    if rows > 6 { store(c6, c + 6 * ldc, width) }
    if rows > 7 { store(c7, c + 7 * ldc, width) }
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

/// The first `width` floats at `p` (the other lanes zero).
@inline(__always)
private func load(_ p: UnsafeMutablePointer<Float>, _ width: Int) -> (Vector, Vector) {
    let half = Vector.scalarCount
    if width == Tile.columns { return (vector(p), vector(p + half)) }
    var v = (Vector(), Vector())
    for j in 0..<width {
        if j < half { v.0[j] = p[j] } else { v.1[j - half] = p[j] }
    }
    return v
}

/// Writes the first `width` floats of `v` at `p`.
@inline(__always)
private func store(_ v: (Vector, Vector), _ p: UnsafeMutablePointer<Float>, _ width: Int) {
    let half = Vector.scalarCount
    if width == Tile.columns {
        UnsafeMutableRawPointer(p).storeBytes(of: v.0, as: Vector.self)
        UnsafeMutableRawPointer(p + half).storeBytes(of: v.1, as: Vector.self)
        return
    }
    for j in 0..<width { p[j] = j < half ? v.0[j] : v.1[j - half] }
}
