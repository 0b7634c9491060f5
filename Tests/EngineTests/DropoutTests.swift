import Testing
@testable import Engine

@Suite struct DropoutTests {
    /// 100 000 ones: a dropped element reads 0, a kept one its scale.
    static let ones = Tensor(shape: [100, 1000], repeating: 1)

    @Test(arguments: [Float(0.2), 0.5, 0.8])
    func dropsTheRateAndScalesTheRest(rate: Float) {
        let dropout = Dropout(rate: rate, streams: RandomStreams(seed: 1))
        let output = dropout.forward(Self.ones, training: true)
        let dropped = output.scalars.filter { $0 == 0 }.count
        // The standard deviation of the dropped fraction is at most 0.0016 here.
        #expect(abs(Float(dropped) / Float(output.count) - rate) < 0.01)
        #expect(output.scalars.allSatisfy { $0 == 0 || $0 == 1 / (1 - rate) })
    }

    @Test func isTheIdentityAtInferenceAndDrawsNothing() {
        let streams = RandomStreams(seed: 2)
        let dropout = Dropout(rate: 0.5, streams: streams)
        let input = Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) - 5 })
        let state = streams.dropout.state
        #expect(dropout.forward(input, training: false) == input)
        #expect(streams.dropout.state == state)
    }

    @Test func sameSeedSameMask() {
        let input = Tensor(shape: [8, 50], repeating: 1)
        let a = Dropout(rate: 0.5, streams: RandomStreams(seed: 3)).forward(input, training: true)
        let b = Dropout(rate: 0.5, streams: RandomStreams(seed: 3)).forward(input, training: true)
        let c = Dropout(rate: 0.5, streams: RandomStreams(seed: 4)).forward(input, training: true)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func gradientMatchesFiniteDifferencesForAFixedMask() {
        let streams = RandomStreams(seed: 5)
        let dropout = Dropout(rate: 0.4, streams: streams)
        let rng = RandomStream(seed: 6)
        let input = Tensor(shape: [2, 3, 4], scalars: (0..<24).map { _ in rng.nextFloat(in: -1, 1) })
        #expect(GradientCheck(rewind: streams.dropout).mismatches(of: dropout, input: input).isEmpty)
    }

    @Test func backwardPassesGradientOnlyThroughKeptElements() {
        let dropout = Dropout(rate: 0.5, streams: RandomStreams(seed: 7))
        let output = dropout.forward(Tensor(shape: [4, 25], repeating: 1), training: true)
        let inputGradient = dropout.backward(Tensor(shape: [4, 25], repeating: 3))
        #expect(inputGradient.scalars == output.scalars.map { 3 * $0 })
    }
}
