import Foundation
import Testing

/// `runner diff` and `runner report` through the real executable, on a git repository made for
/// the test: commit results, change a hyperparameter, run again, compare.
@Suite(.serialized) struct ResultsCommandTests {
    let quickstart = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path

    /// Runs `git arguments...` in `directory` and returns its standard output.
    @discardableResult
    func git(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments) failed")
        return String(decoding: data, as: UTF8.self)
    }

    /// Two quick epochs of the quick start into `results/quickstart`, with extra overrides.
    func train(_ overrides: [String] = [], output: String = "results/quickstart", in directory: URL) throws {
        let r = try RunnerProcess.run([quickstart, "--quiet", "--set", "training.epochs=2", "--output", output]
            + overrides.flatMap { ["--set", $0] }, in: directory)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func diffAgainstHeadNamesTheChangedKeyAndTheMetricDeltas() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try git(["init", "-q"], in: dir)
        try git(["config", "user.name", "Test"], in: dir)
        try git(["config", "user.email", "test@example.com"], in: dir)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(".gitattributes"),
                                         to: dir.appendingPathComponent(".gitattributes"))
        try train(in: dir)
        try git(["add", "."], in: dir)
        try git(["commit", "-q", "-m", "first run"], in: dir)

        // The same run again: no difference, exit 0, and git sees only timing.csv change.
        try train(in: dir)
        let same = try RunnerProcess.run(["diff", "results/quickstart"], in: dir)
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.contains("quickstart: no difference"))
        #expect(try git(["status", "--porcelain"], in: dir) == " M results/quickstart/timing.csv\n")

        // A different learning rate: the key and the deltas are named, exit 1.
        try train(["training.optimizer.learning_rate=0.005"], in: dir)
        let changed = try RunnerProcess.run(["diff", "results/quickstart"], in: dir)
        #expect(changed.status == 1, "\(changed.stderr)")
        #expect(changed.stdout.contains("before: HEAD:results/quickstart"))
        let keyLine = changed.stdout.split(separator: "\n").first { $0.hasPrefix("training.optimizer.learning_rate") }
        #expect(keyLine?.split(separator: " ") == ["training.optimizer.learning_rate", "0.01", "0.005"])
        #expect(changed.stdout.contains("val_loss final"))
        #expect(changed.stdout.contains("; 1 config key changed"))
        // git diff: config.yaml differs in exactly the changed line; the charts are not diffed as text.
        let configDiff = try git(["diff", "-U0", "results/quickstart/config.yaml"], in: dir)
        #expect(configDiff.split(separator: "\n").filter { $0.hasPrefix("-  ") || $0.hasPrefix("+  ") }.count == 2)
        #expect(try git(["diff", "results/quickstart/loss.svg"], in: dir).contains("Binary files"))

        let markdown = try RunnerProcess.run(["diff", "results/quickstart", "--format", "markdown"], in: dir)
        #expect(markdown.status == 1)
        #expect(markdown.stdout.contains("| `training.optimizer.learning_rate` | 0.01 | 0.005 |"))

        // Errors exit 2 with a clear message.
        let badRevision = try RunnerProcess.run(["diff", "results/quickstart", "--rev", "no-such-rev"], in: dir)
        #expect(badRevision.status == 2)
        #expect(badRevision.stderr.contains("unknown revision 'no-such-rev'"))
        let missing = try RunnerProcess.run(["diff", "results/nothing"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no results folder results/nothing"))
        let three = try RunnerProcess.run(["diff", "a", "b", "c"], in: dir)
        #expect(three.status == 2)
    }

    @Test func diffOutsideARepositoryAndBetweenFolders() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try train(output: "a", in: dir)
        try train(["model.0.lstm.units=8"], output: "b", in: dir)
        let notRepo = try RunnerProcess.run(["diff", "a"], in: dir)
        #expect(notRepo.status == 2)
        #expect(notRepo.stderr.contains("a is not in a git repository"))

        let csv = try RunnerProcess.run(["diff", "a", "b", "--format", "csv"], in: dir)
        #expect(csv.status == 1, "\(csv.stderr)")
        #expect(csv.stdout.hasPrefix("run,item,kind,before,after,change\n"))
        #expect(csv.stdout.contains("quickstart,model.0.lstm.units,config,32,8,\n"))
        #expect(try RunnerProcess.run(["diff", "a", "a"], in: dir).status == 0)
    }

    @Test func reportRebuildsTheFilesAndOverlaysRuns() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try train(output: "lr_0.01", in: dir)
        try train(["training.optimizer.learning_rate=0.005"], output: "lr_0.005", in: dir)
        let folder = dir.appendingPathComponent("lr_0.01")
        let trained = try ["loss.svg", "accuracy.svg", "summary.md"].map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        for name in ["loss.svg", "accuracy.svg", "summary.md"] {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        // Without summary.md its details are gone, so compare the charts byte for byte.
        let rebuilt = try RunnerProcess.run(["report", "lr_0.01"], in: dir)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("wrote lr_0.01/summary.md"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("loss.svg")) == trained[0])
        #expect(try Data(contentsOf: folder.appendingPathComponent("accuracy.svg")) == trained[1])

        let overlay = try RunnerProcess.run(["report", "lr_0.01", "lr_0.005", "--output", "compare.svg"], in: dir)
        #expect(overlay.status == 0, "\(overlay.stderr)")
        let svg = try String(contentsOf: dir.appendingPathComponent("compare.svg"), encoding: .utf8)
        #expect(svg.contains(">lr_0.01</text>") && svg.contains(">lr_0.005</text>") && svg.contains(">val_loss by run</text>"))
        let unknown = try RunnerProcess.run(["report", "lr_0.01", "--output", "x.svg", "--metric", "val_f1"], in: dir)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("has no metric val_f1"))
    }
}
