import Datasets
import Foundation

/// Reads experiment files into checked specs.
public enum SpecLoader {
    /// Parses `yaml`, applies the `--set` `overrides` in order (see `Override`), and checks the
    /// result. Keys left out take their defaults.
    ///
    /// - Parameter file: the file's name as the user gave it; diagnostics start with it.
    /// - Throws: `SpecErrors` with every problem found, sorted by place: a YAML syntax error alone
    ///   (nothing can be read past it), otherwise each bad override and each problem of the result.
    ///   Documents that expand past `YAMLDocument.nodeLimit` nodes through aliases, or that use an
    ///   alias as a key, are refused before they are walked.
    public static func load(yaml: String, file: String, overrides: [String] = []) throws -> ExperimentSpec {
        let sources = SourceMap(file: file, overrides: overrides)
        var root: SpecNode
        do {
            root = try YAMLDocument.compose(yaml) ?? .mapping([], .startOfFile)
        } catch {
            throw SpecErrors(diagnostics: sources.diagnostics(for: [error]))
        }
        var problems: [Problem] = []
        for (index, argument) in overrides.enumerated() {
            do {
                root = try Override(argument, index: index).apply(to: root)
            } catch {
                problems.append(error)
            }
        }
        let reader = Reader()
        let spec = reader.experiment(root)
        problems += reader.problems
        guard let spec, problems.isEmpty else {
            throw SpecErrors(diagnostics: sources.diagnostics(for: problems))
        }
        return spec
    }

    /// Reads the file at `url` and loads it as `load(bytes:file:overrides:)` does, naming it by
    /// its path as given. A file that cannot be read is one diagnostic at line 1, column 1.
    public static func load(contentsOf url: URL, overrides: [String] = []) throws -> ExperimentSpec {
        let file = url.relativePath
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SpecErrors(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: "no such file")])
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SpecErrors(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: "cannot read the file")])
        }
        return try load(bytes: Array(data), file: file, overrides: overrides)
    }

    /// Decodes `bytes` as UTF-8 and loads them as `load(yaml:file:overrides:)` does. Bytes that
    /// are not UTF-8 are refused, with the place of the first invalid one: an experiment file
    /// is short and hand-written, and a guess at its encoding could change a value silently.
    public static func load(bytes: [UInt8], file: String, overrides: [String] = []) throws -> ExperimentSpec {
        if let invalid = InvalidUTF8(bytes, file: file) {
            let byte = String(bytes[invalid.offset], radix: 16, uppercase: true)
            throw SpecErrors(diagnostics: [Diagnostic(
                file: file, line: invalid.line, column: invalid.column,
                message: "not UTF-8 text: byte 0x\(byte.count == 1 ? "0" : "")\(byte) at offset \(invalid.offset) "
                    + "does not belong here; save the file as UTF-8")])
        }
        return try load(yaml: String(decoding: bytes, as: UTF8.self), file: file, overrides: overrides)
    }
}
