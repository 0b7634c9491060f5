import Foundation

/// Pretrained word vectors looked up for a vocabulary.
public struct WordVectors: Equatable, Sendable {
    /// The length of each vector.
    public var dimension: Int
    /// One row of `dimension` values per vocabulary id, back to back; zeros for the reserved
    /// ids and for words the file does not have (as the Keras GloVe example leaves them).
    public var values: [Float]
    /// How many of the vocabulary's words (the reserved ids left out) the file had.
    public var found: Int
    /// How many words the vocabulary has, the reserved ids left out.
    public var total: Int
    /// The ids of the vocabulary's words the file did not have, in increasing order.
    public var missing: [Int]
    /// `found / total`, the share of the vocabulary with a pretrained vector.
    public var coverage: Double { total == 0 ? 0 : Double(found) / Double(total) }
}

/// A reader of GloVe's text format: one `word v1 … vD` line per word, values separated by single
/// spaces, plain or gzipped (`.txt` or `.txt.gz`).
public enum GloVe {
    /// The vectors of `words` (index = id, as `Vocabulary.words`) from the file at `path`, whose
    /// every row must hold exactly `dimension` values. Words in `Vocabulary.reserved` get zeros
    /// and do not count towards the coverage; the first row of a word repeated in the file wins.
    public static func vectors(from path: String, for words: [String], dimension: Int) throws(DatasetError) -> WordVectors {
        var wanted = WordTable()
        var idOfWanted: [Int] = []
        for (id, word) in words.enumerated() where !Vocabulary.reserved.contains(word) {
            if wanted.insert(word) == idOfWanted.count { idOfWanted.append(id) }
        }
        var result = WordVectors(
            dimension: dimension, values: [Float](repeating: 0, count: words.count * dimension), found: 0, total: idOfWanted.count,
            missing: [])
        var done = [Bool](repeating: false, count: idOfWanted.count)

        var text = try DataFiles.read(path)
        text.append(0)  // so `strtof` stops at the end of the last row
        try text.withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            let chars = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let space = CChar(UInt8(ascii: " ")), newline = CChar(UInt8(ascii: "\n")), cr = CChar(UInt8(ascii: "\r"))
            let end = buffer.count - 1
            var lineStart = 0, line = 0
            while lineStart < end {
                line += 1
                var lineEnd = lineStart
                while lineEnd < end && chars[lineEnd] != newline { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                let rowEnd = lineEnd > lineStart && chars[lineEnd - 1] == cr ? lineEnd - 1 : lineEnd

                var wordEnd = lineStart
                while wordEnd < rowEnd && chars[wordEnd] != space { wordEnd += 1 }
                var count = 0
                for i in wordEnd..<rowEnd where chars[i] == space { count += 1 }
                guard wordEnd > lineStart, count == dimension else {
                    let found = wordEnd > lineStart ? "\(count) values" : "no word"
                    throw .badEmbeddingRow(file: path, line: line, reason: "expected a word and \(dimension) values, found \(found)")
                }
                guard let k = wanted.find(UnsafeBufferPointer(rebasing: buffer[lineStart..<wordEnd])), !done[k] else { continue }
                done[k] = true
                result.found += 1
                var position = wordEnd  // the space before value j
                for j in 0..<dimension {
                    var next: UnsafeMutablePointer<CChar>?
                    let value = strtof(chars + position + 1, &next)
                    let after = chars.distance(to: next!)
                    guard after > position + 1, after == rowEnd || chars[after] == space else {
                        throw .badEmbeddingRow(file: path, line: line, reason: "value \(j + 1) is not a number")
                    }
                    result.values[idOfWanted[k] * dimension + j] = value
                    position = after
                }
            }
        }
        result.missing = zip(idOfWanted, done).filter { !$0.1 }.map(\.0)
        return result
    }
}
