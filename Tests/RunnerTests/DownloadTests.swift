import Datasets
import Foundation
import LoopbackServer
import Testing

/// Data found nowhere on disk, downloaded by the real executable from a server on this machine
/// into a cache in a temporary folder.
@Suite struct DownloadTests {
    /// A small table of three moods.
    static let table: [UInt8] = {
        var csv = "review,mood\n"
        let words = [("calm", "still"), ("happy", "joy"), ("sad", "gloom")]
        for i in 0..<90 {
            let (label, word) = words[i % 3]
            csv += "\"a \(word), the \(word) day \(i % 7)\",\(label)\n"
        }
        return Array(csv.utf8)
    }()

    static var digest: String {
        var hash = SHA256()
        hash.update(table)
        return hash.hexDigest
    }

    /// A folder with an experiment on `moods.csv`, which is not there, downloaded from `url`.
    static func workspace(url: URL) throws -> URL {
        let dir = try temporaryDirectory()
        try """
            name: moods
            data:
              dataset: text_table
              path: moods.csv
              url: "\(url.absoluteString)"
              sha256: \(digest)
              text_column: review
              label_column: mood
              max_len: 8
              vocab_size: 50
              validation: 0.2
            embedding: {dim: 4}
            model: [gru: {units: 8}]
            training: {epochs: 2, batch_size: 16}
            """.write(to: dir.appendingPathComponent("moods.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func aTableFoundNowhereIsDownloadedVerifiedAndTrainedOnThenTakenFromTheCache() throws {
        let server = try LoopbackServer(files: ["/data/moods.csv": Self.table])
        let url = server.url("/data/moods.csv")
        let dir = try Self.workspace(url: url)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        let first = try RunnerProcess.run(["moods.yaml"], in: dir, environment: ["XDG_CACHE_HOME": cache])
        server.stop()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("downloading \(url.absoluteString) into \(cache)/runner/\(Self.digest)/\n"), "\(first.stdout)")
        #expect(server.requests == ["/data/moods.csv"])
        #expect(fileNames(under: URL(fileURLWithPath: cache)) == ["runner/\(Self.digest)/moods.csv"])
        let results = dir.appendingPathComponent("results/moods")
        let config = try String(contentsOf: results.appendingPathComponent("config.yaml"), encoding: .utf8)
        #expect(config.contains("  path: moods.csv\n  url: \"\(url.absoluteString)\"\n  sha256: \(Self.digest)\n"), "\(config)")
        let metrics = try Data(contentsOf: results.appendingPathComponent("metrics.csv"))

        // The server is gone: the second run takes the file from the cache, and trains the same.
        let second = try RunnerProcess.run(["moods.yaml", "--quiet"], in: dir, environment: ["XDG_CACHE_HOME": cache])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: results.appendingPathComponent("metrics.csv")) == metrics)
    }

    @Test func aFailedDownloadExitsOneAndSaysWhatToFetchByHandAndWhere() throws {
        let server = try LoopbackServer()
        server.stop()
        let url = server.url("/data/moods.csv")
        let dir = try Self.workspace(url: url)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache")
        let r = try RunnerProcess.run(["moods.yaml"], in: dir, environment: ["XDG_CACHE_HOME": cache.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("moods.yaml: error: cannot find moods.csv; tried:\n  \(dir.path)/moods.csv\n  \(dir.path)/data/moods.csv\n"
            + "\(url.absoluteString): the download failed: cannot connect to the server (no network, or the server is down)\n"
            + "download \(url.absoluteString) (SHA-256 \(Self.digest)) and put it at one of these places\n"), "\(r.stderr)")
        #expect(fileNames(under: cache) == [])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
    }

    @Test func aPlainHTTPURLToAnotherMachineIsAConfigurationError() throws {
        let dir = try Self.workspace(url: URL(string: "http://example.org/moods.csv")!)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try RunnerProcess.run(["moods.yaml"], in: dir, environment: [:])
        #expect(r.status == 2)
        #expect(r.stderr == "moods.yaml:5:8: error: data.url: expected an https URL ending in a file name (plain http only to "
            + "127.0.0.1, ::1, localhost), found `http://example.org/moods.csv`\n")
    }
}
