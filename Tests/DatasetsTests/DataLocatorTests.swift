import Foundation
import Testing
@testable import Datasets

/// Finding data: working directory, then `$RUNNER_DATA`, then `./data`, and an error that
/// lists every place tried.
@Suite struct DataLocatorTests {
    private func folders() throws -> (root: URL, work: URL, shared: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("locator-\(UUID().uuidString)")
        let work = root.appendingPathComponent("work"), shared = root.appendingPathComponent("shared")
        for folder in [work, shared, work.appendingPathComponent("data")] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        return (root, work, shared)
    }

    private func touch(_ url: URL) throws {
        try Data("x".utf8).write(to: url)
    }

    @Test func searchesTheWorkingDirectoryThenRunnerDataThenData() throws {
        let (root, work, shared) = try folders()
        defer { try? FileManager.default.removeItem(at: root) }
        let locator = DataLocator(environment: ["RUNNER_DATA": "../shared:/nonexistent"], workingDirectory: work.path)
        #expect(locator.searchFolders == [work.path, shared.path, "/nonexistent", work.appendingPathComponent("data").path])

        try touch(work.appendingPathComponent("data/a.txt"))
        #expect(try locator.locate(["a.txt"], hint: "") == work.appendingPathComponent("data/a.txt").path)
        try touch(shared.appendingPathComponent("a.txt"))
        #expect(try locator.locate(["a.txt"], hint: "") == shared.appendingPathComponent("a.txt").path)
        try touch(work.appendingPathComponent("a.txt"))
        #expect(try locator.locate(["a.txt"], hint: "") == work.appendingPathComponent("a.txt").path)
    }

    @Test func everyNameIsTriedInAFolderBeforeTheNextFolder() throws {
        let (root, work, shared) = try folders()
        defer { try? FileManager.default.removeItem(at: root) }
        try touch(shared.appendingPathComponent("second.tar.gz"))
        try touch(work.appendingPathComponent("data/first"))
        let locator = DataLocator(environment: ["RUNNER_DATA": shared.path], workingDirectory: work.path)
        #expect(try locator.locate(["first", "second.tar.gz"], hint: "") == shared.appendingPathComponent("second.tar.gz").path)
    }

    @Test func acceptCanRefuseAPathThatIsNotTheData() throws {
        let (root, work, _) = try folders()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: work.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let locator = DataLocator(environment: [:], workingDirectory: work.path)
        #expect(throws: DatasetError.self) {
            try locator.locate(["empty"], hint: "", accept: IDXImages.holdsImages)
        }
    }

    @Test func theErrorListsEveryPlaceTriedAndTheHint() throws {
        let (root, work, shared) = try folders()
        defer { try? FileManager.default.removeItem(at: root) }
        let locator = DataLocator(environment: ["RUNNER_DATA": shared.path], workingDirectory: work.path)
        do {
            _ = try locator.locate(IMDB.usualNames, hint: IMDB.downloadHint)
            Issue.record("expected an error")
        } catch {
            let text = error.description
            #expect(text.hasPrefix("cannot find aclImdb or aclImdb_v1.tar.gz or aclImdb_v1_labeled.tar.gz; looked in:"))
            #expect(text.contains(shared.appendingPathComponent("aclImdb_v1.tar.gz").path))
            #expect(text.contains(work.appendingPathComponent("data/aclImdb").path))
            #expect(text.contains("aclImdb_v1.tar.gz (84 MB)"))
            #expect(text.split(separator: "\n").count == 1 + 3 * 3 + 1)
        }
    }

    @Test func anAbsolutePathIsTakenAsItIs() throws {
        let (root, work, _) = try folders()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("abs.txt")
        try touch(file)
        #expect(try DataLocator(environment: [:], workingDirectory: work.path).locate([file.path], hint: "") == file.path)
    }
}
