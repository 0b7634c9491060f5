/// Finding an alias (`*name`) written as a mapping key, from the text alone.
///
/// Yams hashes every key of a mapping while composing it (to detect duplicates), and hashing an
/// alias of nested aliases takes time exponential in the nesting: `? *bomb : 1` would hang the
/// reader before any node limit could apply. Experiment files have no use for such keys, so the
/// text is scanned for them first. The scan follows YAML's tokens far enough for this: it skips
/// comments and quoted strings, and sees an alias where a token starts, as the key of `? *x` or
/// of `*x : value`.
enum AliasKeyScan {
    /// The position of the first alias used as a key, if any.
    static func firstAliasKey(in text: String) -> YAMLDocument.Position? {
        var quote: Unicode.Scalar?
        var afterQuestionMark = false
        for (number, scalars) in YAMLDocument.lines(of: text.unicodeScalars).enumerated() {
            var i = 0
            while i < scalars.count {
                let c = scalars[i]
                if let open = quote {
                    if c == open, open == "'", i + 1 < scalars.count, scalars[i + 1] == "'" {
                        i += 2
                        continue
                    }
                    if c == "\\" && open == "\"" { i += 2; continue }
                    if c == open { quote = nil }
                    i += 1
                    continue
                }
                let startsToken = i == 0 || " \t[{,".unicodeScalars.contains(scalars[i - 1])
                let nextIsBlank = i + 1 == scalars.count || scalars[i + 1] == " " || scalars[i + 1] == "\t"
                switch c {
                case " ", "\t":
                    i += 1
                    continue
                case "#" where startsToken:
                    i = scalars.count
                    continue
                case "\"" where startsToken, "'" where startsToken:
                    quote = c
                case "?" where startsToken && nextIsBlank:
                    afterQuestionMark = true
                    i += 1
                    continue
                case "*" where startsToken:
                    var end = i + 1
                    while end < scalars.count, isAnchorCharacter(scalars[end]) { end += 1 }
                    var next = end
                    while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                    if afterQuestionMark || (next < scalars.count && scalars[next] == ":") {
                        return YAMLDocument.Position(line: number + 1, column: i + 1)
                    }
                    i = end
                    afterQuestionMark = false
                    continue
                default:
                    break
                }
                afterQuestionMark = false
                i += 1
            }
        }
        return nil
    }

    /// The characters libYAML allows in anchor and alias names.
    private static func isAnchorCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-"
    }
}
