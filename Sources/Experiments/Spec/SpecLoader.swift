import Datasets
import Foundation

/// Reads experiment files into checked specs.
public enum SpecLoader {
    /// Parses `yaml`, applies the `--set` `overrides` in order (see `Override`), and checks the
    /// result. Keys left out take their defaults.
    ///
    /// A file with a `sweep:` section (after the overrides) gives its trials, each checked: the
    /// file without `sweep:`, with the trial's values set as overrides, type changes of layers
    /// last (see `Override`). Problems that several trials share are reported once, at the sweep's
    /// entry when a trial's value causes them.
    ///
    /// - Parameter file: the file's name as the user gave it; diagnostics start with it.
    /// - Throws: `SpecErrors` with every problem found, sorted by place: a YAML syntax error alone
    ///   (nothing can be read past it), otherwise each bad override and each problem of the result.
    ///   Documents that expand past `YAMLDocument.nodeLimit` nodes through aliases, or that use an
    ///   alias as a key, are refused before they are walked.
    public static func read(yaml: String, file: String, overrides: [String] = []) throws -> ExperimentFile {
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
        let (base, sweepNode) = root.removing("sweep")
        guard let sweepNode, !sweepNode.isNull else {
            let reader = Reader()
            let spec = reader.experiment(root)
            problems += reader.problems
            guard let spec, problems.isEmpty else {
                throw SpecErrors(diagnostics: sources.diagnostics(for: problems))
            }
            return .single(spec)
        }
        let reader = Reader()
        let definition = reader.sweep(sweepNode)
        problems += reader.problems
        guard let definition, problems.isEmpty else { throw SpecErrors(diagnostics: sources.diagnostics(for: problems)) }
        let sweep: Sweep?
        do {
            sweep = try trials(of: SweepExpansion(definition, seed: seed(of: base)), parameters: definition.parameters,
                               base: base, problems: &problems)
        } catch {
            problems.append(error)
            sweep = nil
        }
        guard let sweep, problems.isEmpty else { throw SpecErrors(diagnostics: sources.diagnostics(for: problems)) }
        return .sweep(sweep)
    }

    /// The sweep's trials, each `base` with its values set and checked; problems go into
    /// `problems`, each once.
    private static func trials(of expansion: SweepExpansion, parameters: [SweepParameter], base: SpecNode,
                               problems: inout [Problem]) -> Sweep? {
        var trials: [Trial] = []
        var seen: Set<String> = []
        func note(_ problem: Problem) {
            if seen.insert("\(problem.place)\(problem.message)").inserted { problems.append(problem) }
        }
        for (index, assignment) in expansion.assignments.enumerated() {
            let overrides = zip(parameters, assignment.values).flatMap { parameter, value in
                parameter.overrides.map { $0.setting(value) }
            }
            var root = base
            for override in overrides.filter({ !$0.isRename }) + overrides.filter(\.isRename) {
                do {
                    root = try override.apply(to: root)
                } catch {
                    note(error)
                }
            }
            let reader = Reader()
            let spec = reader.experiment(root)
            reader.problems.forEach(note)
            if let spec {
                trials.append(Trial(number: index + 1, id: assignment.id, labels: assignment.labels, spec: spec))
            }
        }
        guard problems.isEmpty, let name = trials.first?.spec.name else { return nil }
        return Sweep(name: name, keys: expansion.keys, trials: trials)
    }

    /// Reads a file without a `sweep:` section, as `read(yaml:file:overrides:)` does.
    /// - Throws: `SpecErrors` as `read` does, and one at the top of the file if it is a sweep.
    public static func load(yaml: String, file: String, overrides: [String] = []) throws -> ExperimentSpec {
        try single(read(yaml: yaml, file: file, overrides: overrides), file: file)
    }

    /// The one experiment of `read`, or an error naming `file` for a sweep.
    private static func single(_ read: ExperimentFile, file: String) throws -> ExperimentSpec {
        switch read {
        case .single(let spec):
            return spec
        case .sweep(let sweep):
            throw SpecErrors(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message:
                "this file is a sweep of \(sweep.trials.count) trials; run it with `runner sweep`, or one trial with `--trial ID`")])
        }
    }

    /// The seed a random sweep draws from: the file's `seed`, or the default when it has none
    /// that reads (the trials report a bad one).
    private static func seed(of root: SpecNode) -> UInt64 {
        let node = root.pairs?.first { $0.key.text == "seed" }?.value
        return node.flatMap { $0.isScalar(.int) ? $0.yaml?.int : nil }.flatMap { UInt64(exactly: $0) } ?? 42
    }

    /// Reads the file at `url` as `read(yaml:file:overrides:)` does, naming it by its path as
    /// given. A file that cannot be read is one diagnostic at line 1, column 1.
    public static func read(contentsOf url: URL, overrides: [String] = []) throws -> ExperimentFile {
        let file = url.relativePath
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SpecErrors(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: "no such file")])
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SpecErrors(diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: "cannot read the file")])
        }
        return try read(bytes: Array(data), file: file, overrides: overrides)
    }

    /// Decodes `bytes` as UTF-8 and reads them as `read(yaml:file:overrides:)` does. Bytes that
    /// are not UTF-8 are refused, with the place of the first invalid one: an experiment file
    /// is short and hand-written, and a guess at its encoding could change a value silently.
    public static func read(bytes: [UInt8], file: String, overrides: [String] = []) throws -> ExperimentFile {
        if let invalid = InvalidUTF8(bytes, file: file) {
            let byte = String(bytes[invalid.offset], radix: 16, uppercase: true)
            throw SpecErrors(diagnostics: [Diagnostic(
                file: file, line: invalid.line, column: invalid.column,
                message: "not UTF-8 text: byte 0x\(byte.count == 1 ? "0" : "")\(byte) at offset \(invalid.offset) "
                    + "does not belong here; save the file as UTF-8")])
        }
        return try read(yaml: String(decoding: bytes, as: UTF8.self), file: file, overrides: overrides)
    }

    /// Reads a file without a `sweep:` section at `url`, as `load(yaml:file:overrides:)` does.
    public static func load(contentsOf url: URL, overrides: [String] = []) throws -> ExperimentSpec {
        try single(read(contentsOf: url, overrides: overrides), file: url.relativePath)
    }
}
