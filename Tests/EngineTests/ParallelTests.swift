@testable import Engine
import Testing

@Suite(.serialized) struct ParallelTests {
    @Test(arguments: [(1, 1), (7, 1), (7, 2), (7, 3), (128, 2), (3, 3)])
    func partsCoverEveryRowOnceInOrder(rows: Int, parts: Int) {
        var owner = [Int](repeating: -1, count: rows)
        var seen = [Range<Int>?](repeating: nil, count: parts)
        owner.withUnsafeMutableBufferPointer { owner in
            seen.withUnsafeMutableBufferPointer { seen in
                Parallel.forEachPart(rows: rows, parts: parts) { part, range in
                    seen[part] = range
                    for r in range {
                        owner[r] = owner[r] == -1 ? part : -2
                    }
                }
            }
        }
        // Consecutive slices, earlier parts first, none empty, sizes within one of each other.
        #expect(seen.map { $0?.lowerBound } == [0] + seen.dropLast().map { $0?.upperBound })
        #expect(seen.last??.upperBound == rows)
        let sizes = seen.compactMap { $0?.count }
        #expect(sizes.count == parts && sizes.min()! >= 1 && sizes.max()! - sizes.min()! <= 1)
        #expect(owner == (0..<parts).flatMap { p in Array(repeating: p, count: seen[p]!.count) })
    }

    /// Splitting the batch over threads changes no number: a bidirectional layer with dropout
    /// and recurrent dropout gives bit-identical outputs and gradients with BLAS on one thread
    /// (one part) and on two (two parts).
    @Test(arguments: RecurrentKind.allCases)
    func resultsDoNotDependOnThePartCount(kind: RecurrentKind) {
        func run(threads: Int) -> [[Float]] {
            BLAS.setThreadCount(threads)
            let options = RecurrentOptions(units: 6, returnSequences: true, bidirectional: true, dropout: 0.3,
                                           recurrentDropout: 0.2)
            let layer = kind.make(inputSize: 4, options: options, streams: RandomStreams(seed: 3))
            randomizeParameters(of: layer, seed: 5)
            let y = layer.forward(randomTensor([5, 7, 4], seed: 7), training: true)
            let dx = layer.backward(randomTensor(y.shape, seed: 9))
            return [y.scalars, dx.scalars] + layer.parameters.map(\.gradient.scalars)
        }
        let threads = BLAS.threadCount
        defer { BLAS.setThreadCount(threads) }
        let one = run(threads: 1)
        #expect(Parallel.partCount(rows: 5) == 1)
        let two = run(threads: 2)
        #expect(Parallel.partCount(rows: 5) == 2)
        #expect(one == two)
    }
}
