import Foundation
import Testing
@testable import Datasets

@Suite struct IMDBTests {
    /// A miniature aclImdb: path inside the folder, text.
    static let reviews: [(String, String)] = [
        ("train/pos/10_9.txt", "A great film, great acting!"),
        ("train/pos/2_8.txt", "Great fun.<br /><br />Loved it"),
        ("train/neg/1_2.txt", "Bad. Really bad film"),
        ("train/neg/0_1.txt", "Boring film"),
        ("test/pos/0_10.txt", "Great great unseen words"),
        ("test/neg/5_3.txt", "bad acting"),
        ("train/unsup/0_0.txt", "ignored: no label"),
        ("train/labeledBow.feat", "ignored: not a review"),
    ]

    /// The miniature as a `.tar.gz` in a fresh folder, and unpacked beside it.
    static func writeMiniature() -> (archive: String, folder: String) {
        let root = ArchiveWriter.temporaryFolder()
        var members: [ArchiveWriter.Member] = [.folder("aclImdb/"), .file("aclImdb/README", Array("readme".utf8))]
        for (path, text) in reviews {
            members.append(.file("aclImdb/" + path, Array(text.utf8)))
            ArchiveWriter.write(Array(text.utf8), to: root + "/aclImdb/" + path)
        }
        let archive = root + "/aclImdb_v1.tar.gz"
        ArchiveWriter.write(ArchiveWriter.gzip(ArchiveWriter.tar(members)), to: archive)
        return (archive, root + "/aclImdb")
    }

    @Test func readsSplitsAndLabelsInSortedNameOrder() throws {
        let (train, test) = try IMDB.reviews(at: Self.writeMiniature().archive)
        #expect(train.texts.map { String(decoding: $0, as: UTF8.self) }
                == ["Boring film", "Bad. Really bad film", "A great film, great acting!", "Great fun.<br /><br />Loved it"])
        #expect(train.labels == [0, 0, 1, 1])
        #expect(test.texts.map { String(decoding: $0, as: UTF8.self) } == ["bad acting", "Great great unseen words"])
        #expect(test.labels == [0, 1])
    }

    @Test func encodesWithTheTrainingVocabulary() throws {
        let data = try IMDB.load(from: Self.writeMiniature().archive, vocabularySize: 7, maxLen: 5)
        // Training counts: film 3, great 3 (film seen first), bad 2, then boring first of the ones.
        #expect(data.vocabulary == ["<pad>", "<start>", "<oov>", "film", "great", "bad", "boring"])
        #expect(data.classNames == ["negative", "positive"])
        #expect(data.train.exampleShape == [5] && data.validation.exampleShape == [5])
        #expect(data.train.values == .tokens([
            0, 0, 1, 6, 3,  // boring film
            1, 5, 2, 5, 3,  // bad really bad film
            2, 4, 3, 4, 2,  // (start a) great film great acting: cut at the front
            1, 4, 2, 2, 2,  // great fun loved it
        ]))
        #expect(data.validation.values == .tokens([0, 0, 1, 5, 2,  1, 4, 4, 2, 2]))
        #expect(data.validation.labels == [0, 1])
    }

    @Test func aFolderAndItsArchiveGiveTheSameDataset() throws {
        let (archive, folder) = Self.writeMiniature()
        let fromArchive = try IMDB.load(from: archive, vocabularySize: 100, maxLen: 8, padding: .post, truncating: .post)
        let fromFolder = try IMDB.load(from: folder, vocabularySize: 100, maxLen: 8, padding: .post, truncating: .post)
        let fromParent = try IMDB.load(from: folder + "/..", vocabularySize: 100, maxLen: 8, padding: .post, truncating: .post)
        #expect(fromFolder == fromArchive)
        #expect(fromParent == fromArchive)
        #expect(fromArchive.train.count == 4)
    }

    @Test func aMissingSplitIsAnError() {
        let root = ArchiveWriter.temporaryFolder()
        let archive = root + "/only-train.tar.gz"
        ArchiveWriter.write(ArchiveWriter.gzip(ArchiveWriter.tar([.file("aclImdb/train/pos/0_9.txt", Array("good".utf8))])), to: archive)
        #expect(throws: DatasetError.emptySplit(path: archive, split: "test")) { try IMDB.reviews(at: archive) }
        #expect(throws: DatasetError.missingFile(path: root + "/absent.tar.gz")) { try IMDB.reviews(at: root + "/absent.tar.gz") }
    }

    @Test(.enabled(if: SharedData.path("aclImdb_v1_labeled.tar.gz") != nil))
    func theRealArchive() throws {
        let data = try IMDB.load(from: SharedData.path("aclImdb_v1_labeled.tar.gz")!, vocabularySize: 10_000, maxLen: 80)
        #expect(data.train.count == 25_000 && data.validation.count == 25_000)
        #expect(data.train.labels.filter { $0 == 1 }.count == 12_500)
        #expect(data.validation.labels.filter { $0 == 1 }.count == 12_500)
        #expect(data.vocabulary!.count == 10_000)
        #expect(Array(data.vocabulary![3..<8]) == ["the", "and", "a", "of", "to"])
        guard case .tokens(let ids) = data.train.values else { Issue.record("not tokens"); return }
        #expect(ids.count == 25_000 * 80)
        #expect(ids.allSatisfy { $0 >= 0 && $0 < 10_000 })
    }
}
