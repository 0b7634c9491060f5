/// Splits text into words the way Keras's `Tokenizer` (`text_to_word_sequence`) does.
///
/// The text is lower-cased, the IMDB line breaks `<br />` are dropped, every character of
/// `filters` becomes a space, and the text is split on spaces, empty pieces dropped. Only these
/// characters separate words: a tab or newline does (they are among the filters), a carriage
/// return or a non-breaking space does not, as in Keras. ASCII is handled byte by byte; a word
/// with other characters is lower-cased by `String.lowercased()` (Python's `str.lower()`
/// agrees on all but a few exotic letters).
public enum TextTokenizer {
    /// Keras's default `filters`: the characters removed from the text.
    public static let filters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

    /// The words of `text`.
    public static func words(in text: String) -> [String] {
        var out: [String] = []
        var text = text
        text.withUTF8 { bytes in forEachWord(in: bytes) { out.append(String(decoding: $0, as: UTF8.self)) } }
        return out
    }

    /// Whether a byte separates words: a space or one of `filters`.
    private static let separates: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in (" " + filters).utf8 { table[Int(b)] = true }
        return table
    }()

    /// Whether a byte changes when lower-cased, or is part of a non-ASCII character.
    private static let needsLowering: [Bool] = (0..<256).map { $0 >= 0x80 || (0x41...0x5A).contains($0) }

    /// Each ASCII byte lower-cased.
    private static let asciiLowered: [UInt8] = (0..<256).map { (0x41...0x5A).contains($0) ? UInt8($0 + 0x20) : UInt8($0) }

    private static let lineBreak = Array("<br />".utf8)

    /// Calls `body` with each word of the UTF-8 text `text`, lower-cased, in order. The buffer
    /// passed to `body` is valid only during the call.
    static func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var lowered: [UInt8] = []
        var i = 0
        while i < text.count {
            if separates[Int(text[i])] {
                i += isLineBreak(text, at: i) ? lineBreak.count : 1
                continue
            }
            let start = i
            var plain = true, ascii = true
            while i < text.count && !separates[Int(text[i])] {
                if needsLowering[Int(text[i])] { plain = false }
                if text[i] >= 0x80 { ascii = false }
                i += 1
            }
            let word = UnsafeBufferPointer(rebasing: text[start..<i])
            if plain {
                body(word)
                continue
            }
            lowered.removeAll(keepingCapacity: true)
            if ascii {
                for b in word { lowered.append(asciiLowered[Int(b)]) }
            } else {
                lowered.append(contentsOf: String(decoding: word, as: UTF8.self).lowercased().utf8)
            }
            lowered.withUnsafeBufferPointer(body)
        }
    }

    /// Whether `<br />` (in any case) starts at `i`.
    private static func isLineBreak(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard text[i] == UInt8(ascii: "<"), text.count - i >= lineBreak.count else { return false }
        for (j, b) in lineBreak.enumerated() where text[i + j] | (b >= 0x61 ? 0x20 : 0) != b { return false }
        return true
    }
}
