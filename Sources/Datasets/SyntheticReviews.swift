/// Short generated movie "reviews" whose label depends on word order, for the quick start.
///
/// The grammar (one review per line, `[x]` optional, `a|b` a choice):
///
///     review   := [opener] body [closer]
///     body     := subject verb clause                       (one clause decides)
///               | subject verb clause "but" clause          (the clause after "but" decides)
///               | "although" clause "," subject verb clause (the main clause, after the comma, decides)
///     clause   := ["not"] [intensifier] sentiment           ("not" flips the clause's sentiment word)
///     subject  := "the"|"this"  "movie"|"film"|"plot"|"acting"|"story"|"ending"
///     verb     := "was"|"is"|"seemed"|"felt"
///     opener   := "honestly ,"|"overall ,"|"well ,"|"i think"
///     closer   := "."|"!"
///
/// So the label is the polarity of the *last* sentiment word, flipped when "not" stands right
/// before it or before its intensifier: "the movie was not bad" and "this plot is not so dull"
/// are positive, "although not bad , the plot was boring" is negative.
/// Every clause is negated with probability 1/2 and the clause that does not decide has a random
/// polarity, so each word, "not" included, is equally frequent in both classes: a bag of words
/// cannot tell "not good but bad" from "good but not bad", while a sequence model can.
public enum SyntheticReviews {
    /// Words that make a clause positive.
    static let positiveWords = ["good", "great", "fun", "clever", "brilliant", "moving"]
    /// Words that make a clause negative.
    static let negativeWords = ["bad", "boring", "dull", "awful", "weak", "silly"]
    static let determiners = ["the", "this"]
    static let nouns = ["movie", "film", "plot", "acting", "story", "ending"]
    static let verbs = ["was", "is", "seemed", "felt"]
    static let intensifiers = ["very", "really", "quite", "so"]
    static let openers = [["honestly", ","], ["overall", ","], ["well", ","], ["i", "think"]]
    static let closers = [".", "!"]

    /// The words of the grammar, in id order: id 0 `<pad>`, 1 `<start>`, 2 `<oov>` (never
    /// produced here; kept for the Keras conventions shared with IMDB), words from 3.
    public static let vocabulary: [String] =
        ["<pad>", "<start>", "<oov>"] + determiners + nouns + verbs + intensifiers
        + ["not", "but", "although", ",", ".", "!", "honestly", "overall", "well", "i", "think"]
        + positiveWords + negativeWords

    /// The class names: 0 negative, 1 positive.
    public static let classNames = ["negative", "positive"]

    /// The most tokens a review takes, its `<start>` token included. Reviews longer than the
    /// `maxLen` asked for lose words at the front (Keras's `truncating: pre`), which keeps the
    /// deciding clause whenever `maxLen >= 4`.
    public static let longestReview = 15

    /// A dataset of `trainCount` training and `validationCount` validation reviews, each a
    /// sequence of token ids starting with `<start>`, padded at the front with 0 to `maxLen`.
    ///
    /// Each split has exactly balanced labels (one more negative when its count is odd), in a
    /// random order. The result depends only on the state of `rng`.
    public static func make<G: RandomNumberGenerator>(
        trainCount: Int, validationCount: Int, maxLen: Int, using rng: inout G
    ) -> SequenceDataset {
        precondition(maxLen >= 4, "maxLen \(maxLen) is too short to hold the deciding clause")
        return SequenceDataset(
            train: examples(count: trainCount, maxLen: maxLen, using: &rng),
            validation: examples(count: validationCount, maxLen: maxLen, using: &rng),
            classNames: classNames,
            vocabulary: vocabulary)
    }

    /// `count` reviews with balanced labels in random order.
    static func examples<G: RandomNumberGenerator>(count: Int, maxLen: Int, using rng: inout G) -> SequenceExamples {
        var labels = (0..<count).map { Int32($0 % 2) }
        rng.shuffle(&labels)
        let ids = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, Int32($0)) })
        let reviews = labels.map { [Vocabulary.start] + words(positive: $0 == 1, using: &rng).map { ids[$0]! } }
        let tokens = padSequences(reviews, maxLen: maxLen, padding: .pre, truncating: .pre)
        return SequenceExamples(values: .tokens(tokens), exampleShape: [maxLen], labels: labels)
    }

    /// The words of one review whose deciding clause is `positive` or not.
    static func words<G: RandomNumberGenerator>(positive: Bool, using rng: inout G) -> [String] {
        var out: [String] = rng.chance(0.3) ? rng.pick(openers) : []
        let subject = [rng.pick(determiners), rng.pick(nouns), rng.pick(verbs)]
        let deciding: (inout G) -> [String] = { clause(positive: positive, using: &$0) }
        switch rng.index(below: 3) {
        case 0:
            out += subject + deciding(&rng)
        case 1:
            out += subject + clause(positive: rng.chance(0.5), using: &rng) + ["but"] + deciding(&rng)
        default:
            out += ["although"] + clause(positive: rng.chance(0.5), using: &rng) + [","] + subject + deciding(&rng)
        }
        if rng.chance(0.6) { out.append(rng.pick(closers)) }
        return out
    }

    /// `["not"] [intensifier] sentiment` whose meaning is `positive`: negated half the time, with
    /// a word of the opposite polarity then.
    static func clause<G: RandomNumberGenerator>(positive: Bool, using rng: inout G) -> [String] {
        let negated = rng.chance(0.5)
        var out: [String] = negated ? ["not"] : []
        if rng.chance(0.3) { out.append(rng.pick(intensifiers)) }
        out.append(rng.pick(positive != negated ? positiveWords : negativeWords))
        return out
    }
}
