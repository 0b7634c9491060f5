import Datasets
import Engine
import Foundation

/// Finds and loads the dataset a spec names, as plain arrays, with its validation split.
enum DataLoader {
    /// Where the files of `data` are: its `path` if given, else the known dataset's usual names,
    /// under the locator's folders; when they are nowhere, the download of `url` and `sha256`
    /// (or the known dataset's own) in the download cache. `announce` hears of a download before
    /// it starts. Nil for datasets that read no files.
    static func locate(_ data: DataSpec, with locator: DataLocator, announce: (String) -> Void = { _ in }) throws -> String? {
        if data.dataset == .synthetic { return nil }
        let download = data.url.flatMap(URL.init(string:)).map { RemoteFile(url: $0, sha256: data.sha256!) }
        if let path = data.path { return try locator.locate(path: path, download: download, announce: announce) }
        switch data.dataset {
        case .imdb: return try locator.locate(.imdb, download: download, announce: announce)
        case .idxImages: return try locator.locate(.fashionMNIST, announce: announce)
        case .synthetic, .textFolder, .textTable, .textCorpus: return nil
        }
    }

    /// The corpus of a `text_corpus` spec, its training text at `path` (from `locate`), its
    /// `valid` and `test` texts found by `locator`.
    static func loadCorpus(_ data: DataSpec, path: String, with locator: DataLocator) throws -> TextCorpus {
        var fraction: Double?
        if case .fraction(let f) = data.validation { fraction = f }
        return try TextCorpus.load(
            train: path, valid: try data.valid.map { try locator.locate(path: $0) },
            test: try data.test.map { try locator.locate(path: $0) },
            tokens: TextCorpus.Tokens(rawValue: data.tokens)!, lineEnds: TextCorpus.LineEnds(rawValue: data.lineEnds)!,
            limit: data.limit, validationFraction: fraction)
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
        case .textFolder:
            dataset = try TextFolder.load(from: path!, vocabularySize: data.vocabSize!, maxLen: data.maxLen,
                                          padding: padding, truncating: truncating)
        case .textTable:
            dataset = try TextTable.load(train: path!, textColumn: data.textColumn, labelColumn: data.labelColumn,
                                         vocabularySize: data.vocabSize!, maxLen: data.maxLen,
                                         padding: padding, truncating: truncating)
        case .textCorpus:
            preconditionFailure("a text_corpus is a token stream, read by loadCorpus")
        }
        switch data.validation {
        case .fraction(let f):
            (dataset.train, dataset.validation) = dataset.train.split(validationFraction: f, using: &rng)
        case .test where dataset.validation.count == 0:
            throw RunError.noTestSplit(dataset: data.dataset.rawValue, path: path ?? "")
        case .test:
            break
        case .none:
            dataset.validation = SequenceExamples(values: dataset.train.values.emptied, exampleShape: dataset.train.exampleShape,
                                                  labels: [])
        }
        return dataset
    }

    /// Checks that `dataset` (read from `source`) can train a classifier in batches of
    /// `batchSize`: at least one full batch of training examples, of at least two classes.
    static func checkTrainable(_ dataset: SequenceDataset, batchSize: Int, source: String) throws(RunError) {
        let train = dataset.train
        guard batchSize <= train.count else {
            throw .batchLargerThanData(batchSize: batchSize, examples: train.count, data: source)
        }
        if let first = train.labels.first, train.labels.allSatisfy({ $0 == first }) {
            throw .singleClass(data: source, className: dataset.classNames[Int(first)])
        }
    }
}

private extension SequenceExamples.Values {
    /// Values of the same kind, none of them.
    var emptied: Self {
        switch self {
        case .tokens: return .tokens([])
        case .features: return .features([])
        }
    }
}
