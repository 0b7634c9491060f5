import Foundation

/// A set of words, numbered 0, 1, 2, … in order of insertion.
///
/// The words' bytes live one after the other in one array and an open-addressing hash table
/// (linear probing, FNV-1a hashes) points into it, so looking a word up allocates nothing: the
/// tokenizer's hot path hands words over as byte buffers, never as `String`s.
struct WordTable: Sendable {
    /// The bytes of all words, back to back.
    private var arena: [UInt8] = []
    /// Word `i` is `arena[ends[i - 1] ..< ends[i]]` (from 0 for the first word).
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Word numbers, or -1 for an empty slot; the count is a power of two.
    private var slots = [Int32](repeating: -1, count: 1024)

    /// The number of words.
    var count: Int { ends.count }

    /// The number of `word`, if it is in the table.
    func find(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        let k = slots[slot(of: word, hash: Self.hash(word))]
        return k < 0 ? nil : Int(k)
    }

    /// The number of `word`, adding it as the next number when it is new.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        let h = Self.hash(word)
        let s = slot(of: word, hash: h)
        if slots[s] >= 0 { return Int(slots[s]) }
        let k = count
        arena.append(contentsOf: word)
        ends.append(arena.count)
        hashes.append(h)
        slots[s] = Int32(k)
        if 2 * count > slots.count { grow() }
        return k
    }

    /// The number of `word`, adding it when it is new.
    mutating func insert(_ word: String) -> Int {
        var word = word
        return word.withUTF8 { insert($0) }
    }

    /// Word number `k`.
    func word(_ k: Int) -> String {
        String(decoding: arena[start(k) ..< ends[k]], as: UTF8.self)
    }

    private func start(_ k: Int) -> Int { k == 0 ? 0 : ends[k - 1] }

    /// The slot holding `word`, or the empty slot where it belongs.
    private func slot(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let k = Int(slots[s])
                if k < 0 { return s }
                let from = start(k)
                if hashes[k] == hash && ends[k] - from == word.count
                    && (word.isEmpty || memcmp(arena.baseAddress! + from, word.baseAddress!, word.count) == 0) {
                    return s
                }
                s = (s + 1) & mask
            }
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for k in 0..<count {
            var s = Int(truncatingIfNeeded: hashes[k]) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(k)
        }
    }

    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in word { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
