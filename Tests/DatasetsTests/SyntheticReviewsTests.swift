import Foundation
import Testing
@testable import Datasets

@Suite struct SyntheticReviewsTests {
    static let maxLen = 16

    static func dataset(seed: UInt64, train: Int = 2000, validation: Int = 1000) -> SequenceDataset {
        var rng = TestGenerator(seed: seed)
        return SyntheticReviews.make(trainCount: train, validationCount: validation, maxLen: maxLen, using: &rng)
    }

    /// The reviews of a split as rows of token ids.
    static func rows(_ examples: SequenceExamples) -> [[Int32]] {
        guard case .tokens(let ids) = examples.values else { Issue.record("not tokens"); return [] }
        let n = examples.exampleShape[0]
        return (0..<examples.count).map { Array(ids[$0 * n ..< ($0 + 1) * n]) }
    }

    /// The grammar's rule: the polarity of the last sentiment word, flipped when "not" stands right
    /// before it or before its intensifier.
    static func ruleLabel(_ row: [Int32], vocabulary: [String]) -> Int32 {
        let words = row.map { vocabulary[Int($0)] }
        let last = words.lastIndex { SyntheticReviews.positiveWords.contains($0) || SyntheticReviews.negativeWords.contains($0) }!
        let before = SyntheticReviews.intensifiers.contains(words[last - 1]) ? last - 2 : last - 1
        let positive = SyntheticReviews.positiveWords.contains(words[last]) != (words[before] == "not")
        return positive ? 1 : 0
    }

    @Test func sameGeneratorStateGivesTheSameData() {
        #expect(Self.dataset(seed: 7) == Self.dataset(seed: 7))
        #expect(Self.dataset(seed: 7).train != Self.dataset(seed: 8).train)
    }

    @Test func splitsHaveTheAskedSizesAndBalancedLabels() {
        let data = Self.dataset(seed: 1, train: 301, validation: 100)
        #expect(data.train.count == 301 && data.validation.count == 100)
        #expect(data.train.labels.filter { $0 == 1 }.count == 150)
        #expect(data.validation.labels.filter { $0 == 1 }.count == 50)
        #expect(data.classNames == ["negative", "positive"])
    }

    @Test func reviewsArePrePaddedSequencesThatStartWithTheStartToken() {
        let data = Self.dataset(seed: 2)
        let vocabulary = data.vocabulary!
        #expect(Array(vocabulary.prefix(3)) == ["<pad>", "<start>", "<oov>"])
        #expect(Set(vocabulary).count == vocabulary.count && vocabulary.count <= 60)
        #expect(data.train.exampleShape == [Self.maxLen])
        var lengths = Set<Int>()
        for row in Self.rows(data.train) {
            #expect(row.count == Self.maxLen)
            let start = row.firstIndex(of: 1)!
            #expect(row[..<start].allSatisfy { $0 == 0 })
            #expect(row[start...].dropFirst().allSatisfy { $0 > 2 && Int($0) < vocabulary.count })
            lengths.insert(Self.maxLen - start)
        }
        #expect(lengths.max()! <= SyntheticReviews.longestReview)
        #expect(lengths.count >= 6)  // lengths vary
    }

    @Test func theGrammarsRuleExplainsEveryLabel() {
        let data = Self.dataset(seed: 3)
        for split in [data.train, data.validation] {
            let predicted = Self.rows(split).map { Self.ruleLabel($0, vocabulary: data.vocabulary!) }
            #expect(predicted == split.labels)
        }
    }

    @Test func truncatedReviewsKeepTheDecidingClause() {
        var rng = TestGenerator(seed: 4)
        let data = SyntheticReviews.make(trainCount: 500, validationCount: 0, maxLen: 4, using: &rng)
        let predicted = Self.rows(data.train).map { Self.ruleLabel($0, vocabulary: data.vocabulary!) }
        #expect(predicted == data.train.labels)
    }

    /// Word counts (padding and `<start>` left out) of every review.
    static func bagsOfWords(_ examples: SequenceExamples, vocabularySize: Int) -> [[Double]] {
        rows(examples).map { row in
            var counts = [Double](repeating: 0, count: vocabularySize)
            for id in row where id > 1 { counts[Int(id)] += 1 }
            return counts
        }
    }

    /// Logistic regression on word counts, full-batch gradient descent; returns the accuracy on
    /// `test`.
    static func logisticRegressionAccuracy(train: [[Double]], trainLabels: [Int32], test: [[Double]], testLabels: [Int32]) -> Double {
        let d = train[0].count
        var w = [Double](repeating: 0, count: d), b = 0.0
        let rate = 0.5 / Double(train.count)
        for _ in 0..<400 {
            var gw = [Double](repeating: 0, count: d), gb = 0.0
            for (x, y) in zip(train, trainLabels) {
                var z = b
                for j in 0..<d { z += w[j] * x[j] }
                let err = 1 / (1 + exp(-z)) - Double(y)
                for j in 0..<d { gw[j] += err * x[j] }
                gb += err
            }
            for j in 0..<d { w[j] -= rate * gw[j] }
            b -= rate * gb
        }
        let correct = zip(test, testLabels).filter { x, y in
            var z = b
            for j in 0..<d { z += w[j] * x[j] }
            return (z > 0 ? 1 : 0) == y
        }.count
        return Double(correct) / Double(test.count)
    }

    /// A bag of words stays below 0.65 on validation (0.5 is chance), while the same classifier learns a label
    /// that does depend on the bag alone (whether the review has two clauses).
    @Test func aBagOfWordsCannotSolveIt() {
        let data = Self.dataset(seed: 5)
        let v = data.vocabulary!.count
        let train = Self.bagsOfWords(data.train, vocabularySize: v)
        let validation = Self.bagsOfWords(data.validation, vocabularySize: v)
        let accuracy = Self.logisticRegressionAccuracy(
            train: train, trainLabels: data.train.labels, test: validation, testLabels: data.validation.labels)
        #expect(accuracy < 0.65, "bag-of-words logistic regression reached \(accuracy)")

        let but = data.vocabulary!.firstIndex(of: "but")!, although = data.vocabulary!.firstIndex(of: "although")!
        let twoClauses = { (bags: [[Double]]) in bags.map { Int32($0[but] + $0[although] > 0 ? 1 : 0) } }
        let control = Self.logisticRegressionAccuracy(
            train: train, trainLabels: twoClauses(train), test: validation, testLabels: twoClauses(validation))
        #expect(control > 0.99)
    }

    /// Multinomial naive Bayes with add-one smoothing, the classic bag-of-words baseline.
    @Test func naiveBayesCannotSolveIt() {
        let data = Self.dataset(seed: 6)
        let v = data.vocabulary!.count
        var counts = [[Double]](repeating: [Double](repeating: 1, count: v), count: 2)
        var prior = [1.0, 1.0]
        for (x, y) in zip(Self.bagsOfWords(data.train, vocabularySize: v), data.train.labels) {
            prior[Int(y)] += 1
            for j in 0..<v { counts[Int(y)][j] += x[j] }
        }
        let logP = counts.map { c in c.map { log($0 / c.reduce(0, +)) } }
        let correct = zip(Self.bagsOfWords(data.validation, vocabularySize: v), data.validation.labels).filter { x, y in
            var score = [log(prior[0]), log(prior[1])]
            for k in 0..<2 {
                for j in 0..<v { score[k] += x[j] * logP[k][j] }
            }
            return (score[1] > score[0] ? 1 : 0) == y
        }.count
        let accuracy = Double(correct) / Double(data.validation.count)
        #expect(accuracy < 0.65, "naive Bayes reached \(accuracy)")
    }
}
