import Foundation
import LoopbackServer
import Testing
@testable import Datasets

/// Downloads from a real HTTP server on this machine into a cache in a temporary folder.
@Suite struct DownloaderTests {
    static let table = Array("text,label\ngood film,pos\nbad film,neg\n".utf8)

    /// The SHA-256 of `bytes` in hexadecimal.
    static func digest(_ bytes: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest
    }

    /// The paths of the files and folders under `folder`, hidden ones included, relative to it.
    static func entries(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func aFreshDownloadIsVerifiedAndRenamedIntoItsDigestsFolder() throws {
        let server = try LoopbackServer(files: ["/data/table.csv": Self.table])
        defer { server.stop() }
        let cache = ArchiveWriter.temporaryFolder()
        let file = RemoteFile(url: server.url("/data/table.csv"), sha256: Self.digest(Self.table).uppercased())
        var announced: [String] = []
        let path = try Downloader(folder: cache).fetch(file, announce: { announced.append($0) })
        let digest = Self.digest(Self.table)
        #expect(path == "\(cache)/\(digest)/table.csv")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Self.table))
        #expect(Self.entries(under: cache) == [digest, "\(digest)/table.csv"])
        #expect(server.requests == ["/data/table.csv"])
        #expect(announced == ["downloading \(file.url.absoluteString) into \(cache)/\(digest)/"])
    }

    @Test func aCacheHitMakesNoRequestAndADamagedCopyIsFetchedAgain() throws {
        let server = try LoopbackServer(files: ["/table.csv": Self.table])
        let cache = ArchiveWriter.temporaryFolder()
        let downloader = Downloader(folder: cache)
        let file = RemoteFile(url: server.url("/table.csv"), sha256: Self.digest(Self.table))
        let path = try downloader.fetch(file)
        ArchiveWriter.write(Array("damaged".utf8), to: path)
        #expect(downloader.cached(file) == nil)
        #expect(try downloader.fetch(file) == path)
        #expect(server.requests == ["/table.csv", "/table.csv"])
        server.stop()
        var announced: [String] = []
        #expect(try downloader.fetch(file, announce: { announced.append($0) }) == path)
        #expect(downloader.cached(file) == path)
        #expect(announced.isEmpty && server.requests.count == 2)
    }

    @Test func aWrongDigestIsRejectedAndLeavesNothingInTheCache() throws {
        let server = try LoopbackServer(files: ["/table.csv": Self.table])
        defer { server.stop() }
        let cache = ArchiveWriter.temporaryFolder()
        let expected = Self.digest(Array("something else".utf8))
        let file = RemoteFile(url: server.url("/table.csv"), sha256: expected)
        #expect(throws: DatasetError.digestMismatch(url: file.url.absoluteString, expected: expected,
                                                    actual: Self.digest(Self.table))) {
            try Downloader(folder: cache).fetch(file)
        }
        #expect(server.requests == ["/table.csv"])
        #expect(Self.entries(under: cache) == [])
    }

    @Test func anHTTPErrorStatusIsAnError() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let cache = ArchiveWriter.temporaryFolder()
        let file = RemoteFile(url: server.url("/missing.csv"), sha256: Self.digest(Self.table))
        do {
            _ = try Downloader(folder: cache).fetch(file)
            Issue.record("a 404 was taken for the file")
        } catch {
            #expect(error == .downloadFailed(url: file.url.absoluteString, reason: "the server answered HTTP 404 (not found)"))
            #expect(error.description == "\(file.url.absoluteString): the download failed: the server answered HTTP 404 (not found)")
        }
        #expect(server.requests == ["/missing.csv"])
        #expect(Self.entries(under: cache) == [])
    }

    @Test func aServerThatIsNotThereIsNamedAsSuch() throws {
        let server = try LoopbackServer()
        server.stop()
        let file = RemoteFile(url: server.url("/table.csv"), sha256: Self.digest(Self.table))
        #expect(throws: DatasetError.downloadFailed(
            url: file.url.absoluteString, reason: "cannot connect to the server (no network, or the server is down)")) {
            try Downloader(folder: ArchiveWriter.temporaryFolder()).fetch(file)
        }
    }

    #if os(Linux)
    /// Linux answers on all of 127.0.0.0/8, so a server on 127.0.0.2 is a plain-http host that
    /// is not on the loopback list: it must never hear from the downloader.
    @Test func plainHTTPToAnotherHostIsRefusedBeforeAnyConnection() throws {
        let other = try LoopbackServer(host: "127.0.0.2", files: ["/table.csv": Self.table])
        defer { other.stop() }
        let cache = ArchiveWriter.temporaryFolder()
        let file = RemoteFile(url: other.url("/table.csv"), sha256: Self.digest(Self.table))
        #expect(throws: DatasetError.insecureDownload(url: file.url.absoluteString)) {
            try Downloader(folder: cache).fetch(file)
        }
        let redirecting = try LoopbackServer(redirects: ["/table.csv": file.url.absoluteString])
        defer { redirecting.stop() }
        let redirected = RemoteFile(url: redirecting.url("/table.csv"), sha256: file.sha256)
        #expect(throws: DatasetError.downloadFailed(
            url: redirected.url.absoluteString,
            reason: "the server redirected to \(file.url.absoluteString), which is not https")) {
            try Downloader(folder: cache).fetch(redirected)
        }
        #expect(redirecting.requests == ["/table.csv"])
        #expect(other.requests == [])
        #expect(Self.entries(under: cache) == [])
    }
    #endif

    @Test func onlyHTTPSOrPlainHTTPToThisMachineIsSecure() {
        for text in ["https://example.org/a.csv", "http://127.0.0.1:8080/a.csv", "http://localhost/a.csv", "http://[::1]:81/a.csv",
                     "HTTPS://EXAMPLE.ORG/a.csv"] {
            #expect(RemoteFile.isSecure(URL(string: text)!), "\(text)")
        }
        for text in ["http://example.org/a.csv", "http://127.0.0.2/a.csv", "ftp://127.0.0.1/a.csv", "file:///etc/passwd",
                     "http://localhost.example.org/a.csv"] {
            #expect(!RemoteFile.isSecure(URL(string: text)!), "\(text)")
        }
        #expect(RemoteFile.hasFileName(URL(string: "https://example.org/data/a.csv")!))
        for text in ["https://example.org", "https://example.org/", "https://example.org/a/.."] {
            #expect(!RemoteFile.hasFileName(URL(string: text)!), "\(text)")
        }
    }

    @Test func theCacheFolderFollowsXDGThenHome() {
        #expect(Downloader(environment: ["XDG_CACHE_HOME": "/x/cache/", "HOME": "/home/u"]) == Downloader(folder: "/x/cache/runner"))
        #expect(Downloader(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])
            == Downloader(folder: "/home/u/.cache/runner"))
        #expect(Downloader(environment: ["HOME": "/home/u"]) == Downloader(folder: "/home/u/.cache/runner"))
        #expect(Downloader(environment: ["HOME": "", "RUNNER_DATA": "/d"]) == nil)
    }
}
