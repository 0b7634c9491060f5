/// Texts with a class each, before they are tokenised.
public struct LabelledTexts: Equatable, Sendable {
    /// Each text, UTF-8.
    public var texts: [[UInt8]] = []
    /// Each text's class index.
    public var labels: [Int32] = []
    /// The files whose text is not valid UTF-8 (read with replacement characters), in reading order.
    public var invalidUTF8: [InvalidUTF8] = []

    /// Texts with the given labels.
    public init(texts: [[UInt8]] = [], labels: [Int32] = [], invalidUTF8: [InvalidUTF8] = []) {
        self.texts = texts
        self.labels = labels
        self.invalidUTF8 = invalidUTF8
    }

    /// Adds one text of class `label`, read from `file`.
    mutating func append(_ text: [UInt8], label: Int32, file: String) {
        texts.append(text)
        labels.append(label)
        if let invalid = InvalidUTF8(text, file: file) { invalidUTF8.append(invalid) }
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
        self.init(train: examples(train), validation: examples(validation), classNames: classNames, vocabulary: vocabulary.words,
                  invalidUTF8: train.invalidUTF8 + validation.invalidUTF8)
    }
}
