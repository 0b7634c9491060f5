/// Finding the word someone probably meant, for "did you mean ...?" hints.
enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo: at most one
    /// edit per three characters (and always one edit), ignoring case.
    static func nearest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.lowercased())
        let scored = candidates.map { (candidate: $0, distance: editDistance(typed, Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= max(1, typed.count / 3) ? best.candidate : nil
    }

    /// " (did you mean `x`?)" when there is a near candidate, else "".
    static func hint(for word: String, among candidates: [String]) -> String {
        nearest(to: word, among: candidates).map { " (did you mean `\($0)`?)" } ?? ""
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbouring characters each count one (so `ltsm` is one edit from `lstm`).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // d[i][j]: the distance between the first i characters of a and the first j of b.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let substitution = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
