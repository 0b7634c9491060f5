import Foundation
import Testing

/// A run stopped with a real SIGINT and resumed ends with the same results as one that was
/// never stopped.
@Suite struct InterruptionTests {
    @Test func sigintThenResumeGivesTheUninterruptedMetrics() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = repositoryRoot.appendingPathComponent("experiments/quickstart.yaml").path
        let settings = ["--set", "data.samples=8000", "--set", "training.epochs=6", "--set", "model.0.lstm.dropout=0.2", "--quiet"]

        let full = try RunnerProcess.run([spec, "--output", "full"] + settings, in: dir)
        #expect(full.status == 0, "\(full.stderr)")

        // Start the same run, and interrupt it once its first epoch is on disk.
        let process = Process()
        process.executableURL = RunnerProcess.executable
        process.arguments = [spec, "--output", "cut"] + settings
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        try process.run()
        let metrics = dir.appendingPathComponent("cut/metrics.csv")
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if let text = try? String(contentsOf: metrics, encoding: .utf8), text.split(separator: "\n").count >= 2 { break }
            usleep(5_000)
        }
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("--resume"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("cut/resume.safetensors").path))
        let partial = try String(contentsOf: metrics, encoding: .utf8).split(separator: "\n").count - 1
        #expect(partial >= 1 && partial < 6, "interrupted after \(partial) epochs")

        let resumed = try RunnerProcess.run([spec, "--output", "cut", "--resume"] + settings, in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for name in ["metrics.csv", "summary.md", "loss.svg", "accuracy.svg", "config.yaml"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("full/\(name)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("cut/\(name)"))
            #expect(a == b, "\(name) differs after resuming")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cut/resume.safetensors").path))

        let again = try RunnerProcess.run([spec, "--output", "cut", "--resume"] + settings, in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("nothing to resume"))
    }
}
