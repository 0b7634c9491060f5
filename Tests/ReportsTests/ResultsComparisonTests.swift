import Testing
@testable import Reports

/// Comparing two versions of a run: which config keys changed, the verdict, and the three
/// printed forms of a comparison.
@Suite struct ResultsComparisonTests {
    func log(_ rows: [(Double, Double, Double)]) -> MetricsLog {
        MetricsLog(columns: ["train_loss", "val_loss", "val_accuracy"], rows: rows.enumerated().map { index, row in
            EpochMetrics(epoch: index + 1, values: ["train_loss": row.0, "val_loss": row.1, "val_accuracy": row.2])
        })
    }

    var before: MetricsLog { log([(0.7, 0.6, 0.55), (0.5, 0.45, 0.70), (0.4, 0.50, 0.72)]) }
    var after: MetricsLog { log([(0.7, 0.6, 0.55), (0.45, 0.40, 0.75), (0.35, 0.44, 0.7323)]) }
    let oldConfig = [(key: "name", value: "imdb_gru"), (key: "model.0.gru.units", value: "32"),
                     (key: "training.optimizer.learning_rate", value: "0.001"), (key: "training.clip_norm", value: "5.0")]
    let newConfig = [(key: "name", value: "imdb_gru"), (key: "model.0.gru.units", value: "64"),
                     (key: "training.optimizer.learning_rate", value: "0.001"), (key: "output.decimals", value: "4")]

    @Test func configChangesNameChangedAddedAndRemovedKeys() {
        #expect(ConfigChange.between(oldConfig, newConfig) == [
            ConfigChange(key: "model.0.gru.units", before: "32", after: "64"),
            ConfigChange(key: "output.decimals", before: nil, after: "4"),
            ConfigChange(key: "training.clip_norm", before: "5.0", after: nil),
        ])
        #expect(ConfigChange.between(oldConfig, oldConfig).isEmpty)
    }

    @Test func verdictJudgesEachValidationMetricByItsGoal() {
        let run = RunComparison(name: "imdb_gru", before: before, after: after,
                                configChanges: ConfigChange.between(oldConfig, newConfig))
        #expect(run.hasDifferences)
        #expect(run.changedEpochs == [2, 3])
        #expect(run.verdict(decimals: 4) == "val_loss −0.0600 (better), val_accuracy +0.0123 (better); 3 config keys changed")
        let reversed = RunComparison(name: "imdb_gru", before: after, after: before, configChanges: [])
        #expect(reversed.verdict(decimals: 4) == "val_loss +0.0600 (worse), val_accuracy −0.0123 (worse); config unchanged")
    }

    @Test func identicalRunsHaveNoDifferenceButAChangeInsideTheRunCounts() {
        #expect(!RunComparison(name: "a", before: before, after: before, configChanges: []).hasDifferences)
        #expect(RunComparison(name: "a", before: before, after: before, configChanges: []).verdict(decimals: 4) == "no difference")
        var middle = before
        middle.rows[1].values["train_loss"] = 0.49
        let run = RunComparison(name: "a", before: before, after: middle, configChanges: [])
        #expect(run.hasDifferences)
        #expect(run.changedEpochs == [2])
        #expect(run.verdict(decimals: 4) == "val_loss unchanged, val_accuracy unchanged; config unchanged")
        let longer = RunComparison(name: "a", before: before, after: log([(0.7, 0.6, 0.55), (0.5, 0.45, 0.70)]), configChanges: [])
        #expect(longer.verdict(decimals: 4).contains("3 → 2 epochs"))
    }

    @Test func textShowsFinalBestAndBestEpochWithTheirChanges() {
        let comparison = ResultsComparison(before: "HEAD:results/imdb_gru", after: "results/imdb_gru", runs: [
            RunComparison(name: "imdb_gru", before: before, after: after, configChanges: ConfigChange.between(oldConfig, newConfig)),
        ])
        let lines = comparison.rendered(as: .text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "before: HEAD:results/imdb_gru")
        #expect(lines.contains { $0.hasPrefix("val_loss final") && $0.hasSuffix("0.5000  0.4400  −0.0600") })
        #expect(lines.contains { $0.split(separator: " ") == ["val_accuracy", "best", "epoch", "3", "2", "−1"] })
        #expect(lines.contains { $0.hasPrefix("model.0.gru.units") && $0.hasSuffix("32      64") })
        #expect(lines.contains { $0.hasPrefix("training.clip_norm") && $0.hasSuffix("5.0     —") })
        #expect(lines.contains("imdb_gru: val_loss −0.0600 (better), val_accuracy +0.0123 (better); 3 config keys changed"))
        #expect(lines.last == "")
        #expect(!lines.contains { $0.hasSuffix(" ") })
    }

    @Test func markdownHasATableAndAVerdictPerRun() {
        let comparison = ResultsComparison(before: "a", after: "b", runs: [
            RunComparison(name: "lr=0.1", before: before, after: after, configChanges: [ConfigChange(key: "x", before: "1", after: "2")]),
            RunComparison(name: "lr=0.2", before: before, after: before, configChanges: []),
        ], addedTrials: ["lr=0.3"], removedTrials: ["lr=0.05"])
        let text = comparison.rendered(as: .markdown)
        #expect(text.contains("- **added trials**: lr=0.3\n- **removed trials**: lr=0.05\n"))
        #expect(text.contains("## lr=0.1\n\n**Verdict**: val_loss −0.0600 (better)"))
        #expect(text.contains("| val_accuracy final | 0.7200 | 0.7323 | +0.0123 |"))
        #expect(text.contains("| `x` | 1 | 2 |"))
        #expect(text.contains("## lr=0.2\n\n**Verdict**: no difference\n"))
        // The unchanged trial gets no table.
        #expect(text.components(separatedBy: "| metric | before | after | change |").count == 2)
    }

    @Test func csvHasEveryValueAndQuotesTrialIdsWithCommas() throws {
        let comparison = ResultsComparison(before: "a", after: "b", runs: [
            RunComparison(name: "units=32,lr=0.1", before: before, after: after, configChanges: [ConfigChange(key: "x", before: nil, after: "2")]),
        ], addedTrials: ["units=64,lr=0.1"], decimals: 2)
        let lines = comparison.rendered(as: .csv).split(separator: "\n").map(String.init)
        #expect(lines[0] == "run,item,kind,before,after,change")
        #expect(lines[1] == "\"units=64,lr=0.1\",,trial_added,,,")
        #expect(lines.contains("\"units=32,lr=0.1\",val_loss,final,0.50,0.44,-0.06"))
        #expect(lines.contains("\"units=32,lr=0.1\",val_accuracy,best_epoch,3,2,-1"))
        #expect(lines.contains("\"units=32,lr=0.1\",x,config,,2,"))
        // train_loss, val_loss and val_accuracy each give final, best and best_epoch.
        #expect(lines.count == 1 + 1 + 9 + 1)
    }

    @Test func aComparisonDiffersWhenTrialsComeOrGo() {
        let same = RunComparison(name: "t", before: before, after: before, configChanges: [])
        #expect(!ResultsComparison(before: "a", after: "b", runs: [same]).hasDifferences)
        #expect(ResultsComparison(before: "a", after: "b", runs: [same], addedTrials: ["u"]).hasDifferences)
        #expect(ResultsComparison(before: "a", after: "b", runs: [same], removedTrials: ["u"]).hasDifferences)
    }
}
