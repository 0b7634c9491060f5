import Foundation
import Testing

/// Sweeps through the real executable: trials as processes, two at a time, the sweep's files,
/// a rerun that skips what finished, a failing trial among good ones, and one trial run alone.
@Suite(.serialized) struct SweepTests {
    /// A small synthetic experiment with a 2 × 2 grid; `rates` are the learning rates swept.
    func writeSweep(in dir: URL, rates: String = "[0.01, 0.003]") throws {
        let yaml = """
            name: small
            seed: 42
            data: {dataset: synthetic, samples: 400, val_samples: 100}
            embedding: {dim: 8}
            model:
              - lstm: {units: 8}
            training:
              epochs: 2
              batch_size: 32
              optimizer: {name: sgd, learning_rate: 0.01}
            sweep:
              grid:
                model.0.lstm.units: [4, 8]
                training.optimizer.learning_rate: \(rates)

            """
        try yaml.write(to: dir.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
    }

    /// Every file under `folder` with its bytes.
    func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in fileNames(under: folder) { files[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return files
    }

    let ids = ["units=4,learning_rate=0.01", "units=4,learning_rate=0.003", "units=8,learning_rate=0.01", "units=8,learning_rate=0.003"]

    @Test func aGridRunsEveryTrialTwoAtATimeAndARerunSkipsThemAll() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSweep(in: dir)

        let list = try RunnerProcess.run(["sweep", "small.yaml", "--list"], in: dir)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout == ids.map { $0 + "\n" }.joined())
        #expect(fileNames(under: dir) == ["small.yaml"], "--list ran something")

        let first = try RunnerProcess.run(["sweep", "small.yaml", "--jobs", "2"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("a sweep of 4 trials, 2 at a time with "), "\(first.stderr)")
        #expect(first.stderr.components(separatedBy: ": started\n").count == 5, "\(first.stderr)")
        #expect(first.stderr.components(separatedBy: ": finished in ").count == 5, "\(first.stderr)")
        let results = dir.appendingPathComponent("results/small")
        let trialFiles = ["accuracy.svg", "config.yaml", "loss.svg", "metrics.csv", "summary.md", "timing.csv", "trial.yaml", "vocab.txt"]
        #expect(fileNames(under: results) == (["summary.md", "sweep.csv", "sweep.svg"]
            + ids.sorted().flatMap { id in trialFiles.map { "trials/\(id)/\($0)" } }).sorted())
        let csv = try String(contentsOf: results.appendingPathComponent("sweep.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.first?.hasPrefix("trial,units,learning_rate,status,epochs,best_epoch,final_train_loss,best_train_loss,") == true)
        let starts: [String] = rows.dropFirst().map { String($0.split(separator: ",").prefix(5).joined(separator: ",")) }
        #expect(starts == [
            "\"units=4,learning_rate=0.01\",4,0.01,finished", "\"units=4,learning_rate=0.003\",4,0.003,finished",
            "\"units=8,learning_rate=0.01\",8,0.01,finished", "\"units=8,learning_rate=0.003\",8,0.003,finished",
        ])
        let summary = try String(contentsOf: results.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("| 1 | [units="), "\(summary)")
        let config = try String(contentsOf: results.appendingPathComponent("trials/units=4,learning_rate=0.003/config.yaml"), encoding: .utf8)
        #expect(config.contains("- lstm: {units: 4,") && config.contains("learning_rate: 0.003"))

        // The same sweep again: nothing runs, and not a byte changes, timing.csv included.
        let before = try contents(of: results)
        let again = try RunnerProcess.run(["run", "small.yaml", "--jobs", "2"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("small.yaml: a sweep of 4 trials (4 finished earlier); nothing to run"), "\(again.stderr)")
        #expect(again.stderr.components(separatedBy: ": skipped, finished earlier with the same spec").count == 5)
        #expect(!again.stderr.contains("started"))
        #expect(try contents(of: results) == before)

        // `runner report` makes the sweep's files again from the trials, byte for byte.
        let report = try RunnerProcess.run(["report", "results/small"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("wrote results/small/sweep.svg"))
        #expect(try contents(of: results) == before)

        // One trial alone, as a cluster's task runs it, gives the sweep's metrics byte for byte.
        let id = ids[3]
        let single = try RunnerProcess.run(["run", "small.yaml", "--trial", id, "--output", "alone", "--quiet"], in: dir)
        #expect(single.status == 0, "\(single.stderr)")
        for name in ["metrics.csv", "config.yaml", "summary.md", "trial.yaml"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent("alone/\(name)"))
                == before["trials/\(id)/\(name)"], "\(name) differs")
        }

        // A changed setting makes every trial's spec differ: all run again.
        let changed = try RunnerProcess.run(["sweep", "small.yaml", "--set", "training.epochs=1", "--quiet"], in: dir)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try String(contentsOf: results.appendingPathComponent("trials/\(id)/metrics.csv"), encoding: .utf8)
            .split(separator: "\n").count == 2)
    }

    @Test func aFailingTrialIsRecordedAndTheOthersFinish() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A learning rate that is valid but makes the loss overflow in the first epoch.
        try writeSweep(in: dir, rates: "[0.01, 1.0e+30]")
        let r = try RunnerProcess.run(["sweep", "small.yaml", "--jobs", "2"], in: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("error: 2 of 4 trials failed: units=4,learning_rate=1.0e+30; units=8,learning_rate=1.0e+30"), "\(r.stderr)")
        let results = dir.appendingPathComponent("results/small")
        let failed = results.appendingPathComponent("trials/units=8,learning_rate=1.0e+30")
        let error = try String(contentsOf: failed.appendingPathComponent("error.txt"), encoding: .utf8)
        #expect(error.contains("the loss became"), "\(error)")
        #expect(try String(contentsOf: failed.appendingPathComponent("trial.yaml"), encoding: .utf8).contains("status: failed"))
        #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("trials/units=8,learning_rate=0.01/metrics.csv").path))
        let csv = try String(contentsOf: results.appendingPathComponent("sweep.csv"), encoding: .utf8)
        let statuses = csv.split(separator: "\n").dropFirst().map { row in
            row.contains(",finished,") ? "finished" : row.contains(",failed,") ? "failed" : String(row)
        }
        #expect(statuses == ["finished", "failed", "finished", "failed"])
        for name in ["sweep.svg", "summary.md"] {
            #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent(name).path))
        }
        let summary = try String(contentsOf: results.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("- `units=8,learning_rate=1.0e+30` failed: small.yaml: error: the loss became"), "\(summary)")

        // A sweep with failed trials compares with itself trial by trial, over the trials with metrics.
        let diff = try RunnerProcess.run(["diff", "results/small", "results/small"], in: dir)
        #expect(diff.status == 0, "\(diff.stdout)\(diff.stderr)")
        #expect(diff.stdout.contains("units=8,learning_rate=0.01: no difference") && !diff.stdout.contains("1.0e+30"))

        // Run again: the failed trials run again, the finished ones are skipped.
        let again = try RunnerProcess.run(["sweep", "small.yaml"], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.components(separatedBy: ": skipped, finished earlier").count == 3, "\(again.stderr)")
    }

    @Test func sweepOptionsOnAPlainFileAndUnknownTrialsAreRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try writeSweep(in: dir)
        let quickstart = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path
        for arguments in [["sweep", quickstart], ["sweep", quickstart, "--list"], ["run", quickstart, "--trial", "x"],
                          ["run", "small.yaml", "--trial", "units=4,learning_rate=0.1"], ["run", "small.yaml", "--resume"]] {
            let r = try RunnerProcess.run(arguments, in: dir)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
        }
        let unknown = try RunnerProcess.run(["run", "small.yaml", "--trial", "units=4,learning_rate=0.1"], in: dir)
        #expect(unknown.stderr.contains("no trial `units=4,learning_rate=0.1` (did you mean `units=4,learning_rate=0.01`?)"),
                "\(unknown.stderr)")
        #expect(fileNames(under: dir) == ["small.yaml"])
    }
}
