import Foundation
import Reports

/// `runner report`: the charts and summaries of results folders, made again from their CSV
/// files, and charts that overlay several runs.
public enum ResultsReport {
    /// Rebuilds the standard charts and `summary.md` of the run in `path` from its
    /// `metrics.csv`, or of every trial under `trials/` for a sweep, through the same
    /// `RunReport` that training uses. The experiment's name, decimals and early-stopping rule
    /// come from `config.yaml`; the best epoch and the details (dataset, parameters) are kept
    /// from an existing `summary.md`, and without one the best epoch is chosen as training
    /// chooses it. A sweep's own `sweep.csv`, `sweep.svg` and `summary.md` are then made from
    /// whatever trials have ended (`SweepReport`), as the sweep itself makes them; a trial that
    /// failed before its first epoch has no charts to rebuild. Returns the paths written.
    @discardableResult
    public static func rebuild(_ path: String) throws(ResultsError) -> [String] {
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        let trials = folder.appendingPathComponent("trials", isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.path) else { throw .noSuchFolder(path) }
        guard let ids = try? FileManager.default.contentsOfDirectory(atPath: trials.path) else {
            return try rebuildRun(folder)
        }
        var written: [String] = []
        for id in ids.sorted() where !id.hasPrefix(".") {
            let trial = trials.appendingPathComponent(id, isDirectory: true)
            let hasMetrics = FileManager.default.fileExists(atPath: trial.appendingPathComponent("metrics.csv").path)
            if !hasMetrics, TrialRecord(in: trial)?.status == .failed { continue }
            written += try rebuildRun(trial)
        }
        return try written + SweepReport.write(folder)
    }

    /// Writes to `output` one chart of `metric` (e.g. "val_loss") against the epoch for the
    /// runs in `paths`, one line each, labelled with the folder's name (its path when two names
    /// are alike).
    public static func overlay(_ paths: [String], metric: String, output: String) throws(ResultsError) {
        var runs: [(name: String, log: MetricsLog)] = []
        let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        for (path, name) in zip(paths, names) {
            let log = try metrics(in: URL(fileURLWithPath: path, isDirectory: true), shownAs: path)
            guard !log.values(of: metric).isEmpty else {
                throw .noSuchMetric(metric: metric, run: path, available: log.columns)
            }
            runs.append((names.filter { $0 == name }.count > 1 ? path : name, log))
        }
        try write(OverlayChart.svg(runs: runs, metric: metric), to: URL(fileURLWithPath: output))
    }

    /// Rebuilds the files of the run in `folder`; returns their paths.
    private static func rebuildRun(_ folder: URL) throws(ResultsError) -> [String] {
        var written: [String] = []
        for file in try RunFolder(folder).report.files() {
            let url = folder.appendingPathComponent(file.fileName)
            try write(file.text, to: url)
            written.append(url.relativePath)
        }
        return written
    }

    /// The parsed `metrics.csv` of the run in `folder`; `shown` names the folder in errors.
    static func metrics(in folder: URL, shownAs shown: String) throws(ResultsError) -> MetricsLog {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .noSuchFolder(shown)
        }
        let file = folder.appendingPathComponent("metrics.csv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw .missingFile(file.relativePath) }
        do {
            return try MetricsLog(csv: text, file: file.relativePath)
        } catch {
            throw .unreadable(path: file.relativePath, reason: error.description)
        }
    }

    static func write(_ text: String, to url: URL) throws(ResultsError) {
        do {
            try ResultFiles.write(text, to: url)
        } catch {
            throw .cannotWrite(path: url.relativePath, reason: error.reason)
        }
    }
}
