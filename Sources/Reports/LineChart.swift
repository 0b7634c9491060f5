/// A line chart of one or more series against a shared x axis, drawn as a standalone SVG.
///
/// The picture: a title, a framed plot area with gridlines at "nice" ticks, axis labels, one
/// coloured line per series (with markers when there are few points) and a legend to the right
/// of the plot, where it never covers the data. The SVG text depends only on the chart's
/// contents, so the same chart is always the same bytes.
public struct LineChart: Sendable {
    /// One line of the chart.
    public struct Series: Sendable {
        /// The name shown in the legend.
        public var name: String
        /// The points in drawing order. Points with a non-finite coordinate are left out, and
        /// the line breaks there.
        public var points: [(x: Double, y: Double)]
        /// Draws the line dashed, with hollow markers: the usual look of a validation curve.
        public var dashed: Bool

        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false) {
            self.name = name
            self.points = points
            self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// The y axis never extends past these values for padding or rounding to a tick (data
    /// outside them is still shown): 0...1 keeps an accuracy axis within [0, 1].
    public var yLimits: ClosedRange<Double>

    public init(title: String, xLabel: String, yLabel: String, series: [Series],
                yLimits: ClosedRange<Double> = -Double.infinity...Double.infinity) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.yLimits = yLimits
    }

    /// Series colours, from the Okabe–Ito palette that colour-blind readers can tell apart.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// The chart as an SVG document of 720 × 420 user units.
    public func svg() -> String {
        var out = SVGWriter()
        draw(into: &out)
        return out.text
    }

    /// Writes the chart as an `svg` element of 720 × 420 user units: the whole document, or
    /// with `top` a nested element that far down a larger picture.
    func draw(into out: inout SVGWriter, top: Double? = nil) {
        let layout = Layout(chart: self)
        out.open("svg", [("xmlns", "http://www.w3.org/2000/svg")] + (top.map { [("y", $0.fixed(2))] } ?? [])
                 + [("width", "\(Layout.width)"), ("height", "\(Layout.height)"),
                    ("viewBox", "0 0 \(Layout.width) \(Layout.height)"), ("font-family", "sans-serif"), ("font-size", "12")])
        out.element("title", text: title)
        out.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
        out.element("text", [("x", layout.plot.centerX.fixed(2)), ("y", "28"), ("text-anchor", "middle"),
                             ("font-size", "16"), ("font-weight", "bold"), ("fill", "#222")], text: title)
        drawAxes(layout, &out)
        if layout.isEmpty {
            out.element("text", [("x", layout.plot.centerX.fixed(2)), ("y", layout.plot.centerY.fixed(2)),
                                 ("text-anchor", "middle"), ("fill", "#888")], text: "no data")
        }
        for (index, line) in series.enumerated() {
            drawSeries(line, color: Self.color(index), layout, &out)
        }
        drawLegend(layout, &out)
        out.close("svg")
    }

    /// The colour of series `index`: the palette first, then hues spread by the golden angle
    /// (about 137.5°) at a fixed saturation and lightness, so any number of series, as in an
    /// overlay of many runs, get colours that all differ.
    static func color(_ index: Int) -> String {
        if index < palette.count { return palette[index] }
        let hue = (Double(index - palette.count) * 137.508 + 20).truncatingRemainder(dividingBy: 360)
        return hexColor(hue: hue, saturation: 0.7, lightness: 0.42)
    }

    /// "#RRGGBB" of a colour given as hue (degrees), saturation and lightness (0...1).
    static func hexColor(hue: Double, saturation: Double, lightness: Double) -> String {
        let chroma = (1 - abs(2 * lightness - 1)) * saturation
        let sector = hue / 60
        let second = chroma * (1 - abs(sector.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(sector) {
        case 0: (chroma, second, 0)
        case 1: (second, chroma, 0)
        case 2: (0, chroma, second)
        case 3: (0, second, chroma)
        case 4: (second, 0, chroma)
        default: (chroma, 0, second)
        }
        let base = lightness - chroma / 2
        let hex = Array("0123456789ABCDEF")
        return "#" + [r, g, b].map { channel -> String in
            let byte = Int(((channel + base) * 255).rounded())
            return String([hex[byte / 16], hex[byte % 16]])
        }.joined()
    }

    /// Gridlines, frame, tick labels and axis labels.
    private func drawAxes(_ layout: Layout, _ out: inout SVGWriter) {
        let plot = layout.plot
        out.open("g", [("stroke", "#e4e4e4"), ("stroke-width", "1")])
        for tick in layout.x.ticks {
            let x = layout.xPosition(tick).fixed(2)
            out.element("line", [("x1", x), ("y1", plot.top.fixed(2)), ("x2", x), ("y2", plot.bottom.fixed(2))])
        }
        for tick in layout.y.ticks {
            let y = layout.yPosition(tick).fixed(2)
            out.element("line", [("x1", plot.left.fixed(2)), ("y1", y), ("x2", plot.right.fixed(2)), ("y2", y)])
        }
        out.close("g")
        out.element("rect", [("x", plot.left.fixed(2)), ("y", plot.top.fixed(2)), ("width", (plot.right - plot.left).fixed(2)),
                             ("height", (plot.bottom - plot.top).fixed(2)), ("fill", "none"), ("stroke", "#888")])

        out.open("g", [("fill", "#444")])
        for tick in layout.x.ticks {
            out.element("text", [("x", layout.xPosition(tick).fixed(2)), ("y", (plot.bottom + 18).fixed(2)),
                                 ("text-anchor", "middle")], text: tick.fixed(layout.x.decimals))
        }
        for tick in layout.y.ticks {
            out.element("text", [("x", (plot.left - 8).fixed(2)), ("y", (layout.yPosition(tick) + 4).fixed(2)),
                                 ("text-anchor", "end")], text: tick.fixed(layout.y.decimals))
        }
        out.close("g")

        out.element("text", [("x", plot.centerX.fixed(2)), ("y", (plot.bottom + 42).fixed(2)), ("text-anchor", "middle"),
                             ("font-size", "13"), ("fill", "#222")], text: xLabel)
        let yLabelY = plot.centerY.fixed(2)
        out.element("text", [("x", "20"), ("y", yLabelY), ("text-anchor", "middle"), ("font-size", "13"),
                             ("fill", "#222"), ("transform", "rotate(-90 20 \(yLabelY))")], text: yLabel)
    }

    /// One series: its line, broken at missing points, and its markers.
    private func drawSeries(_ line: Series, color: String, _ layout: Layout, _ out: inout SVGWriter) {
        var path = ""
        var penDown = false
        var markers: [(String, String)] = []
        for point in line.points {
            guard point.x.isFinite, point.y.isFinite else {
                penDown = false
                continue
            }
            let x = layout.xPosition(point.x).fixed(2), y = layout.yPosition(point.y).fixed(2)
            path += (penDown ? "L" : "M") + x + " " + y
            penDown = true
            markers.append((x, y))
        }
        guard !markers.isEmpty else { return }
        out.element("path", [("d", path), ("fill", "none")] + lineStyle(color: color, dashed: line.dashed)
                    + [("stroke-linejoin", "round")])
        if line.hasMarkers {
            out.open("g", markerStyle(color: color, dashed: line.dashed))
            for (x, y) in markers {
                out.element("circle", [("cx", x), ("cy", y), ("r", "3.5")])
            }
            out.close("g")
        }
    }

    /// Lines two units wide, dashed for series that ask for it.
    private func lineStyle(color: String, dashed: Bool) -> [(String, String)] {
        [("stroke", color), ("stroke-width", "2")] + (dashed ? [("stroke-dasharray", "7 4")] : [])
    }

    /// Filled markers for solid lines, hollow ones for dashed lines.
    private func markerStyle(color: String, dashed: Bool) -> [(String, String)] {
        dashed ? [("fill", "white"), ("stroke", color), ("stroke-width", "1.5")] : [("fill", color)]
    }

    /// The legend, in a box to the right of the plot area.
    private func drawLegend(_ layout: Layout, _ out: inout SVGWriter) {
        guard !series.isEmpty else { return }
        let left = layout.plot.right + Layout.legendGap, top = layout.plot.top
        let height = Double(series.count) * Layout.legendRow + 8
        out.element("rect", [("x", left.fixed(2)), ("y", top.fixed(2)), ("width", layout.legendWidth.fixed(2)),
                             ("height", height.fixed(2)), ("fill", "white"), ("stroke", "#ccc"), ("rx", "3")])
        for (index, line) in series.enumerated() {
            let color = Self.color(index)
            let y = top + 4 + Layout.legendRow * (Double(index) + 0.5)
            out.element("line", [("x1", (left + 8).fixed(2)), ("y1", y.fixed(2)), ("x2", (left + 36).fixed(2)),
                                 ("y2", y.fixed(2))] + lineStyle(color: color, dashed: line.dashed))
            if line.hasMarkers {
                out.open("g", markerStyle(color: color, dashed: line.dashed))
                out.element("circle", [("cx", (left + 22).fixed(2)), ("cy", y.fixed(2)), ("r", "3.5")])
                out.close("g")
            }
            out.element("text", [("x", (left + 44).fixed(2)), ("y", (y + 4).fixed(2)), ("fill", "#222")],
                        text: line.name)
        }
    }
}

extension LineChart.Series {
    /// Series with at most this many points get a marker at every point, here and in the legend.
    static let markerLimit = 40

    var hasMarkers: Bool {
        points.filter { $0.x.isFinite && $0.y.isFinite }.count <= Self.markerLimit
    }
}

extension LineChart {
    /// The rectangle inside the axes, in SVG user units (y grows downwards).
    struct PlotArea {
        var left, top, right, bottom: Double
        var centerX: Double { (left + right) / 2 }
        var centerY: Double { (top + bottom) / 2 }
    }

    /// Where everything goes: the plot rectangle, the axes, and the mapping from data to it.
    struct Layout {
        static let width = 720, height = 420
        static let legendGap = 16.0, legendRow = 22.0
        /// An estimate of the width of a character of 12-unit sans-serif text, for sizing the legend.
        static let characterWidth = 7.0

        var plot: PlotArea
        var x: AxisScale
        var y: AxisScale
        var legendWidth: Double
        /// No series has a finite point.
        var isEmpty: Bool

        init(chart: LineChart) {
            let points = chart.series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
            isEmpty = points.isEmpty
            let xs = points.map(\.x), ys = points.map(\.y)
            let wholeX = xs.allSatisfy { $0 == $0.rounded() }
            x = AxisScale(low: xs.min() ?? 1, high: xs.max() ?? 1, padding: 0.03, snapToTicks: false,
                          tickCount: 8, wholeSteps: wholeX)
            let yLow = ys.min() ?? max(0, chart.yLimits.lowerBound)
            let yHigh = ys.max() ?? min(1, chart.yLimits.upperBound)
            y = AxisScale(low: yLow, high: yHigh, padding: 0.05, snapToTicks: true, tickCount: 6,
                          limits: chart.yLimits)
            let longestName = chart.series.map(\.name.count).max() ?? 0
            legendWidth = chart.series.isEmpty ? 0 : 52 + Double(longestName) * Self.characterWidth
            let right = Double(Self.width) - 16 - (chart.series.isEmpty ? 0 : legendWidth + Self.legendGap)
            plot = PlotArea(left: 72, top: 48, right: right, bottom: Double(Self.height) - 56)
        }

        /// The horizontal position of x value `value`.
        func xPosition(_ value: Double) -> Double {
            plot.left + (value - x.lower) / (x.upper - x.lower) * (plot.right - plot.left)
        }

        /// The vertical position of y value `value`.
        func yPosition(_ value: Double) -> Double {
            plot.bottom - (value - y.lower) / (y.upper - y.lower) * (plot.bottom - plot.top)
        }
    }
}
