/// Decimal text of a `Double` with a fixed number of digits after the point.
///
/// Written out here, not left to `String(format:)` or a `NumberFormatter`, so that result files
/// are the same bytes on every machine: no locale, no scientific notation, no "-0.0000".
extension Double {
    /// This value with exactly `decimals` digits after the point (no point when `decimals` is 0),
    /// rounded half away from zero: `0.12345.fixed(4) == "0.1235"`, `(-0.00001).fixed(4) ==
    /// "0.0000"`. Rounding works on the shortest decimal text that reads back as this value, so
    /// a number written as 0.12345 rounds as a person would round it. Non-finite values give
    /// "nan", "inf" and "-inf", which `Double(_:)` reads back.
    public func fixed(_ decimals: Int) -> String {
        precondition(decimals >= 0, "decimals must not be negative")
        if isNaN { return "nan" }
        if isInfinite { return self < 0 ? "-inf" : "inf" }

        // Digits of |self| and where the point goes: value = 0.d1d2d3... × 10^pointPosition.
        var (digits, pointPosition) = Self.decimalDigits(of: magnitude)
        let kept = pointPosition + decimals
        if kept < 0 {
            digits = []
        } else if kept < digits.count {
            let roundUp = digits[kept] >= 5
            digits.removeSubrange(kept...)
            if roundUp { Self.incrementDigits(&digits, pointPosition: &pointPosition) }
        }

        // Lay the digits out around the point, padding with zeros on both sides.
        let integerDigits = max(pointPosition, 0)
        func digit(_ i: Int) -> Character {
            // i counts places from the leftmost integer digit (or from the point if there is none).
            let j = i + min(pointPosition, 0)
            return j >= 0 && j < digits.count ? Character(String(digits[j])) : "0"
        }
        var text = integerDigits == 0 ? "0" : String((0..<integerDigits).map(digit))
        if decimals > 0 {
            text += "." + String((integerDigits..<integerDigits + decimals).map(digit))
        }
        let isZero = digits.allSatisfy { $0 == 0 }
        return self < 0 && !isZero ? "-" + text : text
    }

    /// The shortest round-trip decimal digits of a finite, non-negative value (from Swift's own
    /// `description`, which is the same on every platform) and the power of ten they sit at.
    private static func decimalDigits(of value: Double) -> (digits: [Int], pointPosition: Int) {
        let text = value.description  // "123.45", "0.001", "1e-05", "1.2345e+20"
        let parts = text.split(separator: "e")
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let pieces = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = pieces[0]
        let fractionPart = pieces.count > 1 ? pieces[1] : ""
        var digits = (integerPart + fractionPart).map { $0.wholeNumberValue! }
        var pointPosition = integerPart.count + exponent
        while digits.first == 0 && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        return (digits, pointPosition)
    }

    /// Adds one unit in the last place to `digits`, carrying into a new leading digit if needed.
    private static func incrementDigits(_ digits: inout [Int], pointPosition: inout Int) {
        for i in digits.indices.reversed() {
            if digits[i] < 9 {
                digits[i] += 1
                return
            }
            digits[i] = 0
        }
        digits.insert(1, at: 0)
        pointPosition += 1
    }
}
