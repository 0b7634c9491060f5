import Testing
@testable import Reports

/// Several runs' curves in one chart, each in a colour of its own.
@Suite struct OverlayChartTests {
    @Test func eachRunIsOneLabelledLine() throws {
        var slower = sampleLog(epochs: 12)
        for index in slower.rows.indices { slower.rows[index].values["val_loss"]! += 0.1 }
        let svg = OverlayChart.svg(runs: [("lr=0.001", sampleLog(epochs: 20)), ("lr=0.01", slower)], metric: "val_loss")
        let document = try SVGDocument(svg)
        let texts = document.elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("val_loss by run"))
        #expect(texts.contains("lr=0.001") && texts.contains("lr=0.01"))
        let lines = document.elements.filter { $0.name == "path" && $0.attributes["fill"] == "none" }
        #expect(lines.count == 2)
        #expect(lines[0].attributes["stroke"] != lines[1].attributes["stroke"])
        #expect(lines.allSatisfy { $0.attributes["stroke-dasharray"] == nil })
        // 20 and 12 points: one "M" and then an "L" per further point.
        #expect(lines.map { $0.attributes["d"]!.filter { $0 == "L" }.count } == [19, 11])
    }

    @Test func manySeriesGetDistinctColours() {
        let colours = (0..<40).map(LineChart.color)
        #expect(Set(colours).count == 40)
        #expect(Array(colours.prefix(LineChart.palette.count)) == LineChart.palette)
        #expect(colours.allSatisfy { $0.count == 7 && $0.hasPrefix("#") && $0.dropFirst().allSatisfy(\.isHexDigit) })
        #expect(LineChart.hexColor(hue: 0, saturation: 1, lightness: 0.5) == "#FF0000")
        #expect(LineChart.hexColor(hue: 240, saturation: 1, lightness: 0.5) == "#0000FF")
    }
}
