import Foundation
import Testing
import Reports

/// A 20-epoch run whose training loss falls steadily and validation loss levels off.
func sampleLog(epochs: Int = 20) -> MetricsLog {
    var log = MetricsLog(columns: ["train_loss", "train_accuracy", "val_loss", "val_accuracy"])
    for epoch in 1...epochs {
        let t = Double(epoch)
        let train = 0.7 * exp(-t / 8), validation = 0.35 + 0.35 * exp(-t / 5)
        log.rows.append(EpochMetrics(epoch: epoch, values: [
            "train_loss": train, "train_accuracy": 1 - train / 2,
            "val_loss": validation, "val_accuracy": 1 - validation / 1.5,
        ]))
    }
    return log
}

func chart(for log: MetricsLog, named fileName: String, experiment: String = "imdb_gru") throws -> String {
    try #require(Charts.standard(for: log, experiment: experiment).first { $0.fileName == fileName }).svg
}

/// The centres of the markers of the series drawn in `color`.
func markers(_ document: SVGDocument, color: String) -> [(x: Double, y: Double)] {
    var result: [(x: Double, y: Double)] = []
    var inGroup = false
    for element in document.elements {
        if element.name == "g" { inGroup = element.attributes["fill"] == color || element.attributes["stroke"] == color }
        if element.name == "circle", inGroup, let x = Double(element.attributes["cx"] ?? ""), let y = Double(element.attributes["cy"] ?? "") {
            result.append((x, y))
        }
    }
    return result
}

@Suite struct LineChartTests {
    @Test func isWellFormedSVGWithTitleLabelsAndLegend() throws {
        let document = try SVGDocument(try chart(for: sampleLog(), named: "loss.svg", experiment: "gru & <lstm>"))
        let root = try #require(document.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["viewBox"] == "0 0 720 420")
        #expect(root.attributes["width"] == "720" && root.attributes["height"] == "420")
        #expect(root.attributes["font-family"] == "sans-serif")
        for label in ["gru & <lstm> — loss", "epoch", "loss", "train", "validation"] {
            #expect(document.texts.contains(label), "missing text \(label)")
        }
        #expect(document.all("title").first?.text == "gru & <lstm> — loss")
    }

    @Test func drawsTrainSolidAndValidationDashedThroughEveryEpoch() throws {
        let document = try SVGDocument(try chart(for: sampleLog(), named: "loss.svg"))
        let paths = document.all("path")
        #expect(paths.count == 2)
        #expect(paths[0].attributes["stroke-dasharray"] == nil)
        #expect(paths[1].attributes["stroke-dasharray"] != nil)
        #expect(paths[0].attributes["stroke"] != paths[1].attributes["stroke"])

        let train = markers(document, color: try #require(paths[0].attributes["stroke"]))
        let validation = markers(document, color: try #require(paths[1].attributes["stroke"]))
        // One marker per epoch plus one in the legend.
        #expect(train.count == 21 && validation.count == 21)
        // Later epochs lie to the right; a falling loss lies lower, i.e. at a larger y.
        let trainPoints = train.dropLast()
        #expect(zip(trainPoints, trainPoints.dropFirst()).allSatisfy { $1.x > $0.x && $1.y > $0.y })
        // Validation loss is above training loss at every epoch, so drawn higher up.
        #expect(zip(trainPoints, validation.dropLast()).allSatisfy { $1.y < $0.y })
    }

    @Test func dataStaysInsideThePlotAndTheLegendOutsideIt() throws {
        let document = try SVGDocument(try chart(for: sampleLog(), named: "accuracy.svg"))
        let rects = document.all("rect").compactMap { rect -> (x: Double, y: Double, w: Double, h: Double)? in
            guard let x = Double(rect.attributes["x"] ?? ""), let y = Double(rect.attributes["y"] ?? ""),
                  let w = Double(rect.attributes["width"] ?? ""), let h = Double(rect.attributes["height"] ?? "") else { return nil }
            return (x, y, w, h)
        }
        let plot = rects[0], legend = rects[1]
        #expect(legend.x >= plot.x + plot.w)
        let points = markers(document, color: "#0072B2").dropLast() + markers(document, color: "#D55E00").dropLast()
        #expect(points.count == 40)
        #expect(points.allSatisfy { $0.x > plot.x && $0.x < plot.x + plot.w && $0.y > plot.y && $0.y < plot.y + plot.h })
    }

    @Test func accuracyTicksStayWithinZeroAndOne() throws {
        var log = sampleLog()
        log.rows[19].values["train_accuracy"] = 1.0
        let texts = try SVGDocument(try chart(for: log, named: "accuracy.svg")).texts
        let ticks = texts.compactMap(Double.init).filter { $0 < 2 }  // epoch ticks are 2...20
        #expect(ticks.contains(1.0) && ticks.allSatisfy { (0...1).contains($0) })
    }

    @Test func skipsNonFiniteValuesAndBreaksTheLine() throws {
        var log = sampleLog(epochs: 6)
        log.rows[2].values["train_loss"] = .nan
        log.rows[4].values["val_loss"] = .infinity
        let svg = try chart(for: log, named: "loss.svg")
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        let paths = try SVGDocument(svg).all("path").map { $0.attributes["d"] ?? "" }
        #expect(paths.map { $0.filter { $0 == "M" }.count } == [2, 2])
    }

    @Test func aSingleEpochShowsOnePointAtTickOne() throws {
        let log = MetricsLog(columns: ["train_loss"], rows: [EpochMetrics(epoch: 1, values: ["train_loss": 0.6931])])
        let document = try SVGDocument(try chart(for: log, named: "loss.svg"))
        #expect(markers(document, color: "#0072B2").count == 2)
        #expect(document.texts.contains("1") && !document.texts.contains("0") && !document.texts.contains("2"))
    }

    @Test func longRunsDrawLinesWithoutMarkers() throws {
        let document = try SVGDocument(try chart(for: sampleLog(epochs: 100), named: "loss.svg"))
        #expect(document.all("circle").isEmpty)  // not even in the legend
        #expect(document.texts.contains("100"))
    }

    @Test func sameInputSameBytes() throws {
        let first = Charts.standard(for: sampleLog(), experiment: "run")
        let second = Charts.standard(for: sampleLog(), experiment: "run")
        #expect(first.map(\.fileName) == second.map(\.fileName))
        #expect(first.map(\.svg) == second.map(\.svg))
    }

    @Test func standardChartsFollowTheColumns() throws {
        #expect(Charts.standard(for: sampleLog(), experiment: "a").map(\.fileName) == ["loss.svg", "accuracy.svg"])
        let languageModel = MetricsLog(columns: ["train_loss", "train_perplexity", "val_loss", "val_perplexity"], rows: [
            EpochMetrics(epoch: 1, values: ["train_loss": 3, "train_perplexity": 20.09, "val_loss": 2.9, "val_perplexity": 18.17]),
        ])
        let charts = Charts.standard(for: languageModel, experiment: "lyrics")
        #expect(charts.map(\.fileName) == ["loss.svg", "perplexity.svg"])
        #expect(try SVGDocument(charts[1].svg).texts.contains("lyrics — perplexity"))
    }

    @Test func rendersToAPictureWithDrawnContent() throws {
        let svg = try chart(for: sampleLog(), named: "loss.svg")
        let png = try Renderer.png(svg)
        #expect(try Renderer.size(ofPNG: png) == (720, 420))
        // A blank picture of the same size compresses to almost nothing; lines, text and
        // markers do not. The same chart without its curves lies in between.
        let blank = try Renderer.png(#"<svg xmlns="http://www.w3.org/2000/svg" width="720" height="420"><rect width="100%" height="100%" fill="white"/></svg>"#)
        let axesOnly = try Renderer.png(LineChart(title: "imdb_gru — loss", xLabel: "epoch", yLabel: "loss", series: []).svg())
        #expect(blank.count < 2_000)
        #expect(png.count > 10 * blank.count)
        #expect(png.count > axesOnly.count + 3_000)
    }
}
