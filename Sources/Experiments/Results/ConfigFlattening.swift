import Yams

/// A `config.yaml` as dotted keys and scalar values, the form in which two configs are compared.
public enum ConfigFlattening {
    /// The scalars of `yaml` in document order, each under the path of keys and list positions
    /// that leads to it: `model: [{lstm: {units: 32}}]` gives ("model.0.lstm.units", "32"). An
    /// empty map or list is one entry with value "{}" or "[]". `file` names the text in errors.
    public static func flatten(yaml: String, file: String) throws(ResultsError) -> [(key: String, value: String)] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw .unreadable(path: file, reason: "invalid YAML: \(error)")
        }
        var entries: [(key: String, value: String)] = []
        if let root { flatten(root, prefix: "", into: &entries) }
        return entries
    }

    private static func flatten(_ node: Node, prefix: String, into entries: inout [(key: String, value: String)]) {
        func child(_ name: String) -> String { prefix.isEmpty ? name : prefix + "." + name }
        switch node {
        case .mapping(let mapping):
            if mapping.isEmpty { entries.append((prefix, "{}")) }
            for (key, value) in mapping { flatten(value, prefix: child(key.string ?? "\(key)"), into: &entries) }
        case .sequence(let sequence):
            if sequence.isEmpty { entries.append((prefix, "[]")) }
            for (index, value) in sequence.enumerated() { flatten(value, prefix: child(String(index)), into: &entries) }
        case .scalar(let scalar):
            entries.append((prefix, scalar.string))
        case .alias(let alias):
            entries.append((prefix, "*" + alias.anchor.rawValue))
        }
    }
}
