import Testing
@testable import Datasets

@Suite struct SplitTests {
    @Test func splitShufflesAndPartitionsTheExamples() {
        let examples = SyntheticReviewsTests.dataset(seed: 9, train: 100, validation: 0).train
        var rng = TestGenerator(seed: 10)
        let (train, validation) = examples.split(validationFraction: 0.2, using: &rng)
        #expect(train.count == 80 && validation.count == 20)
        #expect(train.exampleShape == examples.exampleShape)
        let rows = SyntheticReviewsTests.rows
        let original = zip(rows(examples), examples.labels).map { "\($0)\($1)" }
        let parts = zip(rows(train) + rows(validation), train.labels + validation.labels).map { "\($0)\($1)" }
        #expect(parts.sorted() == original.sorted())
        #expect(parts != original)

        var again = TestGenerator(seed: 10)
        let repeated = examples.split(validationFraction: 0.2, using: &again)
        #expect(repeated.train == train && repeated.validation == validation)
    }

    @Test func splitKeepsFeatureExamplesWhole() {
        // Three examples of shape [2, 2]; example i holds the values 10i ..< 10i + 4.
        let values = (0..<3).flatMap { i in (0..<4).map { Float(10 * i + $0) } }
        let examples = SequenceExamples(values: .features(values), exampleShape: [2, 2], labels: [0, 1, 2])
        var rng = TestGenerator(seed: 11)
        let (train, validation) = examples.split(validationFraction: 1.0 / 3, using: &rng)
        #expect(train.count == 2 && validation.count == 1)
        for part in [train, validation] {
            guard case .features(let xs) = part.values else { Issue.record("not features"); continue }
            for (k, label) in part.labels.enumerated() {
                #expect(Array(xs[4 * k ..< 4 * k + 4]) == (0..<4).map { Float(10 * Int(label) + $0) })
            }
        }
    }
}
