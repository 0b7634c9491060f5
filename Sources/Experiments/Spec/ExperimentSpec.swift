/// One experiment, as declared in its YAML file, with every default filled in.
///
/// Values come from `SpecLoader`, which has already checked them: a spec in hand is valid
/// (units at least 1, dropout rates in [0, 1), a model whose layers fit together, ...).
/// The initialisers give the same defaults as a file that leaves the keys out.
public struct ExperimentSpec: Equatable, Sendable {
    /// The experiment's name; also the name of its results folder (`[A-Za-z0-9_.-]+`).
    public var name: String
    /// The seed of every random stream of the run. Default 42.
    public var seed: UInt64
    public var data: DataSpec
    /// The token embedding; present whenever the dataset gives token ids.
    public var embedding: EmbeddingSpec?
    /// The hidden layers in order. The output layer is not listed: it follows from the task.
    public var model: [LayerSpec]
    /// How the output layer starts: the `- output:` entry that may end the `model:` list.
    public var outputLayer: OutputLayerSpec
    public var training: TrainingSpec
    /// Text generated while a language model trains; nil for none.
    public var generation: GenerationSpec?
    public var output: OutputSpec

    public init(
        name: String, seed: UInt64 = 42, data: DataSpec, embedding: EmbeddingSpec? = nil,
        model: [LayerSpec], outputLayer: OutputLayerSpec = OutputLayerSpec(), training: TrainingSpec = TrainingSpec(),
        generation: GenerationSpec? = nil, output: OutputSpec = OutputSpec()
    ) {
        self.name = name
        self.seed = seed
        self.data = data
        self.embedding = embedding
        self.model = model
        self.outputLayer = outputLayer
        self.training = training
        self.generation = generation
        self.output = output
    }
}

/// Where the examples come from (the `data:` section). Which keys a file may set depends on the
/// dataset (`DatasetKind.settings`); the others keep their defaults and are not written to
/// `config.yaml`.
public struct DataSpec: Equatable, Sendable {
    public var dataset: DatasetKind
    /// `samples`: how many training examples a generated dataset makes. Default 2000.
    public var samples: Int
    /// `val_samples`: how many held-out examples a generated dataset makes. Default 500.
    public var validationSamples: Int
    /// `max_len`: the sequence length of token datasets. Default 12 for `synthetic`, 80 for text.
    public var maxLen: Int
    /// `vocab_size`: how many token ids to keep, the reserved 0, 1 and 2 included. Default 10000
    /// for text datasets; nil for the others.
    public var vocabSize: Int?
    /// `padding`: where short sequences get their zeros, `pre` or `post`. Default `pre` (Keras).
    public var padding: String
    /// `truncating`: where long sequences lose tokens, `pre` or `post`. Default `pre` (Keras).
    public var truncating: String
    /// `text_column` of a `text_table`. Default `text`.
    public var textColumn: String
    /// `label_column` of a `text_table`. Default `label`.
    public var labelColumn: String
    /// `sequence` of `idx_images`: each image read as a sequence of its `rows` or `columns`. Default `rows`.
    public var sequence: String
    /// `validation`: what the validation metrics are measured on. Default `test`.
    public var validation: ValidationSplit
    /// `path`: where the dataset's files are, when it reads files; nil to look in the usual places.
    /// For `text_corpus`, the training text (required).
    public var path: String?
    /// `tokens` of a `text_corpus`: `char` or `word`. Default `char`.
    public var tokens: String
    /// `line_ends` of a `text_corpus`: `space` or `eos`. Default `space` for characters, `eos` for words.
    public var lineEnds: String
    /// `limit` of a `text_corpus`: use only the first this many training tokens; nil: all of them.
    public var limit: Int?
    /// `valid` of a `text_corpus`: the validation text; nil to take a tail of the training text.
    public var valid: String?
    /// `test` of a `text_corpus`: a test text, measured once after training; nil for none.
    public var test: String?
    /// `url`: where to download the data file when it is nowhere on disk (`https`, or `http` to
    /// this machine); given together with `sha256`. Nil: no download (`imdb` then has its own).
    public var url: String?
    /// `sha256`: the SHA-256 the downloaded file must have, 64 lower-case hexadecimal digits.
    public var sha256: String?

    public init(
        dataset: DatasetKind, samples: Int = 2000, validationSamples: Int = 500, maxLen: Int? = nil,
        vocabSize: Int? = nil, padding: String = "pre", truncating: String = "pre", textColumn: String = "text",
        labelColumn: String = "label", sequence: String = "rows", validation: ValidationSplit = .test,
        path: String? = nil, tokens: String = "char", lineEnds: String? = nil, limit: Int? = nil,
        valid: String? = nil, test: String? = nil, url: String? = nil, sha256: String? = nil
    ) {
        self.dataset = dataset
        self.samples = samples
        self.validationSamples = validationSamples
        self.maxLen = maxLen ?? (dataset == .synthetic ? 12 : 80)
        self.vocabSize = vocabSize ?? (dataset.readsText ? 10_000 : nil)
        self.padding = padding
        self.truncating = truncating
        self.textColumn = textColumn
        self.labelColumn = labelColumn
        self.sequence = sequence
        self.validation = validation
        self.path = path
        self.tokens = tokens
        self.lineEnds = lineEnds ?? (tokens == "word" ? "eos" : "space")
        self.limit = limit
        self.valid = valid
        self.test = test
        self.url = url
        self.sha256 = sha256
    }

    /// The values `padding` and `truncating` take.
    public static let sequenceEnds = ["pre", "post"]
    /// The values `sequence` takes.
    public static let imageSequences = ["rows", "columns"]
    /// The values `tokens` takes.
    public static let tokenKinds = ["char", "word"]
    /// The values `line_ends` takes.
    public static let lineEndChoices = ["space", "eos"]
}

/// The datasets the runner knows, by the name an experiment file uses.
public enum DatasetKind: String, CaseIterable, Equatable, Sendable {
    /// Sequences generated by the project itself from the seed: no download.
    case synthetic
    /// The Large Movie Review Dataset (`aclImdb/` or its `.tar.gz`): positive or negative.
    case imdb
    /// Text files in one sub-folder per class.
    case textFolder = "text_folder"
    /// A CSV, TSV or JSON Lines file with a text column and a label column.
    case textTable = "text_table"
    /// MNIST-format IDX image files (Fashion-MNIST by default); each image a sequence of rows.
    case idxImages = "idx_images"
    /// A plain-text corpus for a language model: one training text, optional `valid` and `test` texts.
    case textCorpus = "text_corpus"

    /// Whether examples are sequences of token ids, which need an `embedding:` section.
    public var givesTokens: Bool { self != .idxImages }

    /// Whether examples are text read from files and tokenised.
    public var readsText: Bool { self == .imdb || self == .textFolder || self == .textTable }

    /// Whether the task gives one label per sequence (so the model must end in one vector per
    /// example) rather than one per time step.
    public var labelsWholeSequences: Bool { self != .textCorpus }

    /// The keys of a download, which the datasets read from one file take.
    static let downloadSettings = ["url", "sha256"]

    /// The keys of `data:` this dataset reads, besides `dataset`.
    public var settings: [String] {
        let text = ["vocab_size", "max_len", "padding", "truncating", "validation"]
        switch self {
        case .synthetic: return ["samples", "val_samples", "max_len", "validation"]
        case .imdb: return ["path"] + Self.downloadSettings + text
        case .textFolder: return ["path"] + text
        case .textTable: return ["path"] + Self.downloadSettings + text + ["text_column", "label_column"]
        case .idxImages: return ["path", "sequence", "validation"]
        case .textCorpus: return ["path"] + Self.downloadSettings + ["valid", "test", "tokens", "line_ends", "limit", "validation"]
        }
    }
}

/// What the validation metrics are measured on.
public enum ValidationSplit: Equatable, Sendable {
    /// The dataset's own held-out split (for `text_corpus`, its `valid` text).
    case test
    /// This fraction of the training examples, in (0, 1), held out before training.
    case fraction(Double)
    /// No validation (`validation: none`; `text_corpus` only).
    case none
}

/// The token embedding (the `embedding:` section).
public struct EmbeddingSpec: Equatable, Sendable {
    /// The size of each token's vector; at least 1. For `init: one_hot`, 0: the vectors are as
    /// long as the vocabulary.
    public var dim: Int
    /// `init`: how the vectors start. Default `random`.
    public var initializer: EmbeddingInit
    /// The pretrained vectors' file, for `init: glove`.
    public var path: String?
    /// Whether training updates the vectors. Default true.
    public var trainable: Bool
    /// `missing_words`: how words the pretrained file lacks start, `zeros` or `random`. Default `zeros`.
    public var missingWords: String
    /// `embeddings_initializer`: how the vectors of `init: random` are drawn. Default Keras's,
    /// uniform in ±0.05.
    public var embeddingsInitializer: InitializerSpec

    public init(dim: Int, initializer: EmbeddingInit = .random, path: String? = nil, trainable: Bool = true,
                missingWords: String = "zeros", embeddingsInitializer: InitializerSpec = .kerasUniform) {
        self.dim = dim
        self.initializer = initializer
        self.path = path
        self.trainable = trainable
        self.missingWords = missingWords
        self.embeddingsInitializer = embeddingsInitializer
    }

    /// The values `missing_words` takes.
    public static let missingWordChoices = ["zeros", "random"]
}

/// How an embedding's vectors start.
public enum EmbeddingInit: String, CaseIterable, Equatable, Sendable {
    /// Drawn by `embeddings_initializer` (Keras's uniform ±0.05 unless it says otherwise).
    case random
    /// Pretrained GloVe vectors read from `path`.
    case glove
    /// Frozen one-hot vectors, as long as the vocabulary: the token itself is the input, as in
    /// the character-level language models of d2l.
    case oneHot = "one_hot"
}

/// The `output:` section: how results are written. (The output layer's initializers are the
/// `- output:` entry of `model:`, `OutputLayerSpec`.)
public struct OutputSpec: Equatable, Sendable {
    /// Fixed decimals of the numbers in results, 0...10. Default 4.
    public var decimals: Int

    public init(decimals: Int = 4) {
        self.decimals = decimals
    }
}
