import Foundation
import Testing

/// Bad inputs through the real executable: a problem in the experiment file exits 2, a failure
/// while running exits 1; every message names the file (and for the file's own problems the
/// line and column); nothing is left behind that was not there before. The whole catalogue of
/// messages is in `ExperimentsTests/BadInputCatalogueTests`; these are representatives.
@Suite struct BadInputExitTests {
    static let synthetic = """
        name: bad
        data: {dataset: synthetic, samples: 64, val_samples: 16}
        embedding: {dim: 4}
        model:
          - lstm: {units: 4}
        training:
          epochs: 1
          batch_size: 8

        """
    static let table = """
        name: bad
        data: {dataset: text_table, path: reviews.csv, vocab_size: 20, max_len: 6, validation: 0.25}
        embedding: {dim: 4}
        model:
          - lstm: {units: 4}
        training:
          epochs: 1
          batch_size: 8

        """
    static let oneClass = "text,label\n" + (0..<20).map { "\"review \($0)\",pos\n" }.joined()

    @Test(arguments: [
        ("tab", Array("name: bad\ndata:\n\tdataset: synthetic\n".utf8), "", 2, "bad.yaml:3:1: error: invalid YAML: a tab character"),
        ("unknown key", Array(synthetic.replacingOccurrences(of: "epochs", with: "epoch").utf8), "", 2,
         "bad.yaml:7:3: error: training: unknown key `epoch` (did you mean `epochs`?)"),
        ("out of range", Array(synthetic.replacingOccurrences(of: "units: 4", with: "units: 0").utf8), "", 2,
         "bad.yaml:5:19: error: model[0].lstm.units: must be at least 1, found 0"),
        ("not UTF-8", Array("name: bad\n# caf".utf8) + [0xE9] + Array("\n".utf8), "", 2,
         "bad.yaml:2:6: error: not UTF-8 text: byte 0xE9"),
        ("a sweep key that points nowhere", Array((synthetic + "sweep:\n  grid: {model.3.lstm.units: [2, 4]}\n").utf8), "", 2,
         "bad.yaml:10:16: error: model has 1 item, numbered from 0; there is no item `3`"),
        ("missing data", Array(table.utf8), "", 1, "bad.yaml: error: cannot find reviews.csv; tried:"),
        ("one class", Array(table.utf8), oneClass, 1, "reviews.csv: every training example is of the class `pos`"),
        ("shell characters stay text", Array(table.replacingOccurrences(of: "reviews.csv", with: "\"$(touch a);touch b`touch c`\"").utf8),
         "", 1, "bad.yaml: error: cannot find $(touch a);touch b`touch c`; tried:"),
    ] as [(String, [UInt8], String, Int32, String)])
    func exitsWithItsStatusAndLeavesNothing(problem: String, experiment: [UInt8], reviews: String, status: Int32,
                                            message: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(experiment).write(to: dir.appendingPathComponent("bad.yaml"))
        if !reviews.isEmpty { try reviews.write(to: dir.appendingPathComponent("reviews.csv"), atomically: true, encoding: .utf8) }
        let before = fileNames(under: dir)

        for command in [["run"], []] {
            let r = try RunnerProcess.run(command + ["bad.yaml", "--quiet"], in: dir)
            #expect(r.status == status, "\(problem): \(command) exited \(r.status): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(problem): expected \(message) in: \(r.stderr)")
        }
        // A problem in the file itself creates nothing at all.
        if status == 2 { #expect(fileNames(under: dir) == before, "\(problem): files were created") }
        if status == 2 {
            let r = try RunnerProcess.run(["validate", "bad.yaml"], in: dir)
            #expect(r.status == 2 && r.stderr.contains(message), "\(problem): validate exited \(r.status): \(r.stderr)")
        }
        #expect(fileNames(under: dir) == before, "\(problem) left files behind")
    }

    /// A loss that stops being a number ends the run with its epoch, batch and a hint, exits 1,
    /// and keeps the results of the epochs before.
    @Test func aDivergingRunExits1AndKeepsTheEpochsBefore() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let quickstart = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path
        // Found by trying: at this learning rate the weights overflow during epoch 2.
        let r = try RunnerProcess.run([quickstart, "--quiet", "--output", "out", "--set", "data.samples=256",
                                       "--set", "training.epochs=4",
                                       "--set", "training.optimizer={name: sgd, learning_rate: 1.0e+21}"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "\(quickstart): error: the loss became NaN at epoch 2, batch 3; the metrics of epoch 1 are kept; "
            + "try a smaller learning rate or set training.clip_norm\n")
        let metrics = try String(contentsOf: dir.appendingPathComponent("out/metrics.csv"), encoding: .utf8)
        #expect(metrics.split(separator: "\n").count == 2)
        #expect(Set(fileNames(under: dir.appendingPathComponent("out"))).isSuperset(of: ["config.yaml", "metrics.csv", "summary.md"]))
    }

    /// A results folder that cannot be written: exit 1, a message naming the experiment and the
    /// file, and the earlier results unchanged byte for byte. Folder permissions do not stop
    /// root (CI runs as root), so there the write is made to fail another way: into a folder
    /// whose parent is one of the earlier result files.
    @Test func anUnwritableResultsFolderKeepsTheEarlierResults() throws {
        let dir = try temporaryDirectory()
        let results = dir.appendingPathComponent("results/q")
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: results.path)
            try? FileManager.default.removeItem(at: dir)
        }
        let quickstart = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path
        let settings = ["--quiet", "--set", "data.samples=200", "--set", "training.epochs=1"]
        let first = try RunnerProcess.run([quickstart, "--output", "results/q"] + settings, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let names = fileNames(under: results)
        let earlier = try names.map { try Data(contentsOf: results.appendingPathComponent($0)) }

        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: results.path)
        let probe = results.appendingPathComponent("probe")
        let permissionsStopWrites = !FileManager.default.createFile(atPath: probe.path, contents: Data())
        var output = "results/q", reason = "Permission denied"
        if !permissionsStopWrites {
            try FileManager.default.removeItem(at: probe)
            output = "results/q/metrics.csv/again"
            reason = "Not a directory"
        }
        let second = try RunnerProcess.run([quickstart, "--output", output] + settings + ["--set", "seed=7"], in: dir)
        #expect(second.status == 1)
        #expect(second.stderr.hasPrefix("\(quickstart): error: cannot write \(dir.path)/\(output)/config.yaml: "),
                "\(second.stderr)")
        #expect(second.stderr.contains(reason), "\(second.stderr)")
        #expect(fileNames(under: results) == names)
        #expect(try names.map { try Data(contentsOf: results.appendingPathComponent($0)) } == earlier)
    }
}
