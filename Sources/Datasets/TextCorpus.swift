/// A plain-text corpus for language modelling: the training text (and, when given, validation and
/// test texts) as one long stream of token ids each, with the vocabulary built from the training
/// stream.
///
/// Tokens are characters (grapheme clusters) or words (split on white space). A line end becomes
/// a space (`LineEnds.space`; for words it just separates them) or the token `<eos>`
/// (`LineEnds.eos`), as the PTB recipes write it. Ids follow frequency in the training stream, ties
/// broken by first appearance, after the reserved `<unk>` (id 0), which stands for every token of
/// the validation or test text that training never saw.
public struct TextCorpus: Equatable, Sendable {
    /// What one token is.
    public enum Tokens: String, CaseIterable, Sendable {
        /// One character (a grapheme cluster: `é` or `分` alike).
        case char
        /// One word: a maximal run of non-white-space characters.
        case word
    }

    /// What a line end becomes.
    public enum LineEnds: String, CaseIterable, Sendable {
        /// The token `<eos>`.
        case eos
        /// A space: a token of its own for characters, a word separator for words.
        case space
    }

    /// The token of id 0: any token not in the vocabulary.
    public static let unknown = "<unk>"
    /// The token a line end becomes with `LineEnds.eos`.
    public static let endOfLine = "<eos>"

    /// The training stream.
    public var train: [Int32]
    /// The validation stream; empty when there is none.
    public var validation: [Int32]
    /// The test stream; empty when there is none.
    public var test: [Int32]
    /// The token of each id; `vocabulary[0]` is `unknown`.
    public var vocabulary: [String]
    /// The texts that were not valid UTF-8 and were read with replacement characters.
    public var invalidUTF8: [InvalidUTF8]

    public init(train: [Int32], validation: [Int32], test: [Int32], vocabulary: [String], invalidUTF8: [InvalidUTF8] = []) {
        self.train = train
        self.validation = validation
        self.test = test
        self.vocabulary = vocabulary
        self.invalidUTF8 = invalidUTF8
    }

    /// Reads the corpus: the training text at `train`, keeping its first `limit` tokens when
    /// given; validation on the text at `valid`, or else on the last `validationFraction` of the
    /// training tokens (a contiguous tail, rounded to the nearest token; none when nil); test on
    /// the text at `test` when given. Files may be gzip-compressed.
    public static func load(
        train: String, valid: String?, test: String?, tokens: Tokens, lineEnds: LineEnds, limit: Int?,
        validationFraction: Double?
    ) throws(DatasetError) -> TextCorpus {
        var invalidUTF8: [InvalidUTF8] = []
        func read(_ path: String) throws(DatasetError) -> [String] {
            let bytes = try DataFiles.read(path)
            if let invalid = InvalidUTF8(bytes, file: path) { invalidUTF8.append(invalid) }
            let words = Self.tokens(of: String(decoding: bytes, as: UTF8.self), tokens, lineEnds: lineEnds)
            guard !words.isEmpty else { throw .emptyFile(path: path) }
            return words
        }
        var trainTokens = try read(train)
        if let limit { trainTokens = Array(trainTokens.prefix(limit)) }
        var validTokens: [String] = []
        if let valid {
            validTokens = try read(valid)
        } else if let validationFraction {
            let tail = Int((Double(trainTokens.count) * validationFraction).rounded())
            validTokens = Array(trainTokens.suffix(tail))
            trainTokens.removeLast(tail)
            guard !trainTokens.isEmpty else { throw .emptySplit(path: train, split: "training") }
        }
        let testTokens = try test.map(read) ?? []
        let vocabulary = TokenVocabulary(fittingOn: trainTokens)
        return TextCorpus(train: vocabulary.encode(trainTokens), validation: vocabulary.encode(validTokens),
                          test: vocabulary.encode(testTokens), vocabulary: vocabulary.tokens, invalidUTF8: invalidUTF8)
    }

    /// The tokens of `text`.
    public static func tokens(of text: String, _ tokens: Tokens, lineEnds: LineEnds) -> [String] {
        let lineEnd = lineEnds == .eos ? endOfLine : " "
        switch tokens {
        case .char:
            return text.map { $0.isNewline ? lineEnd : String($0) }
        case .word:
            var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            if lines.last?.isEmpty == true { lines.removeLast() }
            return lines.flatMap { line in
                line.split(whereSeparator: \.isWhitespace).map(String.init) + (lineEnds == .eos ? [endOfLine] : [])
            }
        }
    }
}

/// The ids of a corpus's tokens: `<unk>` first, then the tokens by decreasing frequency, ties
/// broken by first appearance.
public struct TokenVocabulary: Equatable, Sendable {
    /// The token of each id.
    public let tokens: [String]
    private let ids: [String: Int32]

    /// The vocabulary of `stream`.
    public init(fittingOn stream: [String]) {
        var counts: [String: Int] = [:], order: [String] = []
        for token in stream where token != TextCorpus.unknown {
            if counts[token] == nil { order.append(token) }
            counts[token, default: 0] += 1
        }
        let ranked = order.enumerated().sorted { a, b in
            counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
        }
        self.init(tokens: [TextCorpus.unknown] + ranked.map(\.element))
    }

    /// The vocabulary whose id `n` is `tokens[n]` (as read back from `vocab.txt`).
    public init(tokens: [String]) {
        self.tokens = tokens
        var ids: [String: Int32] = [:]
        for (i, token) in tokens.enumerated() where ids[token] == nil { ids[token] = Int32(i) }
        self.ids = ids
    }

    /// The id of `token`, nil when it is not in the vocabulary.
    public func id(of token: String) -> Int32? { ids[token] }

    /// The ids of `stream`, 0 (`<unk>`) for tokens not in the vocabulary.
    public func encode(_ stream: [String]) -> [Int32] {
        stream.map { ids[$0] ?? 0 }
    }

    public static func == (a: TokenVocabulary, b: TokenVocabulary) -> Bool { a.tokens == b.tokens }
}
