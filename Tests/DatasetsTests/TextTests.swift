import Testing
@testable import Datasets

@Suite struct TextTokenizerTests {
    @Test func followsKerasTextToWordSequence() {
        let text = "This movie was GREAT!!<br /><br />It's a 10/10... (really)\tWow\nthe-end"
        #expect(TextTokenizer.words(in: text) == ["this", "movie", "was", "great", "it's", "a", "10", "10", "really", "wow", "the", "end"])
    }

    @Test func lineBreakTagsGoInAnyCaseButOtherTagsLeaveTheirWords() {
        #expect(TextTokenizer.words(in: "one<BR />two<br/>three<b>four</b>") == ["one", "two", "br", "three", "b", "four", "b"])
    }

    @Test func onlySpacesAndFiltersSeparate() {
        // Keras splits on " " after mapping the filters to " ": a carriage return or a
        // non-breaking space stays inside the word, an apostrophe too.
        #expect(TextTokenizer.words(in: "a\rb c\u{00A0}d  don't") == ["a\rb", "c\u{00A0}d", "don't"])
    }

    @Test func nonASCIIWordsAreLowerCasedToo() {
        #expect(TextTokenizer.words(in: "CAFÉ Ørsted naïve Straße") == ["café", "ørsted", "naïve", "straße"])
    }

    @Test func emptyAndSeparatorOnlyTextsHaveNoWords() {
        #expect(TextTokenizer.words(in: "").isEmpty)
        #expect(TextTokenizer.words(in: " ...<br /> !? ").isEmpty)
    }
}

@Suite struct VocabularyTests {
    static func bytes(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }

    @Test func idsFollowFrequencyThenFirstAppearance() {
        // Counts: the 3, sat 2, cat 1, on 1, mat 1, dog 1; first appearance breaks the ties.
        let vocabulary = Vocabulary(fittingOn: Self.bytes(["the cat sat on the mat", "The dog sat."]), size: 100)
        #expect(vocabulary.words == ["<pad>", "<start>", "<oov>", "the", "sat", "cat", "on", "mat", "dog"])
        #expect(vocabulary.size == 9)
        #expect(vocabulary.encode(Array("The dog sat on a CAT!".utf8)) == [1, 3, 8, 4, 6, 2, 5])
    }

    @Test func sizeCountsTheReservedIds() {
        let vocabulary = Vocabulary(fittingOn: Self.bytes(["the cat sat on the mat", "The dog sat."]), size: 6)
        #expect(vocabulary.words == ["<pad>", "<start>", "<oov>", "the", "sat", "cat"])
        #expect(vocabulary.encode(Array("the dog sat on a cat".utf8)) == [1, 3, 2, 4, 2, 2, 5])
        #expect(vocabulary.encode([]) == [1])
    }

    @Test func manyDistinctWordsAreAllFound() {
        // Enough words to make the hash table grow several times.
        let texts = (0..<5000).map { "w\($0) w\($0 % 7)" }
        let vocabulary = Vocabulary(fittingOn: Self.bytes(texts), size: 10_000)
        #expect(vocabulary.size == 3 + 5000)
        #expect(Array(vocabulary.words[3..<10]) == (0..<7).map { "w\($0)" })
        for k in stride(from: 0, to: 5000, by: 37) {
            let id = vocabulary.encode(Array("w\(k)".utf8))[1]
            #expect(vocabulary.words[Int(id)] == "w\(k)")
        }
    }
}

@Suite struct PadSequencesTests {
    static let sequences: [[Int32]] = [[1, 2, 3, 4, 5], [6, 7], [], [8, 9, 10]]

    /// What `keras.utils.pad_sequences(sequences, maxlen=3, padding=, truncating=)` returns.
    @Test(arguments: [
        (SequenceEnd.pre, SequenceEnd.pre, [[3, 4, 5], [0, 6, 7], [0, 0, 0], [8, 9, 10]]),
        (.pre, .post, [[1, 2, 3], [0, 6, 7], [0, 0, 0], [8, 9, 10]]),
        (.post, .pre, [[3, 4, 5], [6, 7, 0], [0, 0, 0], [8, 9, 10]]),
        (.post, .post, [[1, 2, 3], [6, 7, 0], [0, 0, 0], [8, 9, 10]]),
    ] as [(SequenceEnd, SequenceEnd, [[Int32]])])
    func matchesKeras(padding: SequenceEnd, truncating: SequenceEnd, expected: [[Int32]]) {
        #expect(padSequences(Self.sequences, maxLen: 3, padding: padding, truncating: truncating) == expected.flatMap { $0 })
    }

    @Test func padsWithTheGivenValue() {
        #expect(padSequences([[5]], maxLen: 3, padding: .post, value: -1) == [5, -1, -1])
        #expect(padSequences([[5, 6]], maxLen: 0).isEmpty)
    }
}
