/// How trial ids name parameters and their values: `units=32,learning_rate=0.001,cell=gru`.
///
/// A parameter is named by its long form's name, or by the last component of its path; when
/// two parameters would share a key, each takes more components of its path until they differ
/// (`0.gru.units`, `1.gru.units`). A value is named by its text as written (`0.001`, `gru`), a
/// layer written out in full by its type (`{lstm: {units: 8}}` is `lstm`), and any other
/// collection by its position in the list (`1`, `2`, ...). Characters other than letters,
/// digits, `_`, `.`, `+` and `-` become `_`, so every id is a valid folder name; when that
/// makes two values of a parameter alike, all its values are named by position.
enum TrialKeys {
    /// The keys of `parameters` in order; a problem when two cannot be told apart.
    static func keys(of parameters: [SweepParameter]) throws(Problem) -> [String] {
        let names = parameters.compactMap(\.name)
        var keys: [String] = []
        for (index, parameter) in parameters.enumerated() {
            if let name = parameter.name {
                if names.filter({ $0 == name }).count > 1 {
                    throw Problem(place: parameter.place, message: "sweep: two parameters are named `\(name)`")
                }
                keys.append(name)
                continue
            }
            let components = parameter.overrides[0].steps.map(\.key)
            let others = parameters.enumerated().filter { $0.offset != index && $0.element.name == nil }
                .map { $0.element.overrides[0].steps.map(\.key) }
            guard let length = (1...components.count + 1).first(where: { length in
                let key = suffix(components, length)
                return !names.contains(key) && !others.contains { suffix($0, length) == key }
            }) else {
                throw Problem(place: parameter.place, message: "sweep: `\(components.joined(separator: "."))` "
                    + "would name a parameter as another one is named; give it a name of its own "
                    + "(`NAME: {paths: [...], values: [...]}`)")
            }
            keys.append(suffix(components, length))
        }
        return keys
    }

    /// The last `length` components of a path (all of them when it has fewer), joined by dots.
    private static func suffix(_ components: [String], _ length: Int) -> String {
        components.suffix(length).joined(separator: ".")
    }

    /// The names of a parameter's listed values, in order.
    static func labels(of values: [SpecNode]) -> [String] {
        let labels = values.map { value -> String in
            if let text = value.text { return sanitized(text) }
            if let pairs = value.pairs, pairs.count == 1, let type = pairs[0].key.text { return sanitized(type) }
            return ""
        }
        if labels.contains("") || Set(labels).count < labels.count {
            return values.indices.map { String($0 + 1) }
        }
        return labels
    }

    /// `text` with every character a folder name or an id should not hold replaced by `_`.
    static func sanitized(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+-")
        return String(text.map { allowed.contains($0) ? $0 : "_" })
    }

    /// The id of a trial: `key=label` pairs joined by commas.
    static func id(keys: [String], labels: [String]) -> String {
        zip(keys, labels).map { "\($0)=\($1)" }.joined(separator: ",")
    }
}
