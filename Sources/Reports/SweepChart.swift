/// `sweep.svg`: the trials ranked by their best value of the monitored metric, one dot per
/// trial on a shared axis, best at the top; below it, every ranked trial's curve of that metric
/// overlaid (a `LineChart`), each trial in the same colour in both parts.
struct SweepChart {
    var results: SweepResults

    /// Height of one trial's row in the ranking.
    static let row = 22.0
    /// Space above the rows (title) and below them (axis labels).
    static let top = 48.0, bottom = 52.0
    /// Width of the value column right of the plot.
    static let valueWidth = 72.0

    func svg() -> String {
        let ranked = results.ranked
        let monitor = results.monitor
        // Labels read "12. units=32,lr=0.001": the id and up to five characters of rank.
        let labelWidth = min(360, 16 + Double((ranked.map(\.id.count).max() ?? 0) + 5) * LineChart.Layout.characterWidth)
        let width = Double(LineChart.Layout.width)
        let rankingHeight = Self.top + Double(max(ranked.count, 1)) * Self.row + Self.bottom
        let height = rankingHeight + Double(LineChart.Layout.height)
        var out = SVGWriter()
        out.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", width.fixed(0)), ("height", height.fixed(0)),
                         ("viewBox", "0 0 \(width.fixed(0)) \(height.fixed(0))"), ("font-family", "sans-serif"),
                         ("font-size", "12")])
        let title = "\(results.name) — best \(monitor) by trial"
        out.element("title", text: title)
        out.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
        out.element("text", [("x", (width / 2).fixed(2)), ("y", "28"), ("text-anchor", "middle"), ("font-size", "16"),
                             ("font-weight", "bold"), ("fill", "#222")], text: title)

        let left = labelWidth, right = width - Self.valueWidth
        let values = ranked.map { $0.bestValue! }
        let limits = Charts.kinds.first { monitor.hasSuffix($0.metric) }?.yLimits ?? -Double.infinity...Double.infinity
        let axis = AxisScale(low: values.min() ?? 0, high: values.max() ?? 1, padding: 0.05, snapToTicks: true,
                             tickCount: 6, limits: limits)
        func x(_ value: Double) -> Double { left + (value - axis.lower) / (axis.upper - axis.lower) * (right - left) }
        let plotBottom = Self.top + Double(max(ranked.count, 1)) * Self.row

        out.open("g", [("stroke", "#e4e4e4"), ("stroke-width", "1")])
        for tick in axis.ticks {
            out.element("line", [("x1", x(tick).fixed(2)), ("y1", Self.top.fixed(2)), ("x2", x(tick).fixed(2)),
                                 ("y2", plotBottom.fixed(2))])
        }
        out.close("g")
        out.open("g", [("fill", "#444"), ("text-anchor", "middle")])
        for tick in axis.ticks {
            out.element("text", [("x", x(tick).fixed(2)), ("y", (plotBottom + 18).fixed(2))], text: tick.fixed(axis.decimals))
        }
        out.close("g")
        out.element("text", [("x", ((left + right) / 2).fixed(2)), ("y", (plotBottom + 40).fixed(2)),
                             ("text-anchor", "middle"), ("font-size", "13"), ("fill", "#222")],
                    text: "best \(monitor) (rank by \(MetricGoal(metric: monitor) == .maximize ? "highest" : "lowest"))")
        if ranked.isEmpty {
            out.element("text", [("x", ((left + right) / 2).fixed(2)), ("y", (Self.top + Self.row * 0.6).fixed(2)),
                                 ("text-anchor", "middle"), ("fill", "#888")], text: "no finished trial")
        }
        for (rank, trial) in ranked.enumerated() {
            let y = Self.top + Self.row * (Double(rank) + 0.5)
            let color = LineChart.color(rank)
            out.element("line", [("x1", left.fixed(2)), ("y1", y.fixed(2)), ("x2", x(values[rank]).fixed(2)), ("y2", y.fixed(2)),
                                 ("stroke", color), ("stroke-width", "2"), ("stroke-opacity", "0.35")])
            out.element("circle", [("cx", x(values[rank]).fixed(2)), ("cy", y.fixed(2)), ("r", "5"), ("fill", color)])
            out.element("text", [("x", (left - 8).fixed(2)), ("y", (y + 4).fixed(2)), ("text-anchor", "end"), ("fill", "#222")],
                        text: "\(rank + 1). \(trial.id)")
            out.element("text", [("x", (right + 8).fixed(2)), ("y", (y + 4).fixed(2)), ("fill", "#222")],
                        text: values[rank].fixed(results.decimals))
        }

        let curves = ranked.map { trial in
            LineChart.Series(name: trial.id, points: trial.log!.values(of: monitor).map { (x: Double($0.epoch), y: $0.value) })
        }
        LineChart(title: "\(monitor) by epoch", xLabel: "epoch", yLabel: monitor, series: curves, yLimits: limits)
            .draw(into: &out, top: rankingHeight)
        out.close("svg")
        return out.text
    }
}
