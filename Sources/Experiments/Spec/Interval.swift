/// The numbers a setting accepts, with the words used for it in messages.
struct Interval {
    var lower: Double
    var includesLower: Bool
    /// nil: no upper bound.
    var upper: Double?
    var includesUpper: Bool

    /// `[x, ∞)`: "at least x".
    static func atLeast(_ x: Double) -> Interval {
        Interval(lower: x, includesLower: true, upper: nil, includesUpper: false)
    }

    /// `[a, b]`.
    static func from(_ a: Double, to b: Double) -> Interval {
        Interval(lower: a, includesLower: true, upper: b, includesUpper: true)
    }

    /// Any finite number: the ends of a uniform initialiser's range.
    static let anyNumber = Interval(lower: -.infinity, includesLower: true, upper: nil, includesUpper: false)
    /// `(0, ∞)`: learning rates, epsilons, clipping norms.
    static let positive = Interval(lower: 0, includesLower: false, upper: nil, includesUpper: false)
    /// `[0, 1)`: dropout rates and decay averages.
    static let rate = Interval(lower: 0, includesLower: true, upper: 1, includesUpper: false)
    /// `(0, 1)`: a fraction of the examples.
    static let fraction = Interval(lower: 0, includesLower: false, upper: 1, includesUpper: false)
    /// `(0, 1]`: a factor that shrinks.
    static let shrinkingFactor = Interval(lower: 0, includesLower: false, upper: 1, includesUpper: true)

    func contains(_ x: Double) -> Bool {
        let aboveLower = includesLower ? x >= lower : x > lower
        guard let upper else { return aboveLower }
        return aboveLower && (includesUpper ? x <= upper : x < upper)
    }

    /// "at least 1", "greater than 0", "in [0, 1)".
    var description: String {
        guard let upper else {
            return includesLower ? "at least \(Self.format(lower))" : "greater than \(Self.format(lower))"
        }
        return "in \(includesLower ? "[" : "(")\(Self.format(lower)), \(Self.format(upper))\(includesUpper ? "]" : ")")"
    }

    /// Whole numbers without a fraction part: "1", not "1.0".
    private static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
