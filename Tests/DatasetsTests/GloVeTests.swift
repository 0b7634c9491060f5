import Testing
@testable import Datasets

@Suite struct GloVeTests {
    static let rows = """
        the 0.1 -0.2 0.3
        cat 1.5 2.5e-1 -3
        dog 4 5 6
        cat 9 9 9
        """
    static let words = ["<pad>", "<start>", "<oov>", "cat", "zebra", "the"]

    static func file(_ text: String, gzipped: Bool = false) -> String {
        let path = ArchiveWriter.temporaryFolder() + (gzipped ? "/vectors.txt.gz" : "/vectors.txt")
        let bytes = Array(text.utf8)
        ArchiveWriter.write(gzipped ? ArchiveWriter.gzip(bytes) : bytes, to: path)
        return path
    }

    @Test(arguments: [false, true])
    func rowsFollowTheVocabulary(gzipped: Bool) throws {
        let vectors = try GloVe.vectors(from: Self.file(Self.rows, gzipped: gzipped), for: Self.words, dimension: 3)
        #expect(vectors.dimension == 3)
        #expect(vectors.values == [0, 0, 0,  0, 0, 0,  0, 0, 0,  1.5, 0.25, -3,  0, 0, 0,  0.1, -0.2, 0.3])
        #expect(vectors.found == 2 && vectors.total == 3)
        #expect(abs(vectors.coverage - 2.0 / 3) < 1e-12)
    }

    @Test func windowsLineEndsAndAMissingFinalNewlineAreFine() throws {
        let vectors = try GloVe.vectors(from: Self.file("cat 1 2 3\r\nthe 4 5 6"), for: Self.words, dimension: 3)
        #expect(vectors.values.suffix(9) == [1, 2, 3,  0, 0, 0,  4, 5, 6])
    }

    @Test func aRowWithTheWrongNumberOfValuesNamesFileAndLine() {
        let path = Self.file("the 1 2 3\ncat 1 2 3\ndog 1 2\n")
        let expected = DatasetError.badEmbeddingRow(file: path, line: 3, reason: "expected a word and 3 values, found 2 values")
        #expect(throws: expected) { try GloVe.vectors(from: path, for: Self.words, dimension: 3) }
        #expect(expected.description == "\(path):3: expected a word and 3 values, found 2 values")
    }

    @Test func aValueThatIsNotANumberIsAnError() {
        let path = Self.file("the 1 2 3\ncat 1 x2 3\n")
        #expect(throws: DatasetError.badEmbeddingRow(file: path, line: 2, reason: "value 2 is not a number")) {
            try GloVe.vectors(from: path, for: Self.words, dimension: 3)
        }
    }

    @Test(.enabled(if: SharedData.path("glove.6B.50d.txt.gz") != nil))
    func theRealFile() throws {
        let words = Vocabulary.reserved + ["the", "movie", "notawordxyz"]
        let vectors = try GloVe.vectors(from: SharedData.path("glove.6B.50d.txt.gz")!, for: words, dimension: 50)
        #expect(vectors.found == 2 && vectors.total == 3)
        // The first row of glove.6B.50d.txt: "the 0.418 0.24968 -0.41242 ...".
        #expect(Array(vectors.values[150..<153]) == [0.418, 0.24968, -0.41242])
        #expect(vectors.values[250..<300].allSatisfy { $0 == 0 })
    }
}
