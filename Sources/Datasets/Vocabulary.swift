/// Word ids by training-set frequency, with the conventions of `keras.datasets.imdb`:
/// 0 padding, 1 the start of a sequence, 2 a word out of the vocabulary, words from 3.
///
/// The most frequent word of the fitted texts gets id 3, the next 4, and so on; words of equal
/// count are ranked by first appearance, as Keras's `Tokenizer` ranks them (its counts live in
/// an `OrderedDict` and Python's sort is stable). A vocabulary of `size` ids keeps the
/// `size - 3` most frequent words; every other word encodes as 2.
public struct Vocabulary: Equatable, Sendable {
    /// The id that pads sequences.
    public static let padding: Int32 = 0
    /// The id that starts every encoded text.
    public static let start: Int32 = 1
    /// The id of every word not in the vocabulary.
    public static let outOfVocabulary: Int32 = 2
    /// The names of the reserved ids 0, 1 and 2.
    public static let reserved = ["<pad>", "<start>", "<oov>"]

    /// The word of each id (`words[0..<3]` are `reserved`).
    public let words: [String]
    /// The kept words; table number `k` is id `k + 3`.
    private let table: WordTable

    /// The vocabulary of at most `size` ids (the reserved three included) fitted on `texts`,
    /// each UTF-8 bytes split by `TextTokenizer`.
    public init(fittingOn texts: [[UInt8]], size: Int) {
        precondition(size >= Self.reserved.count, "a vocabulary needs at least the 3 reserved ids, got size \(size)")
        var seen = WordTable()
        var counts: [Int] = []
        for text in texts {
            text.withUnsafeBufferPointer { bytes in
                TextTokenizer.forEachWord(in: bytes) { word in
                    let k = seen.insert(word)
                    if k == counts.count { counts.append(1) } else { counts[k] += 1 }
                }
            }
        }
        let ranked = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        let kept = ranked.prefix(size - Self.reserved.count).map(seen.word)
        var table = WordTable()
        for word in kept { _ = table.insert(word) }
        self.words = Self.reserved + kept
        self.table = table
    }

    /// The number of ids.
    public var size: Int { words.count }

    /// The ids of `text` (UTF-8 bytes): `start`, then one id per word.
    public func encode(_ text: [UInt8]) -> [Int32] {
        var ids: [Int32] = [Self.start]
        text.withUnsafeBufferPointer { bytes in
            TextTokenizer.forEachWord(in: bytes) { word in
                ids.append(table.find(word).map { Int32($0) + 3 } ?? Self.outOfVocabulary)
            }
        }
        return ids
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.words == b.words }
}
