import Yams

/// Turning text into a tree of YAML nodes, with YAML's own errors as problems with a place.
///
/// The text is the experiment file (`source` 0) or the value of a `--set` argument (`source`
/// `i + 1`, starting after the argument's first `columnOffset` characters).
enum YAMLDocument {
    /// Far more nodes than a hand-written experiment has. A tree larger than this comes from
    /// aliases that expand exponentially (a "billion laughs" file) and is refused before anything
    /// walks it.
    static let nodeLimit = 100_000

    /// The root node of `text`; nil for a document with nothing in it.
    static func compose(_ text: String, source: Int = 0, columnOffset: Int = 0) throws(Problem) -> SpecNode? {
        let start = Place(source: source, line: 1, column: columnOffset + 1)
        if let alias = AliasKeyScan.firstAliasKey(in: text) {
            throw Problem(place: Place(source: source, line: alias.line, column: alias.column + columnOffset),
                          message: "an alias used as a key; experiment files do not support that")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let (found, message) = problem(for: error, in: text, columnOffset: columnOffset)
            let position = inside(found, text)
            throw Problem(place: Place(source: source, line: position.line, column: position.column + columnOffset),
                          message: message)
        } catch {
            throw Problem(place: start, message: "invalid YAML: \(error)")
        }
        guard let root else { return nil }
        if isTooLarge(root) {
            throw Problem(place: start, message: "the document expands to more than \(nodeLimit) YAML nodes "
                + "(aliases of aliases?); refusing to read it")
        }
        return SpecNode(root, source: source, columnOffset: columnOffset, end: end(of: text))
    }

    /// Whether `node` has more than `nodeLimit` nodes, counting an aliased subtree once per use,
    /// as a walk would meet it. Stops counting at the limit, so it is fast on any input.
    static func isTooLarge(_ node: Node) -> Bool {
        var budget = nodeLimit
        func spend(_ node: Node) -> Bool {
            budget -= 1
            if budget < 0 { return false }
            switch node {
            case .scalar, .alias: return true
            case .sequence(let sequence): return sequence.allSatisfy(spend)
            case .mapping(let mapping): return mapping.allSatisfy { spend($0.key) && spend($0.value) }
            }
        }
        return !spend(node)
    }

    /// The message for an error thrown by Yams, and where in `text` it is. Positions named in
    /// the message are shifted by `columnOffset` as the returned one will be.
    private static func problem(for error: YamlError, in text: String, columnOffset: Int) -> (Position, String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if character(at: mark, in: text) == "\t" {
                return (Position(mark), "invalid YAML: a tab character; YAML indents with spaces only")
            }
            let during = context.map {
                " (\($0.text) at line \($0.mark.line), column \($0.mark.column + columnOffset))"
            } ?? ""
            return (Position(mark), "invalid YAML: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = Position(context.mark)
            let again = secondOccurrence(of: key, after: first, in: text)
            return (again ?? first, "duplicate key `\(key)`: a key may appear once in a mapping"
                + (again == nil ? "" : " (first at line \(first.line))"))
        case .reader(let problem, let offset, _, _):
            return (position(ofCharacter: offset ?? 0, in: text), "unreadable text: \(problem)")
        default:
            return (Position(line: 1, column: 1), "invalid YAML: \(error)")
        }
    }

    /// A line and column in a text, from 1, columns in Unicode scalars as libYAML counts them.
    struct Position {
        var line: Int
        var column: Int
    }


    /// `position` moved back into `text` when it is past its last line: libYAML places what it
    /// finds at the end of a text that does not end in a line break at the start of the line
    /// after, which an editor does not have.
    private static func inside(_ position: Position, _ text: String) -> Position {
        let end = end(of: text)
        return position.line > end.line ? end : position
    }

    /// The position just after the last character of `text`.
    private static func end(of text: String) -> Position {
        let lines = lines(of: text.unicodeScalars)
        return Position(line: lines.count, column: lines[lines.count - 1].count + 1)
    }

    /// The lines of `scalars`, without their breaks, split where libYAML breaks lines: at
    /// `\n`, `\r\n`, `\r`, U+0085, U+2028 and U+2029. Lines and columns in places count these.
    static func lines(of scalars: some Sequence<Unicode.Scalar>) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        var previous: Unicode.Scalar?
        for scalar in scalars {
            if scalar == "\n" && previous == "\r" {
                // The second half of a `\r\n`.
            } else if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
            previous = scalar
        }
        return lines
    }

    /// The character at `mark`, if any.
    private static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        let lines = lines(of: text.unicodeScalars)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let scalars = lines[mark.line - 1]
        return mark.column >= 1 && mark.column <= scalars.count ? scalars[mark.column - 1] : nil
    }

    /// The position of the `offset`-th character (grapheme cluster, as Yams counts them) of `text`.
    private static func position(ofCharacter offset: Int, in text: String) -> Position {
        let end = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        let lines = lines(of: text.unicodeScalars[..<end])
        return Position(line: lines.count, column: lines[lines.count - 1].count + 1)
    }

    /// Where `key` is written again in the block mapping whose first key is at `first`: a later
    /// line indented the same that starts with `key:`, before the mapping ends (a line indented
    /// less). Yams names only the first occurrence; nil if the second is not found this way (in a
    /// flow mapping, `{a: 1, a: 2}`).
    private static func secondOccurrence(of key: String, after first: Position, in text: String) -> Position? {
        let lines = lines(of: text.unicodeScalars)
        let indent = first.column - 1
        for number in first.line..<lines.count {
            let line = Substring(String(String.UnicodeScalarView(lines[number])))
            let content = line.drop(while: { $0 == " " })
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            let column = line.count - content.count
            if column < indent { return nil }
            if column == indent, content.hasPrefix(key),
               content.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                return Position(line: number + 1, column: column + 1)
            }
        }
        return nil
    }
}

extension YAMLDocument.Position {
    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}
