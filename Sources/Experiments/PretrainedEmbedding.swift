import Datasets
import Engine

/// The starting rows of an `init: glove` embedding, read for a dataset's vocabulary.
struct PretrainedEmbedding {
    /// `[vocabulary size, dim]`, ready for `Embedding.setRows`.
    var rows: Tensor
    /// What was found, for the user: "9,802 of 9,997 words found in glove.6B.50d.txt.gz".
    var coverage: String

    /// Reads the vectors of `vocabulary` from the file at `path`. Rows of words the file lacks
    /// stay zero, or with `missing_words: random` are drawn as Keras's embedding draws them
    /// (uniform ±0.05) from the initialisation stream.
    init(_ spec: EmbeddingSpec, path: String, vocabulary: [String], streams: RandomStreams) throws {
        let vectors = try GloVe.vectors(from: path, for: vocabulary, dimension: spec.dim)
        var values = vectors.values
        if spec.missingWords == "random" {
            for id in vectors.missing {
                for j in 0..<spec.dim { values[id * spec.dim + j] = streams.initialization.nextFloat(in: -0.05, 0.05) }
            }
        }
        rows = Tensor(shape: [vocabulary.count, spec.dim], scalars: values)
        coverage = "\(grouped(vectors.found)) of \(grouped(vectors.total)) words found in \(path)"
    }
}
