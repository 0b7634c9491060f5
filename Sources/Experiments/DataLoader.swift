import Datasets
import Engine

/// Finds and loads the dataset a spec names, as plain arrays, with its validation split.
enum DataLoader {
    /// Where the files of `data` are: its `path` if given, else the dataset's usual names, under
    /// the locator's folders. Nil for datasets that read no files.
    static func locate(_ data: DataSpec, with locator: DataLocator) throws -> String? {
        let given = data.path.map { [$0] }
        switch data.dataset {
        case .synthetic:
            return nil
        case .imdb:
            return try locator.locate(given ?? IMDB.usualNames, hint: IMDB.downloadHint)
        case .idxImages:
            return try locator.locate(given ?? IDXImages.usualNames, extraFolders: [IDXImages.systemFolder],
                                      hint: IDXImages.downloadHint, accept: IDXImages.holdsImages)
        case .textFolder, .textTable:
            return try locator.locate(given!, hint: "Set data.path to the \(data.dataset.rawValue)'s location.")
        }
    }

    /// The dataset of `data`, its files at `path` (from `locate`).
    static func load(_ data: DataSpec, path: String?, streams: RandomStreams) throws -> SequenceDataset {
        var rng = streams.sampling
        var dataset: SequenceDataset
        let padding = SequenceEnd(rawValue: data.padding)!, truncating = SequenceEnd(rawValue: data.truncating)!
        switch data.dataset {
        case .synthetic:
            dataset = SyntheticReviews.make(trainCount: data.samples, validationCount: data.validationSamples,
                                            maxLen: data.maxLen, using: &rng)
        case .imdb:
            dataset = try IMDB.load(from: path!, vocabularySize: data.vocabSize!, maxLen: data.maxLen,
                                    padding: padding, truncating: truncating)
        case .idxImages:
            dataset = try IDXImages.load(from: path!, by: IDXImages.Reading(rawValue: data.sequence)!)
        case .textFolder, .textTable:
            fatalError("not yet")
        }
        if case .fraction(let f) = data.validation {
            (dataset.train, dataset.validation) = dataset.train.split(validationFraction: f, using: &rng)
        }
        return dataset
    }
}
