/// One `--set PATH=VALUE` argument, applied to the file's node tree before it is read, so that the
/// result is checked exactly like the file.
///
/// PATH is a dotted list of keys, with list items by index: `training.epochs`,
/// `model.0.lstm.units`, `training.optimizer.learning_rate`. VALUE is YAML: a scalar (`2`, `0.01`,
/// `adam`, `null`) or a flow collection (`{name: sgd, momentum: 0.9}`, `[...]`). A key the file
/// lacks is created, along with the mappings leading to it; whether it is a valid key is then
/// checked like any other. Everything an override writes is placed in its argument (see
/// `Diagnostic`).
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
        var steps: [Step] = []
        var start = 0
        for position in 0...equals where position == equals || characters[position] == "." {
            let place = Place(source: source, line: 1, column: start + 1)
            let key = String(String.UnicodeScalarView(characters[start..<position]))
            guard !key.isEmpty else { throw Problem(place: place, message: "expected a key here") }
            steps.append(Step(key: key, place: place))
            start = position + 1
        }
        self.steps = steps

        let valueOffset = equals + 1
        let text = String(String.UnicodeScalarView(characters[valueOffset...]))
        guard let value = try YAMLDocument.compose(text, source: source, columnOffset: valueOffset) else {
            throw Problem(place: Place(source: source, line: 1, column: valueOffset + 1),
                          message: "no value after `=`; write `null` to unset an optional key")
        }
        self.value = value
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
            items[item] = try setting(rest, in: items[item], path: "\(path)[\(item)]")
            return .sequence(items, place)
        case .some(let node) where !node.isNull:
            throw Problem(place: step.place, message: "\(path) is \(node.described), which has no key `\(step.key)`")
        default:
            let pair = (key: SpecNode.word(step.key, at: step.place), value: try setting(rest, in: nil, path: inner))
            return .mapping([pair], step.place)
        }
    }
}
