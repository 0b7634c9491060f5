import Testing
@testable import Reports

/// The files made from a run's metrics, the facts read back from its summary, and the rule
/// that picks a best epoch when no summary records one.
@Suite struct RunReportTests {
    func report(_ log: MetricsLog, stoppedAfter: Int? = nil) -> RunReport {
        RunReport(experiment: "imdb_gru", log: log, monitor: "val_loss", bestEpoch: 14,
                  details: [("Dataset", "imdb: 25000 train"), ("Parameters", "1,234 trainable")],
                  stoppedAfter: stoppedAfter, decimals: 4)
    }

    @Test func filesAreTheChartsThenTheSummary() {
        let files = report(sampleLog()).files()
        #expect(files.map(\.fileName) == ["loss.svg", "accuracy.svg", "summary.md"])
        #expect(files[2].text.contains("![loss](loss.svg)"))
    }

    /// What `runner report` rebuilds from metrics.csv is what training wrote from full precision.
    @Test func filesFromTheCSVAreTheSameBytesAsFromTheTrainingValues() throws {
        let full = sampleLog()
        let reread = try MetricsLog(csv: full.csv(decimals: 4), file: "metrics.csv")
        #expect(reread != full)
        let a = report(full).files(), b = report(reread).files()
        #expect(a.map(\.text) == b.map(\.text))
    }

    @Test func summaryGivesBackItsDetailsAndBestEpoch() {
        let summary = report(sampleLog(), stoppedAfter: 17).files().last!.text
        let details = RunReport.details(inSummary: summary)
        #expect(details.map(\.0) == ["Dataset", "Parameters", "Stopped early"])
        #expect(details.map(\.1) == ["imdb: 25000 train", "1,234 trainable", "after epoch 17"])
        #expect(RunReport.bestEpoch(inSummary: summary) == 14)
        #expect(RunReport.bestEpoch(inSummary: "# x\n\nNo best epoch was chosen.\n") == nil)
    }

    @Test func bestEpochRuleNeedsAnImprovementOfMoreThanMinDelta() {
        let log = MetricsLog(columns: ["val_loss", "val_accuracy"], rows: [
            EpochMetrics(epoch: 1, values: ["val_loss": 0.50, "val_accuracy": 0.70]),
            EpochMetrics(epoch: 2, values: ["val_loss": 0.49, "val_accuracy": 0.80]),
            EpochMetrics(epoch: 3, values: ["val_loss": 0.40, "val_accuracy": 0.80]),
            EpochMetrics(epoch: 4, values: ["val_loss": 0.39, "val_accuracy": 0.79]),
        ])
        #expect(BestEpochRule(monitor: "val_loss", maximize: false).bestEpoch(in: log) == 4)
        #expect(BestEpochRule(monitor: "val_loss", maximize: false, minDelta: 0.05).bestEpoch(in: log) == 3)
        #expect(BestEpochRule(monitor: "val_accuracy", maximize: true).bestEpoch(in: log) == 2)
        #expect(BestEpochRule(monitor: "val_perplexity", maximize: false).bestEpoch(in: log) == nil)
    }
}
