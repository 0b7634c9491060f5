import Foundation
import Testing
@testable import Datasets

@Suite struct TextTableTests {
    /// `text` written to a fresh file called `name`; returns its path.
    static func file(_ name: String, _ text: String) -> String {
        let path = ArchiveWriter.temporaryFolder() + "/" + name
        ArchiveWriter.write(Array(text.utf8), to: path)
        return path
    }

    static func strings(_ rows: TextTable.Rows) -> [String] {
        rows.texts.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func readsCSVWithQuotedFieldsAndAnyColumnOrder() throws {
        let path = Self.file("reviews.csv", "id,label,review\n1,pos,\"Great, really great\"\n2,neg,\"said \"\"meh\"\"\nthen left\"\n\n3,neu,ok\n")
        let rows = try TextTable.rows(at: path, textColumn: "review", labelColumn: "label")
        #expect(Self.strings(rows) == ["Great, really great", "said \"meh\"\nthen left", "ok"])
        #expect(rows.labels == ["pos", "neg", "neu"])
    }

    @Test func readsTSVAndGzippedFiles() throws {
        let path = ArchiveWriter.temporaryFolder() + "/t.tsv.gz"
        ArchiveWriter.write(ArchiveWriter.gzip(Array("text\tclass\nhello, world\t2\nbye\t0\n".utf8)), to: path)
        #expect(TextTable.Format(path: path) == .tsv)
        let rows = try TextTable.rows(at: path, textColumn: "text", labelColumn: "class")
        #expect(Self.strings(rows) == ["hello, world", "bye"] && rows.labels == ["2", "0"])
    }

    @Test func readsJSONLines() throws {
        let path = Self.file("t.jsonl", "{\"text\": \"good film\", \"label\": 1}\n\n{\"label\": \"0\", \"text\": \"bad \\u00e9\"}\n")
        let rows = try TextTable.rows(at: path, textColumn: "text", labelColumn: "label")
        #expect(Self.strings(rows) == ["good film", "bad é"] && rows.labels == ["1", "0"])
    }

    @Test func labelsAreIndicesWhenWholeNumbersAndSortedNamesOtherwise() {
        #expect(TextTable.classNames(of: ["2", "0", "2"]) == ["0", "1", "2"])
        #expect(TextTable.classNames(of: ["sports", "arts", "music", "arts"]) == ["arts", "music", "sports"])
        #expect(TextTable.classNames(of: ["1", "-1"]) == ["-1", "1"])
    }

    @Test func loadNumbersClassesAcrossTrainAndTest() throws {
        let train = Self.file("train.csv", "text,topic\nred apple,fruit\nred car,vehicle\n")
        let test = Self.file("test.csv", "text,topic\ngreen boat,boat\n")
        let data = try TextTable.load(train: train, test: test, textColumn: "text", labelColumn: "topic", vocabularySize: 10, maxLen: 3)
        #expect(data.classNames == ["boat", "fruit", "vehicle"])
        #expect(data.train.labels == [1, 2] && data.validation.labels == [0])
        #expect(data.vocabulary == ["<pad>", "<start>", "<oov>", "red", "apple", "car"])
        #expect(data.train.values == .tokens([1, 3, 4,  1, 3, 5]) && data.validation.values == .tokens([1, 2, 2]))
    }

    @Test func aMissingColumnListsTheColumnsThatExist() {
        let path = Self.file("t.csv", "text,label\nhi,1\n")
        let error = DatasetError.missingColumn(file: path, line: 1, column: "sentiment", available: ["text", "label"])
        #expect(throws: error) { try TextTable.rows(at: path, textColumn: "text", labelColumn: "sentiment") }
        #expect(error.description == "\(path):1: no column \"sentiment\"; the columns are: \"text\", \"label\"")
        let json = Self.file("t.jsonl", "{\"text\": \"a\", \"label\": 1}\n{\"body\": \"b\", \"label\": 0}\n")
        #expect(throws: DatasetError.missingColumn(file: json, line: 2, column: "text", available: ["body", "label"])) {
            try TextTable.rows(at: json, textColumn: "text", labelColumn: "label")
        }
    }

    @Test func aMissingLabelNamesTheLine() {
        let csv = Self.file("t.csv", "text,label\n\"two\nlines\",1\nno label,\n")
        #expect(throws: DatasetError.missingLabel(file: csv, line: 4, column: "label")) {
            try TextTable.rows(at: csv, textColumn: "text", labelColumn: "label")
        }
        let json = Self.file("t.jsonl", "{\"text\": \"a\", \"label\": null}\n")
        #expect(throws: DatasetError.missingLabel(file: json, line: 1, column: "label")) {
            try TextTable.rows(at: json, textColumn: "text", labelColumn: "label")
        }
    }

    @Test func badJSONAndShortRowsAndEmptyFilesAreErrors() {
        let json = Self.file("t.jsonl", "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": \n")
        #expect(throws: DatasetError.badLine(file: json, line: 2, reason: "not valid JSON")) {
            try TextTable.rows(at: json, textColumn: "text", labelColumn: "label")
        }
        let array = Self.file("t.jsonl", "[1, 2]\n")
        #expect(throws: DatasetError.badLine(file: array, line: 1, reason: "not a JSON object")) {
            try TextTable.rows(at: array, textColumn: "text", labelColumn: "label")
        }
        let short = Self.file("t.csv", "text,label\nfine,1\nonly text\n")
        #expect(throws: DatasetError.badLine(file: short, line: 3, reason: "1 fields where the header has 2")) {
            try TextTable.rows(at: short, textColumn: "text", labelColumn: "label")
        }
        let empty = Self.file("t.csv", " \n")
        #expect(throws: DatasetError.emptyFile(path: empty)) { try TextTable.rows(at: empty, textColumn: "text", labelColumn: "label") }
    }
}
