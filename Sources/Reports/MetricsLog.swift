/// One epoch's metrics. A metric absent from `values` was not measured in that epoch (no
/// validation set, or no accuracy for a language model).
public struct EpochMetrics: Equatable, Sendable {
    /// The epoch, counted from 1.
    public var epoch: Int
    /// Metric values by column name, e.g. "train_loss", "val_accuracy", "val_perplexity".
    public var values: [String: Double]

    public init(epoch: Int, values: [String: Double]) {
        self.epoch = epoch
        self.values = values
    }
}

/// The metrics of a run, one row per epoch, as written to `metrics.csv`.
public struct MetricsLog: Equatable, Sendable {
    /// The metric columns in the order they are written; "epoch" is always the implicit first
    /// column. Values in a row under names not listed here are not written.
    public var columns: [String]
    /// The epochs, in increasing order.
    public var rows: [EpochMetrics]

    public init(columns: [String], rows: [EpochMetrics] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The epochs that have a value for `column`, with that value, in order.
    public func values(of column: String) -> [(epoch: Int, value: Double)] {
        rows.compactMap { row in row.values[column].map { (row.epoch, $0) } }
    }

    /// The CSV text: header "epoch,<columns>", each value with exactly `decimals` digits after the
    /// point, an empty field for a missing value, "\n" after every line. The same log always
    /// gives the same bytes.
    public func csv(decimals: Int = 4) -> String {
        CSVText.render(
            header: ["epoch"] + columns,
            rows: rows.map { row in
                [String(row.epoch)] + columns.map { row.values[$0]?.fixed(decimals) ?? "" }
            })
    }

    /// Reads back the text `csv(decimals:)` writes. `file` names the source in errors, which
    /// give its line number and what was wrong there.
    public init(csv: String, file: String) throws(ReportError) {
        let (header, lines) = try CSVText.parse(csv, file: file)
        guard header.first == "epoch" else {
            throw .malformedCSV(file: file, line: 1,
                                reason: "expected the header to start with 'epoch', found '\(header[0])'")
        }
        let columns = Array(header.dropFirst())
        if let empty = columns.firstIndex(of: "") {
            throw .malformedCSV(file: file, line: 1, reason: "column \(empty + 2) of the header has no name")
        }
        if let repeated = columns.first(where: { name in columns.filter { $0 == name }.count > 1 }) {
            throw .malformedCSV(file: file, line: 1, reason: "column '\(repeated)' appears more than once")
        }
        var rows: [EpochMetrics] = []
        for line in lines {
            let epoch = try CSVText.epoch(of: line, after: rows.last?.epoch ?? 0, file: file)
            var values: [String: Double] = [:]
            for (index, column) in columns.enumerated() {
                values[column] = try CSVText.number(in: line, at: index + 1, column: column, file: file)
            }
            rows.append(EpochMetrics(epoch: epoch, values: values))
        }
        self.init(columns: columns, rows: rows)
    }
}
