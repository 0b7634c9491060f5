import Datasets
import Engine

/// Loads the dataset a spec names, as plain arrays, with its validation split.
enum DataLoader {
    static func load(_ data: DataSpec, streams: RandomStreams) throws -> SequenceDataset {
        var rng = streams.sampling
        var dataset: SequenceDataset
        switch data.dataset {
        case .synthetic:
            dataset = SyntheticReviews.make(trainCount: data.samples, validationCount: data.validationSamples,
                                            maxLen: data.maxLen, using: &rng)
        }
        if case .fraction(let f) = data.validation {
            (dataset.train, dataset.validation) = dataset.train.split(validationFraction: f, using: &rng)
        }
        return dataset
    }
}
