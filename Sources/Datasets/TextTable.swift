import CSV
import Foundation

/// Labelled texts in a table: CSV or TSV with a header row, or JSON Lines (one JSON object per
/// line), plain or gzipped.
///
/// One column holds the text and one the label. Labels are either all whole numbers from 0,
/// the class indices themselves (class names "0", "1", …), or names, numbered in sorted order.
/// Line numbers in errors count from 1, the header being line 1 in CSV and TSV.
public enum TextTable {
    /// How a table is written.
    public enum Format: String, Sendable, CaseIterable {
        /// Comma-separated values with a header row (RFC 4180 quoting).
        case csv
        /// Tab-separated values with a header row.
        case tsv
        /// One JSON object per line; blank lines are skipped.
        case jsonLines

        /// The format a file name suggests: `.tsv` or `.tab` TSV, `.jsonl` or `.ndjson` JSON
        /// Lines, anything else CSV; a final `.gz` is looked through.
        public init(path: String) {
            let name = path.lowercased().hasSuffix(".gz") ? String(path.lowercased().dropLast(3)) : path.lowercased()
            if name.hasSuffix(".tsv") || name.hasSuffix(".tab") {
                self = .tsv
            } else if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") {
                self = .jsonLines
            } else {
                self = .csv
            }
        }
    }

    /// The rows of one table: each text and its label as written.
    public struct Rows: Equatable, Sendable {
        /// Each row's text, UTF-8.
        public var texts: [[UInt8]] = []
        /// Each row's label, as the file writes it (a JSON number as its decimal digits).
        public var labels: [String] = []
        /// The file, when it is not valid UTF-8 (read with replacement characters).
        public var invalidUTF8: [InvalidUTF8] = []
    }

    /// The texts and labels of the table at `path`, in the format its name suggests unless
    /// `format` is given.
    public static func rows(at path: String, textColumn: String, labelColumn: String, format: Format? = nil) throws(DatasetError) -> Rows {
        let bytes = try DataFiles.read(path)
        guard bytes.contains(where: { !Character(UnicodeScalar($0)).isWhitespace }) else { throw .emptyFile(path: path) }
        let text = String(decoding: bytes, as: UTF8.self)
        var rows: Rows
        switch format ?? Format(path: path) {
        case .csv: rows = try delimitedRows(text, delimiter: ",", file: path, textColumn: textColumn, labelColumn: labelColumn)
        case .tsv: rows = try delimitedRows(text, delimiter: "\t", file: path, textColumn: textColumn, labelColumn: labelColumn)
        case .jsonLines: rows = try jsonRows(text, file: path, textColumn: textColumn, labelColumn: labelColumn)
        }
        rows.invalidUTF8 = InvalidUTF8(bytes, file: path).map { [$0] } ?? []
        return rows
    }

    /// The class names of `labels`: "0" to the largest when every label is a whole number of at
    /// least 0, else the distinct labels sorted.
    public static func classNames(of labels: [String]) -> [String] {
        let numbers = labels.map { Int($0) }
        if !labels.isEmpty, numbers.allSatisfy({ $0 != nil && $0! >= 0 }) {
            return (0...numbers.map { $0! }.max()!).map(String.init)
        }
        return Set(labels).sorted()
    }

    /// The table at `train` (and the one at `test`, the validation split, when given) ready for
    /// training (see `SequenceDataset.init(encoding:…)`); the class names come from the labels
    /// of both. Without `test` the validation split is empty.
    public static func load(
        train: String, test: String? = nil, textColumn: String, labelColumn: String, format: Format? = nil,
        vocabularySize: Int, maxLen: Int, padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre
    ) throws(DatasetError) -> SequenceDataset {
        let trainRows = try rows(at: train, textColumn: textColumn, labelColumn: labelColumn, format: format)
        let testRows = try test.map { (path) throws(DatasetError) in
            try rows(at: path, textColumn: textColumn, labelColumn: labelColumn, format: format)
        }
        let classNames = classNames(of: trainRows.labels + (testRows?.labels ?? []))
        let index = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, Int32($0)) })
        func labelled(_ rows: Rows) -> LabelledTexts {
            // A whole-number label such as "007" names class 7.
            LabelledTexts(texts: rows.texts, labels: rows.labels.map { index[$0] ?? Int32(Int($0)!) }, invalidUTF8: rows.invalidUTF8)
        }
        return SequenceDataset(
            encoding: labelled(trainRows), validation: testRows.map(labelled) ?? LabelledTexts(), classNames: classNames,
            vocabularySize: vocabularySize, maxLen: maxLen, padding: padding, truncating: truncating)
    }

    /// The rows of CSV or TSV `text`, read by CSV.swift.
    private static func delimitedRows(
        _ text: String, delimiter: UnicodeScalar, file: String, textColumn: String, labelColumn: String
    ) throws(DatasetError) -> Rows {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw .badLine(file: file, line: 1, reason: "the header row cannot be read (\(error))")
        }
        let header = reader.headerRow ?? []
        guard let textIndex = header.firstIndex(of: textColumn) else {
            throw .missingColumn(file: file, line: 1, column: textColumn, available: header)
        }
        guard let labelIndex = header.firstIndex(of: labelColumn) else {
            throw .missingColumn(file: file, line: 1, column: labelColumn, available: header)
        }
        var rows = Rows()
        var line = 1 + header.reduce(0) { $0 + newlines($1) }
        while let fields = reader.next() {
            line += 1
            defer { line += fields.reduce(0) { $0 + newlines($1) } }
            if fields == [""] { continue }  // a blank line
            guard fields.count == header.count else {
                throw .badLine(file: file, line: line, reason: "\(fields.count) fields where the header has \(header.count)")
            }
            guard !fields[labelIndex].isEmpty else { throw .missingLabel(file: file, line: line, column: labelColumn) }
            rows.texts.append(Array(fields[textIndex].utf8))
            rows.labels.append(fields[labelIndex])
        }
        if let error = reader.error { throw .badLine(file: file, line: line, reason: "\(error)") }
        if rows.labels.isEmpty { throw .noRows(file: file) }
        return rows
    }

    /// The number of line breaks in a field that spans lines.
    private static func newlines(_ field: String) -> Int {
        field.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The rows of JSON Lines `text`, each line parsed by `JSONSerialization`.
    private static func jsonRows(_ text: String, file: String, textColumn: String, labelColumn: String) throws(DatasetError) -> Rows {
        var rows = Rows()
        for (i, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = i + 1
            guard content.contains(where: { !$0.isWhitespace }) else { continue }
            let parsed = try? JSONSerialization.jsonObject(with: Data(content.utf8))
            guard let object = parsed as? [String: Any] else {
                throw .badLine(file: file, line: line, reason: parsed == nil ? "not valid JSON" : "not a JSON object")
            }
            guard let textValue = object[textColumn] else {
                throw .missingColumn(file: file, line: line, column: textColumn, available: object.keys.sorted())
            }
            guard let text = textValue as? String else {
                throw .badLine(file: file, line: line, reason: "the value of \"\(textColumn)\" is not a string")
            }
            guard let label = object[labelColumn].flatMap(labelText) else {
                throw .missingLabel(file: file, line: line, column: labelColumn)
            }
            rows.texts.append(Array(text.utf8))
            rows.labels.append(label)
        }
        return rows
    }

    /// A JSON label as text: a non-empty string as it is, a whole number as its digits; `nil`
    /// for `null`, an empty string or anything else.
    private static func labelText(_ value: Any) -> String? {
        if let string = value as? String { return string.isEmpty ? nil : string }
        if let number = value as? NSNumber {
            return Double(number.int64Value) == number.doubleValue ? String(number.int64Value) : nil
        }
        return nil
    }
}
