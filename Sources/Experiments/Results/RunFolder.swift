import Foundation
import Reports

/// A run's results folder read back: its metrics, its resolved config as dotted keys, and how it
/// chose its best epoch, as `runner report` and a sweep's summary need them.
struct RunFolder {
    /// The experiment's name from `config.yaml`, else the folder's.
    let name: String
    let log: MetricsLog
    /// `config.yaml` as dotted keys; the first value of a key repeated.
    let config: [String: String]
    /// The metric that chose the best epoch: `training.early_stopping.monitor`, else `val_loss`,
    /// else `train_loss` for a run without validation.
    let monitor: String
    /// The best epoch `summary.md` records, or without one the epoch training would choose.
    let bestEpoch: Int?
    /// The details `summary.md` lists (dataset, parameters).
    let details: [(String, String)]

    /// Reads the run in `folder`: `metrics.csv` and `config.yaml` must be there, `summary.md` may be.
    init(_ folder: URL) throws(ResultsError) {
        log = try ResultsReport.metrics(in: folder, shownAs: folder.relativePath)
        let configFile = folder.appendingPathComponent("config.yaml")
        guard let configText = try? String(contentsOf: configFile, encoding: .utf8) else {
            throw .missingFile(configFile.relativePath)
        }
        config = Dictionary(try ConfigFlattening.flatten(yaml: configText, file: configFile.relativePath),
                            uniquingKeysWith: { first, _ in first })
        name = config["name"] ?? folder.lastPathComponent
        let summary = try? String(contentsOf: folder.appendingPathComponent("summary.md"), encoding: .utf8)

        let monitor = config["training.early_stopping.monitor"]
            ?? (log.values(of: "val_loss").isEmpty ? "train_loss" : "val_loss")
        let rule = BestEpochRule(monitor: monitor,
                                 maximize: config["training.early_stopping.mode"].map { $0 == "max" } ?? monitor.hasSuffix("accuracy"),
                                 minDelta: config["training.early_stopping.min_delta"].flatMap { Double($0) } ?? 0)
        let log = self.log
        let recorded = summary.flatMap(RunReport.bestEpoch(inSummary:)).flatMap { epoch in
            log.rows.contains { $0.epoch == epoch } ? epoch : nil
        }
        self.monitor = monitor
        bestEpoch = recorded ?? rule.bestEpoch(in: log)
        details = summary.map(RunReport.details(inSummary:)) ?? []
    }

    /// Digits after the point of the run's numbers (`output.decimals`).
    var decimals: Int { config["output.decimals"].flatMap { Int($0) } ?? 4 }

    /// The charts and summary of the run, as training draws them.
    var report: RunReport {
        RunReport(experiment: name, log: log, monitor: monitor, bestEpoch: bestEpoch,
                  details: details, stoppedAfter: nil, decimals: decimals)
    }
}
