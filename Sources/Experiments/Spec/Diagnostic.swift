/// One problem in an experiment file, with its place.
///
/// A problem in a `--set` override has `file` set to `--set ARGUMENT`, `line` to the override's
/// position among the overrides (1 for the first) and `column` to the character of the argument
/// where the offending key or value starts (1-based):
///
///     --set model.0.lstm.unit=3:1:14: error: model[0].lstm: unknown key `unit` (did you mean `units`?)
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: message`, the form compilers use, so editors can jump to it.
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// All the problems found in one experiment file and its overrides, in the order of their places:
/// the file's first, then each override's.
public struct SpecErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A problem found while reading, at the place of what it is about.
struct Problem: Error {
    var place: Place
    var message: String
}

/// Turns problems into diagnostics naming the file or the override.
struct SourceMap {
    /// The experiment file's name as given.
    let file: String
    /// The `--set` arguments, in order.
    let overrides: [String]

    /// The diagnostics for `problems`, sorted by place (the file first, then each override);
    /// problems at the same place keep the order they were found in.
    func diagnostics(for problems: [Problem]) -> [Diagnostic] {
        let ordered = problems.enumerated().sorted { a, b in
            a.element.place != b.element.place ? a.element.place < b.element.place : a.offset < b.offset
        }
        return ordered.map { diagnostic(for: $0.element) }
    }

    private func diagnostic(for problem: Problem) -> Diagnostic {
        let place = problem.place
        guard place.source > 0 else {
            return Diagnostic(file: file, line: place.line, column: place.column, message: problem.message)
        }
        return Diagnostic(file: "--set \(overrides[place.source - 1])", line: place.source, column: place.column,
                          message: problem.message)
    }
}
