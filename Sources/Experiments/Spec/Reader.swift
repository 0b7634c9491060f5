/// Reads YAML nodes into typed values, collecting every problem instead of stopping at the first.
///
/// A read that fails reports why, at the node's place, and returns nil; the caller carries on with
/// a default so that the rest of the file is still checked. `SpecLoader` throws if anything was
/// reported. Each read names the setting by its path in the file (`model[0].lstm.units`).
final class Reader {
    private(set) var problems: [Problem] = []

    func report(_ message: String, at place: Place) {
        problems.append(Problem(place: place, message: message))
    }

    /// An integer: a plain YAML integer scalar within `interval`.
    func int(_ node: SpecNode, _ path: String, in interval: Interval) -> Int? {
        guard node.isScalar(.int), let value = node.yaml?.int else {
            report("\(path): expected an integer, found \(node.described)", at: node.place)
            return nil
        }
        return check(Double(value), node, path, interval) ? value : nil
    }

    /// A finite number: a plain YAML integer or float scalar within `interval`.
    func double(_ node: SpecNode, _ path: String, in interval: Interval) -> Double? {
        guard node.isScalar(.int) || node.isScalar(.float), let value = node.yaml?.float else {
            report("\(path): expected a number, found \(node.described)", at: node.place)
            return nil
        }
        guard value.isFinite else {
            report("\(path): expected a finite number, found \(node.described)", at: node.place)
            return nil
        }
        return check(value, node, path, interval) ? value : nil
    }

    private func check(_ value: Double, _ node: SpecNode, _ path: String, _ interval: Interval) -> Bool {
        if interval.contains(value) { return true }
        report("\(path): must be \(interval.description), found \(node.text ?? "")", at: node.place)
        return false
    }

    /// `true` or `false` (YAML also reads yes/no and on/off as booleans).
    func bool(_ node: SpecNode, _ path: String) -> Bool? {
        guard node.isScalar(.bool), let value = node.yaml?.bool else {
            report("\(path): expected true or false, found \(node.described)", at: node.place)
            return nil
        }
        return value
    }

    /// The text of any scalar.
    func string(_ node: SpecNode, _ path: String) -> String? {
        guard let text = node.text else {
            report("\(path): expected a string, found \(node.described)", at: node.place)
            return nil
        }
        return text
    }

    /// One of `choices`; `what` names them in the message: "unknown activation `relu6`".
    func choice(_ node: SpecNode, _ path: String, from choices: [String], what: String) -> String? {
        guard let word = string(node, path) else { return nil }
        guard choices.contains(word) else {
            report("\(path): unknown \(what) `\(word)`\(Suggestion.hint(for: word, among: choices)); "
                + "expected one of \(choices.joined(separator: ", "))", at: node.place)
            return nil
        }
        return word
    }

    /// The mapping `node` as a section accepting `keys`. Reports a node that is not a mapping,
    /// and each key the section does not accept.
    ///
    /// A null node (`lstm:` with nothing after it) gives an empty section placed at `fallback`,
    /// whose required keys are reported missing. An absent node gives an empty section too, but
    /// its required keys are not reported: the absence of the section itself is the news.
    func section(_ node: SpecNode?, _ path: String, keys: [String], at fallback: Place) -> Section {
        guard let node else { return Section(path: path, place: fallback, reader: self, checksMissing: false) }
        if node.isNull { return Section(path: path, place: fallback, reader: self) }
        guard let pairs = node.pairs else {
            report(path.isEmpty ? "the file must be a mapping of settings (name:, data:, model:, ...); found \(node.described)"
                   : "\(path): expected a mapping, found \(node.described)", at: node.place)
            return Section(path: path, place: node.place, reader: self, checksMissing: false)
        }
        var section = Section(path: path, place: node.place, reader: self)
        for (key, value) in pairs {
            guard let name = key.text else {
                report(labelled(path, "expected a key, found \(key.described)"), at: key.place)
                continue
            }
            if keys.contains(name) {
                section.entries.append((name, key, value))
            } else {
                report(labelled(path, "unknown key `\(name)`" + Suggestion.hint(for: name, among: keys)), at: key.place)
            }
        }
        return section
    }
}

/// "path: message", or the message alone for the top of the file.
func labelled(_ path: String, _ message: String) -> String {
    path.isEmpty ? message : "\(path): \(message)"
}

/// One mapping of the experiment file, holding the keys it accepts, read one by one.
///
/// Each typed read returns nil when the key is absent or null (the caller keeps its default) or
/// when the value is wrong (the reader has reported it). A `required` key that is absent is
/// reported at the mapping.
struct Section {
    /// Where the mapping sits in the file, as messages name it: "training.optimizer"; "" for the top.
    let path: String
    /// Where the mapping starts; missing keys are reported here.
    let place: Place
    let reader: Reader
    /// False for a node that was not a mapping: its missing keys are not news.
    var checksMissing = true
    /// The accepted keys as written: name, key node, value node.
    fileprivate(set) var entries: [(name: String, key: SpecNode, value: SpecNode)] = []

    /// The path of `key` in messages.
    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The key node of `key`, if written.
    func keyNode(_ key: String) -> SpecNode? { entries.first { $0.name == key }?.key }

    /// The value of `key` unless it is absent or null.
    func value(_ key: String, required: Bool = false) -> SpecNode? {
        guard let entry = entries.first(where: { $0.name == key }) else {
            if required && checksMissing {
                reader.report(labelled(path, "missing required key `\(key)`"), at: place)
            }
            return nil
        }
        guard !entry.value.isNull else {
            if required { reader.report("\(path(key)): needs a value", at: entry.key.place) }
            return nil
        }
        return entry.value
    }

    func int(_ key: String, in interval: Interval, required: Bool = false) -> Int? {
        value(key, required: required).flatMap { reader.int($0, path(key), in: interval) }
    }

    func int(_ key: String, into target: inout Int, in interval: Interval) {
        if let value = int(key, in: interval) { target = value }
    }

    func double(_ key: String, in interval: Interval, required: Bool = false) -> Double? {
        value(key, required: required).flatMap { reader.double($0, path(key), in: interval) }
    }

    func double(_ key: String, into target: inout Double, in interval: Interval) {
        if let value = double(key, in: interval) { target = value }
    }

    func bool(_ key: String, into target: inout Bool) {
        if let value = value(key).flatMap({ reader.bool($0, path(key)) }) { target = value }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        value(key, required: required).flatMap { reader.string($0, path(key)) }
    }

    func choice(_ key: String, from choices: [String], what: String, required: Bool = false) -> String? {
        value(key, required: required).flatMap { reader.choice($0, path(key), from: choices, what: what) }
    }

    func choice(_ key: String, into target: inout String, from choices: [String], what: String) {
        if let value = choice(key, from: choices, what: what) { target = value }
    }

    /// A case of an enumeration named by its raw value.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, as type: Choice.Type, what: String, required: Bool = false
    ) -> Choice? where Choice.RawValue == String {
        choice(key, from: Choice.allCases.map(\.rawValue), what: what, required: required).flatMap(Choice.init)
    }
}
