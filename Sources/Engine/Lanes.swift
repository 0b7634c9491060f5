/// Elementwise passes written eight floats at a time, for the loops the compiler leaves scalar.
///
/// The recurrent cells have passes that read a row of gates at several offsets (`ab[j]`,
/// `ab[H + j]`, `ab[2 * H + j]`) and write over the same row at others. Nothing tells the
/// compiler that `H` is at least the vector width, so it cannot prove the writes apart from the
/// reads and leaves such a loop scalar. Written with `Lanes`, the pass goes through the row in
/// vectors of eight, then one last partial vector, padded with zeros, of which `store` writes
/// only the real lanes. Each lane goes through the same IEEE operations as the scalar loop, in
/// the same order, so the results are the same bits.
enum Lanes {
    typealias Vector = SIMD8<Float>

    /// Calls `body(first, count)` for consecutive runs of `elements`: `count` is 8 for every
    /// run but the last, which has the 1 to 8 elements left.
    @inline(__always)
    static func forEach(_ elements: Range<Int>, _ body: (_ first: Int, _ count: Int) -> Void) {
        var i = elements.lowerBound
        while i + 8 <= elements.upperBound {
            body(i, 8)
            i += 8
        }
        if i < elements.upperBound { body(i, elements.upperBound - i) }
    }

    /// The `count` floats at `p` (at most 8), the other lanes zero.
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, count: Int) -> Vector {
        if count == 8 { return UnsafeRawPointer(p).loadUnaligned(as: Vector.self) }
        var v = Vector()
        for j in 0..<count { v[j] = p[j] }
        return v
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>, count: Int) -> Vector {
        load(UnsafePointer(p), count: count)
    }

    /// Writes the first `count` lanes of `v` at `p`.
    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>, count: Int) {
        if count == 8 { return UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self) }
        for j in 0..<count { p[j] = v[j] }
    }
}
