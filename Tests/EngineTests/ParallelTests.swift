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
}
