import Testing
@testable import Engine

@Suite struct RandomTests {
    @Test func sameSeedSameNumbers() {
        let a = RandomStream(seed: 42, stream: 1), b = RandomStream(seed: 42, stream: 1)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func streamsAreIndependent() {
        let s = RandomStreams(seed: 42)
        let x = (0..<8).map { _ in s.initialization.next() }
        let y = (0..<8).map { _ in s.dropout.next() }
        #expect(x != y)
    }

    @Test func uniformFloatsCoverTheUnitInterval() {
        let rng = RandomStream(seed: 1)
        let xs = (0..<100_000).map { _ in rng.nextFloat() }
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = xs.reduce(0, +) / Float(xs.count)
        #expect(abs(mean - 0.5) < 0.01)
    }

    @Test func normalSamplesHaveUnitVariance() {
        let rng = RandomStream(seed: 3)
        let xs = (0..<100_000).map { _ in rng.nextNormal() }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.02)
    }

    @Test func integersBelowABoundAreUniform() {
        let rng = RandomStream(seed: 5)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[rng.nextInt(below: 7)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
    }
}

@Suite struct InitializerTests {
    @Test(arguments: [(4, 12), (12, 4), (6, 6)])
    func orthogonalMatricesAreOrthonormal(rows: Int, cols: Int) {
        var t = Tensor(shape: [rows, cols])
        Initializer.orthogonal().fill(&t, fanIn: cols, fanOut: rows, rng: RandomStream(seed: 9))
        // The shorter side's vectors are orthonormal: W W^T = I (wide) or W^T W = I (tall).
        let k = min(rows, cols)
        for i in 0..<k {
            for j in 0..<k {
                var d: Float = 0
                if rows <= cols {
                    for c in 0..<cols { d += t[i, c] * t[j, c] }
                } else {
                    for r in 0..<rows { d += t[r, i] * t[r, j] }
                }
                #expect(abs(d - (i == j ? 1 : 0)) < 1e-5)
            }
        }
    }

    @Test func uniformDrawsFromItsWholeRange() {
        var t = Tensor(shape: [40, 50])
        Initializer.uniform(low: -0.3, high: 0.1).fill(&t, fanIn: 50, fanOut: 40, rng: RandomStream(seed: 2))
        #expect(t.scalars.allSatisfy { $0 >= -0.3 && $0 < 0.1 })
        #expect(t.scalars.min()! < -0.29 && t.scalars.max()! > 0.09)
        let mean = t.scalars.reduce(0, +) / Float(t.count)
        #expect(abs(mean - -0.1) < 0.01)
    }

    /// `uniform(limit:)` is the symmetric range, draw for draw: embeddings keep their numbers.
    @Test func uniformWithALimitIsTheSymmetricRange() {
        var a = Tensor(shape: [8, 8]), b = Tensor(shape: [8, 8])
        Initializer.uniform(limit: 0.05).fill(&a, fanIn: 8, fanOut: 8, rng: RandomStream(seed: 4))
        Initializer.uniform(low: -0.05, high: 0.05).fill(&b, fanIn: 8, fanOut: 8, rng: RandomStream(seed: 4))
        let rng = RandomStream(seed: 4)
        #expect(a == b)
        #expect(a.scalars == (0..<64).map { _ in rng.nextFloat(in: -0.05, 0.05) })
    }

    @Test func glorotUniformStaysWithinItsLimit() {
        var t = Tensor(shape: [50, 30])
        Initializer.glorotUniform.fill(&t, fanIn: 30, fanOut: 50, rng: RandomStream(seed: 1))
        let limit = Float((6.0 / 80.0).squareRoot())
        #expect(t.scalars.allSatisfy { abs($0) <= limit })
        #expect(t.scalars.map(abs).max()! > 0.9 * limit)
    }
}
