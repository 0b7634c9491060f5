/// The small CSV dialect of result files: a header line, then one line per epoch; fields are
/// plain names or numbers (never quoted, never containing commas), lines end with "\n".
enum CSVText {
    /// One data line of a parsed file, with its 1-based line number for error messages.
    struct Line {
        var number: Int
        var fields: [Substring]
    }

    /// The text of a file with the given header and rows of already formatted fields.
    static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.joined(separator: ",") + "\n" }.joined()
    }

    /// Splits `csv` into its header fields and its data lines, checking that every line has as
    /// many fields as the header. Accepts "\r\n" line ends and a missing final line end.
    static func parse(_ csv: String, file: String) throws(ReportError) -> (header: [String], lines: [Line]) {
        // "\r\n" is one Character in Swift, and a newline like "\n".
        var lines = csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if lines.last == "" { lines.removeLast() }
        guard let headerLine = lines.first, !headerLine.isEmpty else {
            throw .malformedCSV(file: file, line: 1, reason: "expected a header line, found an empty file")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var data: [Line] = []
        for (index, text) in lines.enumerated().dropFirst() {
            let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw .malformedCSV(file: file, line: index + 1,
                                    reason: "expected \(header.count) fields as in the header, found \(fields.count)")
            }
            data.append(Line(number: index + 1, fields: fields))
        }
        return (header, data)
    }

    /// The epoch in the first field of `line`: a whole number greater than `previous`.
    static func epoch(of line: Line, after previous: Int, file: String) throws(ReportError) -> Int {
        guard let epoch = Int(line.fields[0]), epoch >= 1 else {
            throw .malformedCSV(file: file, line: line.number,
                                reason: "expected an epoch number (1, 2, ...), found '\(line.fields[0])'")
        }
        guard epoch > previous else {
            throw .malformedCSV(file: file, line: line.number,
                                reason: "epoch \(epoch) follows epoch \(previous); epochs must increase")
        }
        return epoch
    }

    /// The number in field `index` of `line`, or nil for an empty field.
    static func number(in line: Line, at index: Int, column: String, file: String) throws(ReportError) -> Double? {
        let field = line.fields[index]
        if field.isEmpty { return nil }
        guard let value = Double(field) else {
            throw .malformedCSV(file: file, line: line.number,
                                reason: "expected a number in column '\(column)', found '\(field)'")
        }
        return value
    }
}
