import Testing
import Reports

@Suite struct RunSummaryTests {
    /// Three epochs where validation loss is best at epoch 2 and validation accuracy ties
    /// between epochs 2 and 3; the learning rate has no notion of best.
    let log = MetricsLog(columns: ["train_loss", "val_loss", "val_accuracy", "learning_rate"], rows: [
        EpochMetrics(epoch: 1, values: ["train_loss": 0.9, "val_loss": 0.8, "val_accuracy": 0.6, "learning_rate": 0.1]),
        EpochMetrics(epoch: 2, values: ["train_loss": 0.5, "val_loss": 0.45, "val_accuracy": 0.8, "learning_rate": 0.1]),
        EpochMetrics(epoch: 3, values: ["train_loss": 0.3, "val_loss": 0.5, "val_accuracy": 0.8, "learning_rate": 0.05]),
    ])

    func summary(bestEpoch: Int? = 2) -> String {
        RunSummary(experiment: "imdb_gru", log: log, monitor: "val_loss", bestEpoch: bestEpoch,
                   details: [("dataset", "imdb"), ("stopped early", "epoch 3")],
                   charts: ["loss.svg", "accuracy.svg"]).markdown()
    }

    @Test func tableHasFinalAndBestWithItsEpoch() {
        let lines = summary().split(separator: "\n").map(String.init)
        #expect(lines.first == "# imdb_gru")
        #expect(lines.contains("| train_loss | 0.3000 | 0.3000 | 3 |"))
        #expect(lines.contains("| val_loss | 0.5000 | 0.4500 | 2 |"))
        #expect(lines.contains("| val_accuracy | 0.8000 | 0.8000 | 2 |"))
        #expect(lines.contains("| learning_rate | 0.0500 | — | — |"))
        // The table's rows follow the log's column order.
        let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| metric") && !$0.hasPrefix("| ---") }
        #expect(rows.map { $0.split(separator: " ")[1] } == ["train_loss", "val_loss", "val_accuracy", "learning_rate"])
    }

    @Test func namesTheChosenEpochDetailsAndCharts() {
        let text = summary()
        #expect(text.contains("Best epoch: **2** of 3, by lowest val_loss (0.4500)."))
        #expect(text.contains("- **dataset**: imdb\n- **stopped early**: epoch 3\n"))
        #expect(text.contains("![loss](loss.svg)"))
        #expect(text.contains("![accuracy](accuracy.svg)"))
        #expect(text.hasSuffix("\n") && !text.contains("\r"))
        #expect(summary(bestEpoch: nil).contains("No best epoch was chosen (monitored metric: val_loss)."))
    }

    @Test func bestSkipsNonFiniteValues() {
        let log = MetricsLog(columns: ["val_loss"], rows: [
            EpochMetrics(epoch: 1, values: ["val_loss": .nan]),
            EpochMetrics(epoch: 2, values: ["val_loss": 0.7]),
            EpochMetrics(epoch: 3, values: ["val_loss": .nan]),
        ])
        let text = RunSummary(experiment: "x", log: log, monitor: "val_loss", bestEpoch: 2, details: [], charts: [])
            .markdown(decimals: 2)
        #expect(text.contains("| val_loss | nan | 0.70 | 2 |"))
    }
}
