import Foundation

/// A linear chart axis: the range of values it spans and the labelled ticks along it, at a
/// "nice" step of 1, 2 or 5 times a power of ten.
struct AxisScale: Equatable {
    var lower: Double
    var upper: Double
    var ticks: [Double]
    /// Digits after the point that the tick labels need (0 for a step of 1 or more).
    var decimals: Int

    /// An axis for data from `low` to `high` (low <= high), widened by `padding` times the data's
    /// span on each side (or a little around a single value), then to whole steps when
    /// `snapToTicks`, aiming at about `tickCount` ticks. Padding never crosses `limits` unless the
    /// data already does. With `wholeSteps`, for counts such as epochs, the step is at least 1
    /// and the margin is half a unit, so no tick falls outside the data's range.
    init(low: Double, high: Double, padding: Double, snapToTicks: Bool, tickCount: Int,
         wholeSteps: Bool = false, limits: ClosedRange<Double> = -Double.infinity...Double.infinity) {
        let margin: Double
        if wholeSteps {
            margin = 0.5
        } else if high > low {
            margin = (high - low) * padding
        } else {
            margin = low == 0 ? 0.5 : abs(low) * 0.05
        }
        // A bound moves toward its limit only as far as the limit, or the data if that is beyond.
        let lowest = min(limits.lowerBound, low), highest = max(limits.upperBound, high)
        var lower = max(low - margin, lowest), upper = min(high + margin, highest)

        let (step, decimals) = Self.niceStep(span: upper - lower, tickCount: tickCount, wholeSteps: wholeSteps)
        if snapToTicks {
            lower = max((lower / step).rounded(.down) * step, lowest)
            upper = min((upper / step).rounded(.up) * step, highest)
        }
        // Multiples of the step inside the axis, with a little slack for rounding in the division.
        let first = Int((lower / step - 1e-9).rounded(.up)), last = Int((upper / step + 1e-9).rounded(.down))
        self.lower = lower
        self.upper = upper
        self.ticks = first <= last ? (first...last).map { Double($0) * step } : []
        self.decimals = decimals
    }

    /// The step of 1, 2 or 5 × 10^k nearest to `span / tickCount`, and the decimals it needs.
    static func niceStep(span: Double, tickCount: Int, wholeSteps: Bool) -> (step: Double, decimals: Int) {
        let raw = span / Double(tickCount)
        guard raw > 0, raw.isFinite else { return (1, 0) }
        var exponent = Int(log10(raw).rounded(.down))
        let fraction = raw / pow(10, Double(exponent))
        var mantissa: Double
        switch fraction {
        case ..<1.5: mantissa = 1
        case ..<3.5: mantissa = 2
        case ..<7.5: mantissa = 5
        default: mantissa = 1; exponent += 1
        }
        if wholeSteps && exponent < 0 { (mantissa, exponent) = (1, 0) }
        // Dividing by an exact power of ten gives the closest double to e.g. 0.05.
        let step = exponent >= 0 ? mantissa * pow(10, Double(exponent)) : mantissa / pow(10, Double(-exponent))
        return (step, max(0, -exponent))
    }
}
