import Foundation
import LoopbackServer
import Testing
@testable import Datasets

/// Data found nowhere on disk and downloaded into the cache, from a server on this machine.
@Suite struct DataDownloadTests {
    static let table = Array("text,label\ngood film,pos\nbad film,neg\n".utf8)

    /// A working directory and a data folder, both empty, a cache folder, and a locator over them
    /// whose environment has `RUNNER_DATA` and, if given, the variable `cacheIn` set to the cache folder.
    static func setUp(cacheIn variable: String? = nil) -> (locator: DataLocator, work: String, cache: String) {
        let root = ArchiveWriter.temporaryFolder()
        let (work, data, cache) = (root + "/work", root + "/data", root + "/cache")
        for folder in [work, data] { try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var environment = ["RUNNER_DATA": data]
        if let variable { environment[variable] = cache }
        return (DataLocator(environment: environment, workingDirectory: work), work, cache)
    }

    static func remote(_ server: LoopbackServer, _ path: String) -> RemoteFile {
        var hash = SHA256()
        hash.update(table)
        return RemoteFile(url: server.url(path), sha256: hash.hexDigest)
    }

    @Test func dataFoundNowhereIsDownloadedAndDataOnDiskIsNot() throws {
        let server = try LoopbackServer(files: ["/moods.csv": Self.table])
        defer { server.stop() }
        let (locator, work, cache) = Self.setUp(cacheIn: "XDG_CACHE_HOME")
        let file = Self.remote(server, "/moods.csv")
        var announced: [String] = []
        let path = try locator.locate(path: "moods.csv", download: file, announce: { announced.append($0) })
        #expect(path == "\(cache)/runner/\(file.sha256)/moods.csv")
        #expect(announced.count == 1 && server.requests == ["/moods.csv"])
        ArchiveWriter.write(Self.table, to: work + "/moods.csv")
        #expect(try locator.locate(path: "moods.csv", download: file) == work + "/moods.csv")
        #expect(server.requests == ["/moods.csv"])
    }

    @Test func aDatasetsOwnDownloadGivesWayToTheSpecs() throws {
        let server = try LoopbackServer(files: ["/mirror/aclImdb_v1.tar.gz": Self.table])
        defer { server.stop() }
        let (locator, _, cache) = Self.setUp(cacheIn: "HOME")
        let file = Self.remote(server, "/mirror/aclImdb_v1.tar.gz")
        #expect(try locator.locate(.imdb, download: file) == "\(cache)/.cache/runner/\(file.sha256)/aclImdb_v1.tar.gz")
        #expect(server.requests == ["/mirror/aclImdb_v1.tar.gz"])
    }

    @Test func withoutACacheFolderTheErrorSaysWhatToDownloadByHand() throws {
        let server = try LoopbackServer(files: ["/moods.csv": Self.table])
        defer { server.stop() }
        let (locator, work, _) = Self.setUp()
        let file = Self.remote(server, "/moods.csv")
        let help = "download \(file.url.absoluteString) (SHA-256 \(file.sha256)) and put it at one of these places"
        #expect(throws: DatasetError.dataNotFound(name: "moods.csv", tried: locator.folders.map { $0 + "/moods.csv" }, help: help)) {
            try locator.locate(path: "moods.csv", download: file)
        }
        #expect(throws: DatasetError.dataNotFound(name: "imdb", tried: locator.folders.flatMap { folder in
            KnownDataset.imdb.names.map { folder + "/" + $0 } }, help: KnownDataset.imdb.download)) {
            try locator.locate(.imdb)
        }
        #expect(server.requests == [] && locator.folders.first == work)
    }

    @Test func aFailedDownloadSaysWhereItLookedWhyItFailedAndWhatToDoByHand() throws {
        let server = try LoopbackServer()
        server.stop()
        let (locator, work, cache) = Self.setUp(cacheIn: "XDG_CACHE_HOME")
        let file = Self.remote(server, "/moods.csv")
        do {
            _ = try locator.locate(path: "moods.csv", download: file)
            Issue.record("found data no server served")
        } catch {
            let failure = DatasetError.downloadFailed(url: file.url.absoluteString,
                                                      reason: "cannot connect to the server (no network, or the server is down)")
            let help = "download \(file.url.absoluteString) (SHA-256 \(file.sha256)) and put it at one of these places"
            let tried = locator.folders.map { $0 + "/moods.csv" }
            #expect(error == .dataNotDownloaded(name: "moods.csv", tried: tried, failure: failure, help: help))
            #expect(error.description == "cannot find moods.csv; tried:\n  \(work)/moods.csv\n  \(tried[1])\n  \(tried[2])\n"
                + "\(failure)\n\(help)")
        }
        #expect(DownloaderTests.entries(under: cache + "/runner") == [])
    }

    @Test func theKnownDownloadsAreOfficialHTTPSFiles() {
        let imdb = KnownDataset.imdb.downloads
        #expect(imdb.map(\.url.absoluteString) == ["https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"])
        let fashion = KnownDataset.fashionMNIST.downloads
        #expect(fashion.map(\.fileName) == IDXImages.fileNames.map { $0 + ".gz" })
        #expect(fashion.allSatisfy { $0.folder == "fashion-mnist" && $0.url.host == "raw.githubusercontent.com" })
        #expect((imdb + fashion).allSatisfy { $0.url.scheme == "https" && RemoteFile.isDigest($0.sha256) && $0.sha256 == $0.sha256.lowercased() })
    }

    /// Debian's copies are the official files with the gzip header's file name and time taken
    /// out (by strip-nondeterminism); put back, they must have the pinned digests, and in the
    /// cache they form the folder the IDX reader takes, with Fashion-MNIST's class names.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")))
    func debiansFashionMNISTRebuiltHasThePinnedDigests() throws {
        let cache = ArchiveWriter.temporaryFolder()
        let downloader = Downloader(folder: cache)
        let times: [String: UInt32] = ["train": 1_504_176_606, "t10k": 1_504_176_627]  // 2017-08-31 10:50 UTC
        for file in KnownDataset.fashionMNIST.downloads {
            let debian = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist/" + file.fileName)))
            let name = String(file.fileName.dropLast(3))
            let time = times[String(name.prefix { $0 != "-" })]!
            let official = [0x1f, 0x8b, 0x08, 0x08] + (0..<4).map { UInt8(truncatingIfNeeded: time >> (8 * $0)) }
                + debian[8..<10] + Array(name.utf8) + [0] + debian[10...]
            ArchiveWriter.write(official, to: downloader.path(of: file))
            #expect(downloader.cached(file) == downloader.path(of: file), "\(file.fileName)")
        }
        let folder = cache + "/fashion-mnist"
        #expect(IDXImages.classNames(forFolder: folder) == IDXImages.fashionClassNames)
        #expect(try IDXImages.labels(from: folder + "/t10k-labels-idx1-ubyte.gz").count == 10_000)
    }
}
