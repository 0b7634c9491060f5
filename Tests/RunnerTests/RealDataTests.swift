import Foundation
import Testing

/// Experiments on data read from files, through the real executable.
@Suite struct RealDataTests {
    @Test func aTextTableWithThreeClassesTrainsAndNamesItsClasses() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "review,mood\n"
        let words = ["happy": "joy", "sad": "gloom", "calm": "still"]
        for i in 0..<90 {
            let (label, word) = Array(words)[i % 3]
            csv += "\"a \(word), the \(word) day \(i % 7)\",\(label)\n"
        }
        try csv.write(to: dir.appendingPathComponent("moods.csv"), atomically: true, encoding: .utf8)
        try """
            name: moods
            data: {dataset: text_table, path: moods.csv, text_column: review, label_column: mood, max_len: 8, vocab_size: 50, validation: 0.2}
            embedding: {dim: 4}
            model: [gru: {units: 8}]
            training: {epochs: 2, batch_size: 16}
            """.write(to: dir.appendingPathComponent("moods.yaml"), atomically: true, encoding: .utf8)

        let r = try RunnerProcess.run(["moods.yaml", "--quiet"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try String(contentsOf: dir.appendingPathComponent("results/moods/summary.md"), encoding: .utf8)
        #expect(summary.contains("calm, happy, sad"))
        #expect(summary.contains("72 train, 18 validation"))
        let vocab = try String(contentsOf: dir.appendingPathComponent("results/moods/vocab.txt"), encoding: .utf8)
        #expect(vocab.hasPrefix("<pad>\n<start>\n<oov>\n"))
    }

    @Test func missingDataSaysWhereItLookedAndWhatToDownload() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            name: nodata
            data: {dataset: imdb}
            embedding: {dim: 4}
            model: [lstm: {units: 4}]
            """.write(to: dir.appendingPathComponent("nodata.yaml"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = RunnerProcess.executable
        process.arguments = ["nodata.yaml"]
        process.currentDirectoryURL = dir
        process.environment = ["RUNNER_DATA": "/nonexistent/data"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("/nonexistent/data/aclImdb_v1.tar.gz"), "\(stderr)")
        #expect(stderr.contains(dir.appendingPathComponent("data/aclImdb").path), "\(stderr)")
        #expect(stderr.contains("aclImdb_v1.tar.gz (84 MB)"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("results").path))
    }

    /// The committed `imdb_gru` results are what the runner computes: its first epoch, re-run on
    /// the real IMDB archive and GloVe vectors from `$RUNNER_DATA` (CI sets it to ../shared/data),
    /// gives the committed first row, up to the last digits another CPU's BLAS kernels may change.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RUNNER_DATA"] != nil, "needs the real data in $RUNNER_DATA"))
    func theFirstEpochOfTheCommittedIMDBResultsReproduces() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = repositoryRoot.appendingPathComponent("experiments/imdb_gru.yaml").path
        let r = try RunnerProcess.run(["run", spec, "--set", "training.epochs=1", "--quiet", "--output", "gru"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        func rows(_ url: URL) throws -> [[Double]] {
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",").compactMap { Double($0) } }
        }
        let fresh = try rows(dir.appendingPathComponent("gru/metrics.csv"))
        let committed = try rows(repositoryRoot.appendingPathComponent("results/imdb_gru/metrics.csv"))
        #expect(fresh.count == 1 && committed.count == 20)
        #expect(zip(fresh[0], committed[0]).allSatisfy { abs($0 - $1) <= 2e-3 }, "fresh \(fresh[0]) vs committed \(committed[0])")
    }
}
