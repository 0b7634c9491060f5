import Testing
@testable import Reports

/// A sweep's own files from hand-made trials: the table, the ranking, and the chart as a
/// reader sees it.
@Suite struct SweepResultsTests {
    /// A trial whose validation loss falls by 0.01 per epoch to `finalLoss` over 4 epochs.
    func trial(_ number: Int, units: String, lr: String, finalLoss: Double?) -> SweepTrial {
        let log = finalLoss.map { last in
            MetricsLog(columns: ["train_loss", "val_loss"], rows: (1...4).map { epoch in
                EpochMetrics(epoch: epoch, values: ["train_loss": last + 0.1, "val_loss": last + 0.01 * Double(4 - epoch)])
            })
        }
        return SweepTrial(number: number, id: "units=\(units),lr=\(lr)", parameters: [("units", units), ("lr", lr)],
                          failed: finalLoss == nil, error: finalLoss == nil ? "error: the loss became nan" : nil,
                          log: log, monitor: "val_loss", bestEpoch: finalLoss == nil ? nil : 4)
    }

    var results: SweepResults {
        SweepResults(name: "grid", trials: [
            trial(3, units: "64", lr: "0.001", finalLoss: 0.25),
            trial(1, units: "32", lr: "0.001", finalLoss: 0.3),
            trial(2, units: "32", lr: "0.01", finalLoss: nil),
            trial(4, units: "64", lr: "0.01", finalLoss: 0.2),
        ], decimals: 3)
    }

    @Test func theTableHasOneRowPerTrialInOrder() {
        #expect(results.csv() == """
            trial,units,lr,status,epochs,best_epoch,final_train_loss,best_train_loss,final_val_loss,best_val_loss
            "units=32,lr=0.001",32,0.001,finished,4,4,0.400,0.400,0.300,0.300
            "units=32,lr=0.01",32,0.01,failed,0,,,,,
            "units=64,lr=0.001",64,0.001,finished,4,4,0.350,0.350,0.250,0.250
            "units=64,lr=0.01",64,0.01,finished,4,4,0.300,0.300,0.200,0.200

            """)
    }

    @Test func theSummaryRanksTheBestTrialFirstAndNamesTheFailedOnes() {
        #expect(results.ranked.map(\.number) == [4, 3, 1])
        let summary = results.summary()
        #expect(summary.hasPrefix("""
            # grid

            A sweep of 4 trials, ranked by best val_loss (lowest first): 3 finished, 1 failed.

            Best trial: **units=64,lr=0.01**, val_loss 0.200 at epoch 4.

            | rank | trial | units | lr | best val_loss | best epoch | final val_loss |
            | ---: | --- | --- | --- | ---: | ---: | ---: |
            | 1 | [units=64,lr=0.01](trials/units=64,lr=0.01/summary.md) | 64 | 0.01 | 0.200 | 4 | 0.200 |
            | 2 | [units=64,lr=0.001](trials/units=64,lr=0.001/summary.md) | 64 | 0.001 | 0.250 | 4 | 0.250 |
            | 3 | [units=32,lr=0.001](trials/units=32,lr=0.001/summary.md) | 32 | 0.001 | 0.300 | 4 | 0.300 |

            Not ranked:

            - `units=32,lr=0.01` failed: error: the loss became nan ([error.txt](trials/units=32,lr=0.01/error.txt))
            """), "\(summary)")
        #expect(summary.hasSuffix("![sweep](sweep.svg)\n"))
    }

    @Test func accuraciesRankHighestFirst() {
        var trials = results.trials
        for index in trials.indices { trials[index].monitor = "val_accuracy" }
        for index in trials.indices where trials[index].log != nil {
            for row in trials[index].log!.rows.indices {
                trials[index].log!.rows[row].values["val_accuracy"] = trials[index].log!.rows[row].values["val_loss"]
            }
            trials[index].log!.columns.append("val_accuracy")
        }
        #expect(SweepResults(name: "grid", trials: trials, decimals: 3).ranked.map(\.number) == [1, 3, 4])
    }

    @Test func theChartRanksTheTrialsAndOverlaysTheirCurvesInMatchingColours() throws {
        let svg = SweepChart(results: results).svg()
        let document = try SVGDocument(svg)
        let texts = document.elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("grid — best val_loss by trial"))
        #expect(texts.contains("1. units=64,lr=0.01") && texts.contains("3. units=32,lr=0.001"))
        #expect(!texts.contains { $0.contains("units=32,lr=0.01") }, "the failed trial is drawn")
        let dots = document.all("circle").filter { $0.attributes["r"] == "5" }
        let curves = document.all("path").filter { $0.attributes["fill"] == "none" }
        #expect(dots.map { $0.attributes["fill"] } == curves.map { $0.attributes["stroke"] })
        #expect(dots.count == 3)
        // Best at the top: the dots' heights grow with the rank, their values leftwards for losses.
        let ys = dots.map { Double($0.attributes["cy"]!)! }, xs = dots.map { Double($0.attributes["cx"]!)! }
        #expect(ys == ys.sorted() && xs == xs.sorted())

        let png = try Renderer.png(svg)
        let size = try Renderer.size(ofPNG: png)
        #expect(size.width == 720 && size.height > 420 + 3 * 22)
        #expect(png.count > 20_000)
        #expect(SweepChart(results: results).svg() == svg)
    }
}
