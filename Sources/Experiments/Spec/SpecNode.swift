import Yams

/// Where something is written: in the experiment file, or in one of the `--set` arguments.
struct Place: Comparable {
    /// 0 for the file; `i + 1` for override number `i`.
    var source: Int
    /// From 1. Always 1 in an override.
    var line: Int
    /// From 1, counted in Unicode scalars as libYAML counts them.
    var column: Int

    static let startOfFile = Place(source: 0, line: 1, column: 1)

    static func < (a: Place, b: Place) -> Bool {
        (a.source, a.line, a.column) < (b.source, b.line, b.column)
    }
}

/// A node of the YAML tree with its place: the tree Yams composes, with aliases expanded and
/// marks turned into places, so that overrides can edit it and place what they add.
enum SpecNode {
    /// A Yams scalar node, which knows its YAML type and how to read it as a number or boolean.
    case scalar(Node, Place)
    case mapping([(key: SpecNode, value: SpecNode)], Place)
    case sequence([SpecNode], Place)

    /// This mapping without `key`, and the value it had; the node itself when it is not a mapping.
    func removing(_ key: String) -> (rest: SpecNode, value: SpecNode?) {
        guard case .mapping(var pairs, let place) = self,
              let index = pairs.firstIndex(where: { $0.key.text == key }) else { return (self, nil) }
        let value = pairs.remove(at: index).value
        return (.mapping(pairs, place), value)
    }

    /// The tree of `node`, composed from a text that starts at `columnOffset + 1` of `source`
    /// and ends at `end` (the place just after its last character). libYAML marks what it finds
    /// at the end of a text without a final line break (an empty document, a last value left
    /// out) on the line after; such nodes are placed at `end`.
    /// Call only on trees known to be small (`YAMLDocument.isTooLarge`): aliases are expanded.
    init(_ node: Node, source: Int, columnOffset: Int = 0, end: YAMLDocument.Position) {
        let mark = node.mark.map { YAMLDocument.Position(line: $0.line, column: $0.column) } ?? .init(line: 1, column: 1)
        let inside = mark.line > end.line ? end : mark
        let place = Place(source: source, line: inside.line, column: inside.column + columnOffset)
        func child(_ node: Node) -> SpecNode { SpecNode(node, source: source, columnOffset: columnOffset, end: end) }
        switch node {
        case .mapping(let mapping):
            self = .mapping(mapping.map { pair in (child(pair.key), child(pair.value)) }, place)
        case .sequence(let sequence):
            self = .sequence(sequence.map(child), place)
        case .scalar, .alias:
            self = .scalar(node, place)
        }
    }

    /// A plain scalar, as an override writes a key.
    static func word(_ text: String, at place: Place) -> SpecNode {
        .scalar(Node(text), place)
    }

    var place: Place {
        switch self {
        case .scalar(_, let place), .mapping(_, let place), .sequence(_, let place): return place
        }
    }

    /// The Yams node of a scalar.
    var yaml: Node? {
        if case .scalar(let node, _) = self { return node }
        return nil
    }

    /// The text of a scalar.
    var text: String? { yaml?.scalar?.string }

    var pairs: [(key: SpecNode, value: SpecNode)]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    var items: [SpecNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// Whether YAML types this scalar as `type` (`12` is an int, `"12"` a string).
    func isScalar(_ type: Tag.Name) -> Bool {
        yaml.map { $0.scalar != nil && $0.tag.rawValue == type.rawValue } ?? false
    }

    /// `~`, `null` or nothing at all.
    var isNull: Bool { isScalar(.null) }

    /// The node as messages show it: "`abc`", "a mapping", "a list", "nothing".
    var described: String {
        switch self {
        case .scalar:
            guard let text, !isNull else { return "nothing" }
            return text.isEmpty ? "an empty string" : "`\(text)`"
        case .mapping(let pairs, _): return pairs.isEmpty ? "an empty mapping" : "a mapping"
        case .sequence: return "a list"
        }
    }
}
