import Foundation
import Testing
@testable import Datasets

@Suite struct TextCorpusTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString).txt")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func charactersTurnLineEndsIntoSpacesOrEndOfLineTokens() {
        #expect(TextCorpus.tokens(of: "分开\né a\r\n", .char, lineEnds: .space) == ["分", "开", " ", "é", " ", "a", " "])
        #expect(TextCorpus.tokens(of: "ab\nc", .char, lineEnds: .eos) == ["a", "b", "<eos>", "c"])
    }

    @Test func wordsSplitOnWhiteSpaceWithAnEndOfLineTokenPerLine() {
        let text = " the cat  sat \n on\tthe mat\n"
        #expect(TextCorpus.tokens(of: text, .word, lineEnds: .eos) == ["the", "cat", "sat", "<eos>", "on", "the", "mat", "<eos>"])
        #expect(TextCorpus.tokens(of: text, .word, lineEnds: .space) == ["the", "cat", "sat", "on", "the", "mat"])
    }

    @Test func vocabularyRanksByFrequencyThenFirstAppearanceAfterUnknown() {
        let vocabulary = TokenVocabulary(fittingOn: ["b", "a", "c", "a", "c", "d"])
        #expect(vocabulary.tokens == ["<unk>", "a", "c", "b", "d"])
        #expect(vocabulary.encode(["c", "z", "b"]) == [2, 0, 3])
        #expect(vocabulary.id(of: "z") == nil)
    }

    @Test func limitThenContiguousValidationTail() throws {
        let path = try Self.file("abcabcabcaXYZ")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let corpus = try TextCorpus.load(train: path, valid: nil, test: nil, tokens: .char, lineEnds: .space,
                                         limit: 10, validationFraction: 0.3)
        // First 10 tokens "abcabcabca": training "abcabca", validation the tail "bca".
        #expect(corpus.vocabulary == ["<unk>", "a", "b", "c"])
        #expect(corpus.train == [1, 2, 3, 1, 2, 3, 1])
        #expect(corpus.validation == [2, 3, 1])
        #expect(corpus.test.isEmpty)
    }

    @Test func separateFilesShareTheTrainingVocabulary() throws {
        let train = try Self.file("the cat\nthe dog\n"), valid = try Self.file("the bird\n"), test = try Self.file("a cat\n")
        defer { for p in [train, valid, test] { try? FileManager.default.removeItem(atPath: p) } }
        let corpus = try TextCorpus.load(train: train, valid: valid, test: test, tokens: .word, lineEnds: .eos,
                                         limit: nil, validationFraction: 0.5)
        #expect(corpus.vocabulary == ["<unk>", "the", "<eos>", "cat", "dog"])
        #expect(corpus.train == [1, 3, 2, 1, 4, 2])
        #expect(corpus.validation == [1, 0, 2])
        #expect(corpus.test == [0, 3, 2])
    }

    @Test func emptyTextIsAnError() throws {
        let path = try Self.file("")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DatasetError.emptyFile(path: path)) {
            try TextCorpus.load(train: path, valid: nil, test: nil, tokens: .char, lineEnds: .space, limit: nil,
                                validationFraction: nil)
        }
    }
}
