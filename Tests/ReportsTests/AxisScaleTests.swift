import Foundation
import Testing
@testable import Reports

@Suite struct AxisScaleTests {
    /// Whether `step` is 1, 2 or 5 times a power of ten.
    func isNice(_ step: Double) -> Bool {
        let mantissa = step / pow(10, log10(step).rounded(.down))
        return [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }
    }

    @Test(arguments: [(0.1035, 0.7217), (0.0, 1.0), (12.3, 5678.9), (-3.2, 4.1), (0.69, 0.6931), (1e-4, 3e-4)])
    func ticksAreNiceAndTheAxisCoversTheData(low: Double, high: Double) throws {
        let axis = AxisScale(low: low, high: high, padding: 0.05, snapToTicks: true, tickCount: 6)
        #expect(axis.lower < low && axis.upper > high)
        #expect((3...12).contains(axis.ticks.count))
        let step = axis.ticks[1] - axis.ticks[0]
        #expect(isNice(step))
        #expect(zip(axis.ticks, axis.ticks.dropFirst()).allSatisfy { abs(($1 - $0) - step) < step * 1e-9 })
        #expect(abs(try #require(axis.ticks.first) - axis.lower) < step * 1e-9)
        #expect(abs(try #require(axis.ticks.last) - axis.upper) < step * 1e-9)
    }

    @Test func limitsStopThePaddingButNotTheData() {
        let accuracy = AxisScale(low: 0.5, high: 0.99, padding: 0.05, snapToTicks: true, tickCount: 6, limits: 0...1)
        #expect(accuracy.upper == 1)
        #expect(accuracy.lower >= 0 && accuracy.lower < 0.5)
        let loss = AxisScale(low: 0.01, high: 2, padding: 0.05, snapToTicks: true, tickCount: 6, limits: 0...Double.infinity)
        #expect(loss.lower == 0)
        let outside = AxisScale(low: -0.5, high: 1.5, padding: 0.05, snapToTicks: true, tickCount: 6, limits: 0...1)
        #expect(outside.lower <= -0.5 && outside.upper >= 1.5)
    }

    @Test func aSingleValueGetsRoomAroundIt() {
        let axis = AxisScale(low: 0.6931, high: 0.6931, padding: 0.05, snapToTicks: true, tickCount: 6)
        #expect(axis.lower < 0.6931 && axis.upper > 0.6931 && axis.ticks.count >= 2)
        let zero = AxisScale(low: 0, high: 0, padding: 0.05, snapToTicks: true, tickCount: 6)
        #expect(zero.lower < 0 && zero.upper > 0)
    }

    @Test func epochAxesHaveWholeTicks() {
        #expect(AxisScale(low: 1, high: 1, padding: 0, snapToTicks: false, tickCount: 8, wholeSteps: true).ticks == [1])
        #expect(AxisScale(low: 1, high: 3, padding: 0, snapToTicks: false, tickCount: 8, wholeSteps: true).ticks == [1, 2, 3])
        let long = AxisScale(low: 1, high: 100, padding: 0, snapToTicks: false, tickCount: 8, wholeSteps: true)
        #expect(long.ticks == [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        #expect(long.decimals == 0)
    }

    @Test func labelDecimalsFollowTheStep() {
        #expect(AxisScale.niceStep(span: 0.3, tickCount: 6, wholeSteps: false) == (0.05, 2))
        #expect(AxisScale.niceStep(span: 1.2, tickCount: 6, wholeSteps: false) == (0.2, 1))
        #expect(AxisScale.niceStep(span: 600, tickCount: 6, wholeSteps: false) == (100, 0))
        #expect(AxisScale.niceStep(span: 0.3, tickCount: 6, wholeSteps: true) == (1, 0))
    }
}
