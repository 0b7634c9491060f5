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
    /// chooses it. Returns the paths written.
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
            written += try rebuildRun(trials.appendingPathComponent(id, isDirectory: true))
        }
        return written
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
        let log = try metrics(in: folder, shownAs: folder.relativePath)
        let configFile = folder.appendingPathComponent("config.yaml")
        guard let configText = try? String(contentsOf: configFile, encoding: .utf8) else {
            throw .missingFile(configFile.relativePath)
        }
        let config = Dictionary(try ConfigFlattening.flatten(yaml: configText, file: configFile.relativePath),
                                uniquingKeysWith: { first, _ in first })
        let summary = try? String(contentsOf: folder.appendingPathComponent("summary.md"), encoding: .utf8)

        let monitor = config["training.early_stopping.monitor"]
            ?? (log.values(of: "val_loss").isEmpty ? "train_loss" : "val_loss")
        let rule = BestEpochRule(monitor: monitor,
                                 maximize: config["training.early_stopping.mode"].map { $0 == "max" } ?? monitor.hasSuffix("accuracy"),
                                 minDelta: config["training.early_stopping.min_delta"].flatMap { Double($0) } ?? 0)
        let recorded = summary.flatMap(RunReport.bestEpoch(inSummary:)).flatMap { epoch in
            log.rows.contains { $0.epoch == epoch } ? epoch : nil
        }
        let report = RunReport(experiment: config["name"] ?? folder.lastPathComponent, log: log, monitor: monitor,
                               bestEpoch: recorded ?? rule.bestEpoch(in: log),
                               details: summary.map(RunReport.details(inSummary:)) ?? [], stoppedAfter: nil,
                               decimals: config["output.decimals"].flatMap { Int($0) } ?? 4)
        var written: [String] = []
        for file in report.files() {
            let url = folder.appendingPathComponent(file.fileName)
            try write(file.text, to: url)
            written.append(url.relativePath)
        }
        return written
    }

    /// The parsed `metrics.csv` of the run in `folder`; `shown` names the folder in errors.
    private static func metrics(in folder: URL, shownAs shown: String) throws(ResultsError) -> MetricsLog {
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

    private static func write(_ text: String, to url: URL) throws(ResultsError) {
        do {
            try ResultFiles.write(text, to: url)
        } catch {
            throw .cannotWrite(path: url.relativePath, reason: error.reason)
        }
    }
}
