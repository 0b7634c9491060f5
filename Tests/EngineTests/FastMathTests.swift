import Foundation
import Testing
@testable import Engine

@Suite struct FastMathTests {
    /// `count` evenly spaced floats from `low` to `high`, both included.
    private static func evenlySpaced(_ low: Float, _ high: Float, count: Int) -> [Float] {
        (0..<count).map { low + (high - low) * Float($0) / Float(count - 1) }
    }

    /// The distance from `value` to the exact `reference`, in units of the last place of the
    /// float nearest to it.
    private static func ulps(_ value: Float, from reference: Double) -> Double {
        abs(Double(value) - reference) / Double(Float(reference).ulp)
    }

    /// Within 2 ulp of the true value over the whole unclamped range, as documented.
    @Test func expIsWithinTwoUlps() {
        let worst = Self.evenlySpaced(-87.3, 88.3, count: 200_001).map { Self.ulps(FastMath.exp($0), from: Foundation.exp(Double($0))) }.max()!
        #expect(worst <= 2, "worst error \(worst) ulp")
    }

    /// Inputs beyond the range give the value at its end: finite, and above zero.
    @Test func expClampsOutsideItsRange() {
        #expect(FastMath.exp(1000) == FastMath.exp(88.3) && FastMath.exp(88.3).isFinite)
        #expect(FastMath.exp(-1000) == FastMath.exp(-87.3) && FastMath.exp(-87.3) > 0)
        #expect(FastMath.exp(0) == 1)
    }

    /// The sigmoid within 3 ulp of `1 / (1 + e^(−x))`, and in `[0, 1]` everywhere.
    @Test func sigmoidIsWithinThreeUlps() {
        let worst = Self.evenlySpaced(-30, 30, count: 100_001).map { x in
            Self.ulps(FastMath.sigmoid(x), from: 1 / (1 + Foundation.exp(-Double(x))))
        }.max()!
        #expect(worst <= 3, "worst error \(worst) ulp")
        for x: Float in [-1000, -90, 90, 1000] { #expect((0...1).contains(FastMath.sigmoid(x))) }
        #expect(FastMath.sigmoid(1000) == 1)
    }

    /// `tanh` within 1e-7 of the true value, odd to the bit, and ±1 far from zero.
    @Test func tanhIsWithinOneTenMillionth() {
        let xs = Self.evenlySpaced(-20, 20, count: 100_001)
        let worst = xs.map { abs(Double(FastMath.tanh($0)) - Foundation.tanh(Double($0))) }.max()!
        #expect(worst <= 1e-7, "worst error \(worst)")
        #expect(xs.allSatisfy { FastMath.tanh(-$0) == -FastMath.tanh($0) })
        #expect(FastMath.tanh(50) == 1 && FastMath.tanh(-50) == -1 && FastMath.tanh(0) == 0)
    }
}
