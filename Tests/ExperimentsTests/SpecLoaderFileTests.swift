import Foundation
import Testing
@testable import Experiments

@Suite struct SpecLoaderFileTests {
    @Test func aFileOnDiskIsNamedByItsPathAsGiven() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("exp.yaml")
        try validExperiment.replacingOccurrences(of: "epochs: 2", with: "epochs: x").write(to: file, atomically: true, encoding: .utf8)

        #expect(throws: SpecErrors(diagnostics: [
            Diagnostic(file: file.path, line: 9, column: 11, message: "training.epochs: expected an integer, found `x`"),
        ])) {
            try SpecLoader.load(contentsOf: file)
        }
        #expect(try SpecLoader.load(contentsOf: file, overrides: ["training.epochs=4"]).training.epochs == 4)
    }

    @Test func aMissingFileIsOneDiagnostic() {
        let url = URL(fileURLWithPath: "no/such/experiment.yaml")
        #expect(throws: SpecErrors(diagnostics: [
            Diagnostic(file: "no/such/experiment.yaml", line: 1, column: 1, message: "no such file"),
        ])) {
            try SpecLoader.load(contentsOf: url)
        }
    }

    @Test func errorsPrintOneDiagnosticPerLine() {
        let errors = SpecErrors(diagnostics: [
            Diagnostic(file: "a.yaml", line: 2, column: 3, message: "first"),
            Diagnostic(file: "a.yaml", line: 4, column: 1, message: "second"),
        ])
        #expect(errors.description == "a.yaml:2:3: error: first\na.yaml:4:1: error: second")
    }
}

@Suite struct SpecSuggestionTests {
    @Test func editDistanceCountsSwapsAsOneEdit() {
        #expect(Suggestion.editDistance(Array("ltsm"), Array("lstm")) == 1)
        #expect(Suggestion.editDistance(Array("unit"), Array("units")) == 1)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
    }

    @Test func onlyNearWordsAreSuggested() {
        #expect(Suggestion.nearest(to: "lerning_rate", among: ["learning_rate", "momentum"]) == "learning_rate")
        #expect(Suggestion.nearest(to: "Adam", among: ["sgd", "adam"]) == "adam")
        #expect(Suggestion.nearest(to: "colour", among: ["name", "seed", "data", "model"]) == nil)
    }
}
