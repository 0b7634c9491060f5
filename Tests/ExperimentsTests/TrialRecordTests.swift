import Foundation
import Testing
@testable import Experiments

/// What a trial leaves in its folder, and how a later run of the sweep tells a finished trial
/// of the same spec from one to run again.
@Suite struct TrialRecordTests {
    func sweep(epochs: Int = 2) throws -> Sweep {
        let yaml = validExperiment.replacingOccurrences(of: "epochs: 2", with: "epochs: \(epochs)")
            + "sweep:\n  grid:\n    model.0.lstm.units: [8, 16]\n"
        guard case .sweep(let sweep) = try SpecLoader.read(yaml: yaml, file: "exp.yaml") else {
            throw SpecErrors(diagnostics: [])
        }
        return sweep
    }

    func temporaryFolder(_ name: String = #function) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("trial-\(name.filter(\.isLetter))-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func fnv1aMatchesItsPublishedValues() {
        #expect(FNV1a.hex("") == "cbf29ce484222325")
        #expect(FNV1a.hex("a") == "af63dc4c8601ec8c")
        #expect(FNV1a.hex("foobar") == "85944171f73967e8")
    }

    @Test func aRecordRoundTripsThroughItsFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try sweep()
        let trial = sweep.trials[1]
        let record = TrialRecord(trial, of: sweep, status: .finished)
        #expect(record.yaml == """
            trial: 2
            id: "units=16"
            parameters: {units: "16"}
            status: finished
            spec_fnv1a64: \(FNV1a.hex(trial.spec.resolvedYAML()))

            """)
        try record.write(into: folder)
        let read = try #require(TrialRecord(in: folder))
        #expect(read.yaml == record.yaml)

        try TrialRecord(trial, of: sweep, status: .failed).write(into: folder, error: "error: boom")
        #expect(TrialRecord(in: folder)?.status == .failed)
        #expect(try String(contentsOf: folder.appendingPathComponent("error.txt"), encoding: .utf8) == "error: boom\n")
        try record.write(into: folder)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("error.txt").path))
        TrialRecord.clear(in: folder)
        #expect(TrialRecord(in: folder) == nil)
    }

    @Test func onlyAFinishedRecordOfTheSameSpecWithItsResultsCountsAsFinished() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try sweep(), trial = sweep.trials[0]
        try TrialRecord(trial, of: sweep, status: .finished).write(into: folder)
        #expect(!TrialRecord.isFinished(trial, in: folder), "no metrics or summary yet")
        for name in ["metrics.csv", "summary.md"] {
            try "x\n".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(TrialRecord.isFinished(trial, in: folder))
        #expect(!TrialRecord.isFinished(try self.sweep(epochs: 3).trials[0], in: folder), "the spec changed")
        #expect(!TrialRecord.isFinished(sweep.trials[1], in: folder), "another trial")
        try TrialRecord(trial, of: sweep, status: .failed).write(into: folder, error: "error")
        #expect(!TrialRecord.isFinished(trial, in: folder), "a failed trial runs again")
    }
}
