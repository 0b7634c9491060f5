/// Builds SVG text one element per line, indented by nesting depth, with attribute values and
/// text escaped for XML.
struct SVGWriter {
    private(set) var text = ""
    private var depth = 0

    /// Starts an element that later elements go inside, until `close`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        line("<\(name)\(Self.render(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    /// An element with no children, or with only `text` inside.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil) {
        if let text {
            line("<\(name)\(Self.render(attributes))>\(Self.escape(text))</\(name)>")
        } else {
            line("<\(name)\(Self.render(attributes))/>")
        }
    }

    private mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    private static func render(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// `text` with the five characters XML gives meaning to replaced by entities.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
