import Foundation
import Testing
import Reports

@Suite struct ResultFilesTests {
    /// A fresh, empty folder for one test.
    func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ReportsTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func createsFoldersAndReplacesWithoutLeavingTemporaryFiles() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("results/imdb/metrics.csv")

        try ResultFiles.write("first\n", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "first\n")
        try ResultFiles.write("second, with ü\n", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second, with ü\n")
        try ResultFiles.write("", to: file)
        #expect(try Data(contentsOf: file).isEmpty)

        let folder = root.appendingPathComponent("results/imdb")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["metrics.csv"])
    }

    @Test func errorUnderARegularFileNamesThePath() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = root.appendingPathComponent("plain")
        try ResultFiles.write("not a folder", to: plain)

        for target in [plain.appendingPathComponent("metrics.csv"), plain.appendingPathComponent("a/b/summary.md")] {
            #expect {
                try ResultFiles.write("x", to: target)
            } throws: { error in
                guard case let .writeFailed(path, _) = error as? ReportError else { return false }
                return path == target.path && String(describing: error).contains(target.path)
            }
        }
        #expect(try String(contentsOf: plain, encoding: .utf8) == "not a folder")
    }

    @Test func failedRenameLeavesNoTemporaryFile() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)

        #expect(throws: ReportError.self) { try ResultFiles.write("x", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["taken"])
    }

    /// Writers racing on one file and its new folder (as parallel trials could, by mistake):
    /// each writes through a temporary name of its own, so the file ends up holding one whole
    /// version and no temporary file is left.
    @Test func concurrentWritersLeaveOneWholeVersion() throws {
        let root = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("trials/a/metrics.csv")
        let versions = (0..<8).map { String(repeating: "writer \($0)\n", count: 20_000) }
        DispatchQueue.concurrentPerform(iterations: versions.count) { i in
            try! ResultFiles.write(versions[i], to: file)
        }
        #expect(versions.contains(try String(contentsOf: file, encoding: .utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["metrics.csv"])
    }
}
