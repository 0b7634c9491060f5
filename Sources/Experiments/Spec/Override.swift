/// One `--set PATH=VALUE` argument, applied to the file's node tree before it is read, so that the
/// result is checked exactly like the file.
///
/// PATH is a dotted list of keys, with list items by index: `training.epochs`,
/// `model.0.lstm.units`, `training.optimizer.learning_rate`. VALUE is YAML: a scalar (`2`, `0.01`,
/// `adam`, `null`) or a flow collection (`{name: sgd, momentum: 0.9}`, `[...]`). A key the file
/// lacks is created, along with the mappings leading to it; whether it is a valid key is then
/// checked like any other. Everything an override writes is placed in its argument (see
/// `Diagnostic`).
///
/// A word set on a list item that is a one-key mapping renames that key and keeps its value, so
/// `model.0=gru` turns `- lstm: {units: 32}` into `- gru: {units: 32}`: a layer changes its type
/// and keeps its settings.
///
/// A sweep's parameters are overrides too (`init(path:at:value:)`), placed at their entries in
/// the experiment file.
struct Override {
    /// One key of the path, and where it is written.
    struct Step {
        var key: String
        var place: Place
    }

    let steps: [Step]
    let value: SpecNode

    /// Parses override number `index` (from 0).
    init(_ argument: String, index: Int) throws(Problem) {
        let source = index + 1
        let characters = Array(argument.unicodeScalars)
        guard let equals = characters.firstIndex(of: "=") else {
            throw Problem(place: Place(source: source, line: 1, column: 1),
                          message: "expected PATH=VALUE, e.g. training.epochs=2")
        }
        steps = try Self.steps(of: String(String.UnicodeScalarView(characters[..<equals])),
                               at: Place(source: source, line: 1, column: 1))

        let valueOffset = equals + 1
        let text = String(String.UnicodeScalarView(characters[valueOffset...]))
        guard let value = try YAMLDocument.compose(text, source: source, columnOffset: valueOffset) else {
            throw Problem(place: Place(source: source, line: 1, column: valueOffset + 1),
                          message: "no value after `=`; write `null` to unset an optional key")
        }
        self.value = value
    }

    /// Sets `value` at the dotted `path`, whose first character is at `place`.
    init(path: String, at place: Place, value: SpecNode) throws(Problem) {
        steps = try Self.steps(of: path, at: place)
        self.value = value
    }

    /// This override's path with another value.
    func setting(_ value: SpecNode) -> Override {
        Override(steps: steps, value: value)
    }

    private init(steps: [Step], value: SpecNode) {
        self.steps = steps
        self.value = value
    }

    /// The keys of a dotted path, each placed at its first character.
    private static func steps(of path: String, at start: Place) throws(Problem) -> [Step] {
        let characters = Array(path.unicodeScalars)
        var steps: [Step] = []
        var first = 0
        for position in 0...characters.count where position == characters.count || characters[position] == "." {
            let place = Place(source: start.source, line: start.line, column: start.column + first)
            let key = String(String.UnicodeScalarView(characters[first..<position]))
            guard !key.isEmpty else { throw Problem(place: place, message: "expected a key here") }
            steps.append(Step(key: key, place: place))
            first = position + 1
        }
        return steps
    }

    /// The dotted path as written.
    var path: String { steps.map(\.key).joined(separator: ".") }

    /// Whether this override renames a layer rather than replacing it: a word set on a list item.
    /// Applied after the others, so that their paths name the layers' types as the file writes them.
    var isRename: Bool {
        Int(steps[steps.count - 1].key) != nil && value.isScalar(.str)
    }

    /// `root` with the value set at the path.
    func apply(to root: SpecNode) throws(Problem) -> SpecNode {
        try setting(steps[...], in: root, path: "")
    }

    /// `node` (nil when absent) with the value set at the `steps` under it; `path` names `node`
    /// in messages.
    private func setting(_ steps: ArraySlice<Step>, in node: SpecNode?, path: String) throws(Problem) -> SpecNode {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        let inner = path.isEmpty ? step.key : "\(path).\(step.key)"
        switch node {
        case .mapping(var pairs, let place):
            if let entry = pairs.firstIndex(where: { $0.key.text == step.key }) {
                pairs[entry].value = try setting(rest, in: pairs[entry].value, path: inner)
            } else {
                pairs.append((SpecNode.word(step.key, at: step.place), try setting(rest, in: nil, path: inner)))
            }
            return .mapping(pairs, place)
        case .sequence(var items, let place):
            guard let item = Int(step.key), items.indices.contains(item) else {
                let count = items.count == 1 ? "1 item" : "\(items.count) items"
                throw Problem(place: step.place,
                              message: "\(path) has \(count), numbered from 0; there is no item `\(step.key)`")
            }
            if rest.isEmpty, value.isScalar(.str), let pairs = items[item].pairs, pairs.count == 1 {
                items[item] = .mapping([(value, pairs[0].value)], items[item].place)
            } else {
                items[item] = try setting(rest, in: items[item], path: "\(path)[\(item)]")
            }
            return .sequence(items, place)
        case .some(let node) where !node.isNull:
            throw Problem(place: step.place, message: "\(path) is \(node.described), which has no key `\(step.key)`")
        default:
            let pair = (key: SpecNode.word(step.key, at: step.place), value: try setting(rest, in: nil, path: inner))
            return .mapping([pair], step.place)
        }
    }
}
