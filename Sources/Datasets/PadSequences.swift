/// Which end of a sequence `padSequences` pads or cuts: Keras's `"pre"` or `"post"`.
public enum SequenceEnd: String, Sendable, CaseIterable {
    /// Before the sequence (the front).
    case pre
    /// After the sequence (the back).
    case post
}

/// Keras's `pad_sequences`: every sequence made exactly `maxLen` long, all of them back to back.
///
/// A longer sequence loses its first (`truncating: .pre`) or last (`.post`) elements; a shorter
/// one gets `value` before (`padding: .pre`) or after (`.post`) it. The result holds
/// `sequences.count * maxLen` ids.
public func padSequences(
    _ sequences: [[Int32]], maxLen: Int, padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre, value: Int32 = 0
) -> [Int32] {
    precondition(maxLen >= 0, "maxLen \(maxLen) is negative")
    var out = [Int32](repeating: value, count: sequences.count * maxLen)
    for (i, sequence) in sequences.enumerated() {
        let kept = truncating == .pre ? sequence.suffix(maxLen) : sequence.prefix(maxLen)
        let row = i * maxLen + (padding == .pre ? maxLen - kept.count : 0)
        out.replaceSubrange(row ..< row + kept.count, with: kept)
    }
    return out
}
