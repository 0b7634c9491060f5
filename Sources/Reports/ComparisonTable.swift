/// The ways `runner diff` can print a comparison.
public enum ComparisonFormat: String, CaseIterable, Sendable {
    /// Aligned columns for a terminal.
    case text
    /// Headings and tables, for a pull request or a notebook.
    case markdown
    /// One row per value: `run,item,kind,before,after,change`, for other tools.
    case csv
}

extension ResultsComparison {
    /// The comparison in `format`. Text and Markdown show, for each run that changed, a table of
    /// metric, before, after and change (final and best values and the epoch of the best), the
    /// config keys that differ, and a one-line verdict; an unchanged run gets its verdict only.
    /// CSV has every value of every run, with `kind` one of final, best, best_epoch, config,
    /// trial_added or trial_removed.
    public func rendered(as format: ComparisonFormat) -> String {
        switch format {
        case .text: text()
        case .markdown: markdown()
        case .csv: csv()
        }
    }

    /// One line of the metric table: a metric's final value, best value or best epoch.
    struct Row {
        var metric: String
        var kind: String
        var before: Double?
        var after: Double?
        var isEpoch: Bool

        static func all(of run: RunComparison) -> [Row] {
            run.metrics.flatMap { metric -> [Row] in
                let old = MetricOutcome(run.before, column: metric), new = MetricOutcome(run.after, column: metric)
                var rows = [Row(metric: metric, kind: "final", before: old?.final, after: new?.final, isEpoch: false)]
                if old?.best != nil || new?.best != nil {
                    rows.append(Row(metric: metric, kind: "best", before: old?.best, after: new?.best, isEpoch: false))
                    rows.append(Row(metric: metric, kind: "best_epoch", before: old?.bestEpoch.map(Double.init),
                                    after: new?.bestEpoch.map(Double.init), isEpoch: true))
                }
                return rows
            }
        }

        /// The cells before, after and change; `missing` for an absent value.
        func cells(decimals: Int, missing: String, minus: String) -> [String] {
            let places = isEpoch ? 0 : decimals
            let change = before.flatMap { b in after.map { Signed.text($0 - b, decimals: places, minus: minus) } } ?? ""
            return [before?.fixed(places) ?? missing, after?.fixed(places) ?? missing, change]
        }
    }

    private func text() -> String {
        var out = ["before: \(before)", "after:  \(after)"]
        if !addedTrials.isEmpty { out.append("added trials: " + addedTrials.joined(separator: "; ")) }
        if !removedTrials.isEmpty { out.append("removed trials: " + removedTrials.joined(separator: "; ")) }
        for run in runs {
            out.append("")
            guard run.hasDifferences else {
                out.append("\(run.name): no difference")
                continue
            }
            out.append("\(run.name):")
            let metricRows = Row.all(of: run).map {
                ["\($0.metric) \($0.kind.replacingOccurrences(of: "_", with: " "))"]
                    + $0.cells(decimals: decimals, missing: "—", minus: "−")
            }
            out += Self.aligned([["metric", "before", "after", "change"]] + metricRows, rightAligned: [1, 2, 3])
            if !run.configChanges.isEmpty {
                out.append("")
                out += Self.aligned([["config key", "before", "after"]] + run.configChanges.map { [$0.key, $0.before ?? "—", $0.after ?? "—"] },
                                    rightAligned: [])
            }
            out.append("")
            out.append("\(run.name): \(run.verdict(decimals: decimals))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Lines of `rows` in columns two spaces apart, padded on the left in `rightAligned` columns.
    static func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
    }

    private func markdown() -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        func line(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |" }
        var out = ["# Results compared", "", "- **before**: \(cell(before))", "- **after**: \(cell(after))"]
        if !addedTrials.isEmpty { out.append("- **added trials**: " + cell(addedTrials.joined(separator: "; "))) }
        if !removedTrials.isEmpty { out.append("- **removed trials**: " + cell(removedTrials.joined(separator: "; "))) }
        for run in runs {
            out += ["", "## \(run.name)", "", "**Verdict**: \(run.verdict(decimals: decimals))"]
            guard run.hasDifferences else { continue }
            out += ["", line(["metric", "before", "after", "change"]), "| --- | ---: | ---: | ---: |"]
            out += Row.all(of: run).map {
                line(["\($0.metric) \($0.kind.replacingOccurrences(of: "_", with: " "))"]
                     + $0.cells(decimals: decimals, missing: "—", minus: "−"))
            }
            if !run.configChanges.isEmpty {
                out += ["", line(["config key", "before", "after"]), "| --- | --- | --- |"]
                out += run.configChanges.map { line(["`\($0.key)`", $0.before ?? "—", $0.after ?? "—"]) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func csv() -> String {
        var rows = [["run", "item", "kind", "before", "after", "change"]]
        rows += addedTrials.map { [$0, "", "trial_added", "", "", ""] }
        rows += removedTrials.map { [$0, "", "trial_removed", "", "", ""] }
        for run in runs {
            rows += Row.all(of: run).map { [run.name, $0.metric, $0.kind] + $0.cells(decimals: decimals, missing: "", minus: "-") }
            rows += run.configChanges.map { [run.name, $0.key, "config", $0.before ?? "", $0.after ?? "", ""] }
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") + "\n" }.joined()
    }

    /// A CSV field, quoted (with inner quotes doubled) when it holds a comma, quote or line end.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
