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

    /// Reads the file at `url` and loads it as `load(yaml:file:overrides:)` does, naming it by
    /// its path as given. A file that cannot be read is one diagnostic at line 1, column 1.
    public static func load(contentsOf url: URL, overrides: [String] = []) throws -> ExperimentSpec {
        let file = url.relativePath
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SpecErrors(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: "no such file")])
        }
        guard let data = FileManager.default.contents(atPath: url.path),
              let yaml = String(data: data, encoding: .utf8) else {
            throw SpecErrors(diagnostics: [
                Diagnostic(file: file, line: 1, column: 1, message: "cannot read the file as UTF-8 text"),
            ])
        }
        return try load(yaml: yaml, file: file, overrides: overrides)
    }
}
