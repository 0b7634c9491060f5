import Foundation
import Testing

/// The quick start, run exactly as the README says, through the real executable.
@Suite(.serialized) struct QuickStartTests {
    @Test func quickStartLearnsTheTaskAndReproducesItsResultsByteForByte() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path

        let first = try RunnerProcess.run([spec, "--quiet"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let results = dir.appendingPathComponent("results/quickstart")
        #expect(fileNames(under: results) == ["accuracy.svg", "config.yaml", "loss.svg", "metrics.csv", "summary.md", "timing.csv", "vocab.txt"])

        let metrics = try String(contentsOf: results.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let lines = metrics.split(separator: "\n")
        #expect(lines.first == "epoch,train_loss,train_accuracy,val_loss,val_accuracy")
        let finalAccuracy = try #require(Double(lines.last!.split(separator: ",").last!))
        #expect(finalAccuracy >= 0.95, "final validation accuracy \(finalAccuracy)")

        // A second run into another folder: every file but timing.csv is byte-identical.
        let again = try RunnerProcess.run(["run", spec, "--quiet", "--output", "second"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        for name in fileNames(under: results) where name != "timing.csv" {
            let a = try Data(contentsOf: results.appendingPathComponent(name))
            let b = try Data(contentsOf: dir.appendingPathComponent("second").appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two runs with the same seed")
        }

        // The committed results are those of this run, up to the last digits a different CPU's
        // BLAS kernels may change (on this machine they are byte-identical; see README).
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("results/quickstart/metrics.csv"), encoding: .utf8)
        let committedRows = committed.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        let freshRows = lines.dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(committedRows.count == freshRows.count, "results/quickstart is stale: re-run the quick start and commit it")
        for (c, f) in zip(committedRows, freshRows) {
            #expect(zip(c, f).allSatisfy { abs($0 - $1) <= 2e-3 }, "results/quickstart differs from a fresh run: \(c) vs \(f)")
        }
    }

    /// `--profile` shows and writes where every epoch's time went, and changes no result.
    @Test func profileBreaksEveryEpochDownWithoutChangingResults() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path
        // Batches of 8, four times as many as the quick start's: its packing of the weights for
        // each batch then takes a few milliseconds an epoch, not one that can print as 0.000.
        let settings = ["--set", "training.epochs=2", "--set", "training.batch_size=8"]
        let profiled = try RunnerProcess.run(["run", spec] + settings + ["--profile", "--output", "p"], in: dir)
        #expect(profiled.status == 0, "\(profiled.stderr)")
        let plain = try RunnerProcess.run(["run", spec] + settings + ["--quiet", "--output", "q"], in: dir)
        #expect(plain.status == 0, "\(plain.stderr)")

        for epoch in 1...2 { #expect(profiled.stdout.contains("epoch \(epoch) profile:")) }
        #expect(profiled.stdout.contains("recurrent_steps") && profiled.stdout.contains("gate_math"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("p/metrics.csv"))
            == Data(contentsOf: dir.appendingPathComponent("q/metrics.csv")))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("q/profile.csv").path))

        let profile = try String(contentsOf: dir.appendingPathComponent("p/profile.csv"), encoding: .utf8)
        let lines = profile.split(separator: "\n")
        #expect(lines.first.map(String.init) == "epoch,data,input_projections,recurrent_steps,gate_math,thread_wait,backward_products,"
            + "other_layers,optimizer,evaluation,total")
        #expect(lines.count == 3)
        for line in lines.dropFirst() {
            let values = line.split(separator: ",").dropFirst().compactMap { Double($0) }
            #expect(values.count == 10 && values.allSatisfy { $0 >= 0 })
            // Every section the quick start's LSTM has took some time (thread_wait may not: one
            // core runs one part), and the total is their sum.
            #expect(values[1] > 0 && values[2] > 0 && values[3] > 0 && values[5] > 0 && values[8] > 0)
            #expect(abs(values.dropLast().reduce(0, +) - values.last!) <= 0.01)
        }

        // timing.csv: the training loop is part of the epoch.
        let timing = try String(contentsOf: dir.appendingPathComponent("q/timing.csv"), encoding: .utf8)
        for line in timing.split(separator: "\n").dropFirst() {
            let v = line.split(separator: ",").compactMap { Double($0) }
            #expect(v.count == 4 && v[2] > 0 && v[2] <= v[1])
        }
    }
}
