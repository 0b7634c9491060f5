/// The few random draws this module makes, written out (rather than `Int.random(in:using:)`, whose
/// algorithm the standard library may change) so a seeded generator gives the same data everywhere.
extension RandomNumberGenerator {
    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    mutating func index(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[index(below: choices.count)]
    }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    /// Shuffles `array` in place (Fisher–Yates).
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, index(below: i + 1))
        }
    }
}
