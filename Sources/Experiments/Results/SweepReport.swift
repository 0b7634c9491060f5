import Foundation
import Reports

/// A sweep's own files — `sweep.csv`, `sweep.svg` and `summary.md` (see `SweepResults`) —
/// made from what its trials left under `trials/<id>/`: the record each trial writes when it
/// ends (`trial.yaml`), its metrics and config, and the error of a failed one. Trials without
/// a record (not run yet, running, or interrupted) are left out.
enum SweepReport {
    /// Writes the files of the sweep in `folder` from its trials, only those in `ids` when
    /// given; nothing when no trial has a record. Returns the paths written.
    @discardableResult
    static func write(_ folder: URL, ids: [String]? = nil) throws(ResultsError) -> [String] {
        guard let results = try results(folder, ids: ids) else { return [] }
        var written: [String] = []
        for file in results.files() {
            let url = folder.appendingPathComponent(file.fileName)
            try ResultsReport.write(file.text, to: url)
            written.append(url.relativePath)
        }
        return written
    }

    /// The trials of the sweep in `folder` with a record, in `ids` when given; nil when none.
    static func results(_ folder: URL, ids: [String]? = nil) throws(ResultsError) -> SweepResults? {
        let trialsFolder = folder.appendingPathComponent("trials", isDirectory: true)
        let names = ids ?? ((try? FileManager.default.contentsOfDirectory(atPath: trialsFolder.path)) ?? []).sorted()
        var trials: [SweepTrial] = []
        var runs: [RunFolder] = []
        for id in names where !id.hasPrefix(".") {
            let trialFolder = trialsFolder.appendingPathComponent(id, isDirectory: true)
            guard let record = TrialRecord(in: trialFolder) else { continue }
            let failed = record.status == .failed
            let hasMetrics = FileManager.default.fileExists(atPath: trialFolder.appendingPathComponent("metrics.csv").path)
            let run = failed && !hasMetrics ? nil : try RunFolder(trialFolder)
            let error = failed ? (try? String(contentsOf: trialFolder.appendingPathComponent(TrialRecord.errorFileName), encoding: .utf8))
                .map { String($0.split(separator: "\n").first ?? "") } : nil
            trials.append(SweepTrial(number: record.number, id: id, parameters: record.parameters, failed: failed,
                                     error: error, log: run?.log, monitor: run?.monitor ?? "val_loss", bestEpoch: run?.bestEpoch))
            if let run { runs.append(run) }
        }
        guard !trials.isEmpty else { return nil }
        return SweepResults(name: runs.first?.name ?? folder.lastPathComponent, trials: trials,
                            decimals: runs.first?.decimals ?? 4)
    }
}
