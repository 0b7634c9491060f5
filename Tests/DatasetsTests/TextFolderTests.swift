import Foundation
import Testing
@testable import Datasets

@Suite struct TextFolderTests {
    /// Writes `files` (path inside the folder, text) into a fresh folder and returns it.
    static func folder(_ files: [(String, String)]) -> String {
        let root = ArchiveWriter.temporaryFolder()
        for (path, text) in files { ArchiveWriter.write(Array(text.utf8), to: root + "/" + path) }
        return root
    }

    static func strings(_ texts: LabelledTexts) -> [String] {
        texts.texts.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func classesAreSortedFolderNamesAndFilesAreReadInSortedOrder() throws {
        let root = Self.folder([
            ("sports/b.txt", "goal scored"), ("sports/a.txt", "match won"), ("arts/z", "a fine painting"),
            ("music/1.txt", "loud song"), ("music/.hidden", "skipped"), ("music/nested/x.txt", "skipped too"),
        ])
        let (classNames, train, test) = try TextFolder.texts(at: root)
        #expect(classNames == ["arts", "music", "sports"])
        #expect(Self.strings(train) == ["a fine painting", "loud song", "match won", "goal scored"])
        #expect(train.labels == [0, 1, 2, 2])
        #expect(test == nil)
    }

    @Test func trainAndTestFoldersShareTheClassesOfBoth() throws {
        let root = Self.folder([("train/neg/1.txt", "bad"), ("train/pos/1.txt", "good"), ("test/pos/1.txt", "great"), ("test/mixed/1.txt", "meh")])
        let (classNames, train, test) = try TextFolder.texts(at: root)
        #expect(classNames == ["mixed", "neg", "pos"])
        #expect(train.labels == [1, 2] && Self.strings(train) == ["bad", "good"])
        #expect(test?.labels == [0, 2] && test.map(Self.strings) == ["meh", "great"])
    }

    @Test func loadEncodesWithTheTrainingVocabularyAsIMDBDoes() throws {
        let root = Self.folder([("train/a/1.txt", "red red blue"), ("train/b/1.txt", "Green, red!"), ("test/b/1.txt", "blue purple")])
        let data = try TextFolder.load(from: root, vocabularySize: 10, maxLen: 4)
        #expect(data.vocabulary == ["<pad>", "<start>", "<oov>", "red", "blue", "green"])
        #expect(data.train.values == .tokens([1, 3, 3, 4,  0, 1, 5, 3]))
        #expect(data.validation.values == .tokens([0, 1, 4, 2]))
        #expect(data.train.labels == [0, 1] && data.validation.labels == [1])
        #expect(data.classNames == ["a", "b"])
        let noTest = try TextFolder.load(from: Self.folder([("x/1", "one"), ("y/1", "two")]), vocabularySize: 10, maxLen: 3)
        #expect(noTest.train.count == 2 && noTest.validation.count == 0)
    }

    @Test func emptyOrMissingFoldersAreErrors() {
        let root = Self.folder([("train/a/.keep", "")])
        #expect(throws: DatasetError.emptySplit(path: root, split: "train")) { try TextFolder.texts(at: root) }
        let emptyTest = Self.folder([("train/a/1", "text"), ("test/a/.keep", "")])
        #expect(throws: DatasetError.emptySplit(path: emptyTest, split: "test")) { try TextFolder.texts(at: emptyTest) }
        #expect(throws: DatasetError.missingFile(path: root + "/absent")) { try TextFolder.texts(at: root + "/absent") }
    }
}
