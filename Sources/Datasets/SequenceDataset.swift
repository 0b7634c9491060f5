/// Examples of one split, as plain arrays.
///
/// Example `i` occupies the `exampleShape.reduce(1, *)` values starting at
/// `i * exampleShape.reduce(1, *)`, and its class is `labels[i]`.
public struct SequenceExamples: Equatable, Sendable {
    /// The inputs of all examples, one after the other.
    public enum Values: Equatable, Sendable {
        /// Token ids, `count * maxLen` of them (0 is padding).
        case tokens([Int32])
        /// Feature vectors, `count * time * featureSize` of them.
        case features([Float])

        /// The number of ids or floats.
        public var count: Int {
            switch self {
            case .tokens(let ids): ids.count
            case .features(let xs): xs.count
            }
        }
    }

    /// The inputs: tokens `count * maxLen` ids; features `count * time * featureSize` floats.
    public var values: Values
    /// The shape of one example: `[time]` for tokens, `[time, featureSize]` for features.
    public var exampleShape: [Int]
    /// One class index per example.
    public var labels: [Int32]
    /// The number of examples.
    public var count: Int { labels.count }

    /// Examples with the given values, shape of one example and labels.
    public init(values: Values, exampleShape: [Int], labels: [Int32]) {
        self.values = values
        self.exampleShape = exampleShape
        self.labels = labels
    }

    /// The examples at `indices`, in that order.
    func selecting(_ indices: [Int]) -> SequenceExamples {
        let size = exampleShape.reduce(1, *)
        func gather<T>(_ all: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(indices.count * size)
            for i in indices { out.append(contentsOf: all[i * size ..< (i + 1) * size]) }
            return out
        }
        let picked: Values
        switch values {
        case .tokens(let ids): picked = .tokens(gather(ids))
        case .features(let xs): picked = .features(gather(xs))
        }
        return SequenceExamples(values: picked, exampleShape: exampleShape, labels: indices.map { labels[$0] })
    }
}

extension SequenceExamples {
    /// The examples split at random into a training and a validation part; the validation part
    /// holds `validationFraction` of them (rounded to the nearest whole example), and both parts
    /// keep the shuffled order. The result depends only on the state of `rng`.
    public func split(
        validationFraction: Double, using rng: inout some RandomNumberGenerator
    ) -> (train: SequenceExamples, validation: SequenceExamples) {
        precondition((0...1).contains(validationFraction), "validation fraction \(validationFraction) is not in 0...1")
        var order = Array(0..<count)
        rng.shuffle(&order)
        let validationCount = Int((Double(count) * validationFraction).rounded())
        return (selecting(Array(order[validationCount...])), selecting(Array(order[..<validationCount])))
    }
}

/// A dataset ready for training.
public struct SequenceDataset: Equatable, Sendable {
    /// The examples to train on.
    public var train: SequenceExamples
    /// The examples to measure on.
    public var validation: SequenceExamples
    /// The name of each class; the index is the class.
    public var classNames: [String]
    /// For token datasets, the word of each id: 0 `<pad>`, 1 `<start>`, 2 `<oov>`, words from 3
    /// (the conventions of `keras.datasets.imdb`). `nil` for feature datasets.
    public var vocabulary: [String]?
    /// The files whose text was not valid UTF-8 and was read with replacement characters.
    public var invalidUTF8: [InvalidUTF8]

    /// A dataset of the given splits, class names and vocabulary.
    public init(train: SequenceExamples, validation: SequenceExamples, classNames: [String], vocabulary: [String]?,
                invalidUTF8: [InvalidUTF8] = []) {
        self.train = train
        self.validation = validation
        self.classNames = classNames
        self.vocabulary = vocabulary
        self.invalidUTF8 = invalidUTF8
    }
}
