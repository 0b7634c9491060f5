import Foundation
import Testing
@testable import Datasets

@Suite struct DataLocatorTests {
    /// A working directory and two data folders, all empty, and a locator over them.
    static func setUp() -> (locator: DataLocator, work: String, first: String, second: String) {
        let root = ArchiveWriter.temporaryFolder()
        let (work, first, second) = (root + "/work", root + "/first", root + "/second")
        for folder in [work, first, second] { try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // The second folder is given relative to the working directory; an empty entry is skipped.
        let locator = DataLocator(environment: ["RUNNER_DATA": "\(first)::../second"], workingDirectory: work)
        return (locator, work, first, second)
    }

    @Test func foldersAreTheWorkingDirectoryThenRunnerDataThenData() {
        let (locator, work, first, _) = Self.setUp()
        #expect(locator.folders == [work, first, work + "/../second", work + "/data"])
        #expect(DataLocator(environment: [:], workingDirectory: "/w").folders == ["/w", "/w/data"])
        #expect(DataLocator(environment: ["RUNNER_DATA": "/w"], workingDirectory: "/w").folders == ["/w", "/w/data"])
    }

    @Test func aRelativePathIsFoundInTheFirstFolderThatHasIt() throws {
        let (locator, work, first, second) = Self.setUp()
        ArchiveWriter.write([1], to: second + "/glove.txt")
        #expect(try locator.locate(path: "glove.txt") == work + "/../second/glove.txt")
        ArchiveWriter.write([1], to: first + "/glove.txt")
        #expect(try locator.locate(path: "glove.txt") == first + "/glove.txt")
        ArchiveWriter.write([1], to: work + "/data/glove.txt")
        ArchiveWriter.write([1], to: work + "/glove.txt")
        #expect(try locator.locate(path: "glove.txt") == work + "/glove.txt")
        #expect(try locator.locate(path: second + "/glove.txt") == second + "/glove.txt")
    }

    @Test func aMissingPathListsEveryPlaceTried() {
        let (locator, work, first, _) = Self.setUp()
        let tried = [work + "/x.csv", first + "/x.csv", work + "/../second/x.csv", work + "/data/x.csv"]
        #expect {
            try locator.locate(path: "x.csv")
        } throws: { error in
            guard case .dataNotFound(let name, let places, _) = error as? DatasetError else { return false }
            return name == "x.csv" && places == tried && tried.allSatisfy { (error as! DatasetError).description.contains("  \($0)\n") }
        }
        #expect(throws: DatasetError.self) { try locator.locate(path: "/nowhere/x.csv") }
    }

    @Test func imdbIsFoundByItsUsualNames() throws {
        let (locator, work, first, second) = Self.setUp()
        ArchiveWriter.write([1], to: second + "/aclImdb_v1_labeled.tar.gz")
        #expect(try locator.locate(.imdb) == work + "/../second/aclImdb_v1_labeled.tar.gz")
        ArchiveWriter.write([1], to: first + "/aclImdb_v1.tar.gz")
        #expect(try locator.locate(.imdb) == first + "/aclImdb_v1.tar.gz")
        try FileManager.default.createDirectory(atPath: first + "/aclImdb", withIntermediateDirectories: true)
        #expect(try locator.locate(.imdb) == first + "/aclImdb")
    }

    @Test func missingIMDBSaysWhatToDownload() {
        let (locator, work, _, _) = Self.setUp()
        do {
            _ = try locator.locate(.imdb)
            Issue.record("found IMDB in empty folders")
        } catch {
            guard case .dataNotFound(let name, let tried, let help) = error else { Issue.record("\(error)"); return }
            #expect(name == "imdb" && help == KnownDataset.imdb.download)
            #expect(tried.count == 12 && tried.first == work + "/aclImdb" && tried.last == work + "/data/aclImdb_v1_labeled.tar.gz")
            #expect(error.description.hasPrefix("cannot find imdb; tried:\n  \(work)/aclImdb\n"))
            #expect(error.description.contains("aclImdb_v1.tar.gz (84 MB)"))
        }
    }

    @Test func fashionMNISTNeedsAllFourFiles() throws {
        let (_, work, first, _) = Self.setUp()
        let locator = DataLocator(environment: ["RUNNER_DATA": first], workingDirectory: work)
        let folder = first + "/fashion-mnist"
        for name in IDXImages.fileNames.dropLast() { ArchiveWriter.write([1], to: "\(folder)/\(name).gz") }
        #expect(!KnownDataset.fashionMNIST.isPresent(at: folder))
        ArchiveWriter.write([1], to: "\(folder)/\(IDXImages.fileNames.last!)")
        #expect(try locator.locate(.fashionMNIST) == folder)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist")))
    func fashionMNISTFallsBackToDebiansPackage() throws {
        let locator = DataLocator(environment: [:], workingDirectory: ArchiveWriter.temporaryFolder())
        #expect(try locator.locate(.fashionMNIST) == "/usr/share/datasets/fashion-mnist")
    }
}
