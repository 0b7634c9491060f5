/// Texts with a class each, before they are tokenised.
public struct LabelledTexts: Equatable, Sendable {
    /// Each text, UTF-8.
    public var texts: [[UInt8]] = []
    /// Each text's class index.
    public var labels: [Int32] = []

    /// Texts with the given labels.
    public init(texts: [[UInt8]] = [], labels: [Int32] = []) {
        self.texts = texts
        self.labels = labels
    }

    /// Adds one text of class `label`.
    mutating func append(_ text: [UInt8], label: Int32) {
        texts.append(text)
        labels.append(label)
    }
}

extension SequenceDataset {
    /// A dataset of tokenised texts: the vocabulary of `vocabularySize` ids fitted on the
    /// training texts (`Vocabulary`), every text encoded (starting with id 1) and padded or cut
    /// to `maxLen` as Keras's `pad_sequences` does.
    public init(
        encoding train: LabelledTexts, validation: LabelledTexts, classNames: [String],
        vocabularySize: Int, maxLen: Int, padding: SequenceEnd = .pre, truncating: SequenceEnd = .pre
    ) {
        let vocabulary = Vocabulary(fittingOn: train.texts, size: vocabularySize)
        func examples(_ texts: LabelledTexts) -> SequenceExamples {
            let ids = padSequences(texts.texts.map(vocabulary.encode), maxLen: maxLen, padding: padding, truncating: truncating)
            return SequenceExamples(values: .tokens(ids), exampleShape: [maxLen], labels: texts.labels)
        }
        self.init(train: examples(train), validation: examples(validation), classNames: classNames, vocabulary: vocabulary.words)
    }
}
