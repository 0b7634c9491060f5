/// A lookup table from token ids to vectors, as Keras's `Embedding` without `mask_zero`.
///
/// Input: token ids as `Float` values, shape `[batch, time]`; output `[batch, time, dimension]`.
/// Id 0 (padding) is an ordinary row. Parameter, PyTorch-style: `weight` `[vocabularySize,
/// dimension]`.
///
/// The gradient is sparse in what it touches: backward adds each step's output gradient to the
/// row of its id and leaves every other row alone. The gradient tensor itself is dense (PyTorch's
/// `sparse=False`), so optimizers update the whole table as usual.
public final class Embedding: Layer {
    public var name: String
    /// Ids are not differentiable: backward always returns an empty tensor.
    public var computesInputGradient = false
    public let vocabularySize: Int
    public let dimension: Int
    public let weight: Parameter
    public var parameters: [Parameter] { [weight] }

    /// A frozen table (pretrained GloVe vectors, say) gets no gradient and no updates; its
    /// backward does nothing.
    public var isTrainable: Bool {
        get { weight.isTrainable }
        set { weight.isTrainable = newValue }
    }

    /// The ids of the last training forward, kept only when the table is trainable.
    private var ids: Tensor?
    private var output = Tensor(shape: [0])

    /// A table of `vocabularySize` rows of `dimension`, drawn by `initializer`: by default uniform
    /// in ±0.05, as Keras's `embeddings_initializer` does.
    public init(vocabularySize: Int, dimension: Int, trainable: Bool = true, name: String = "embedding",
                initializer: Initializer = .uniform(limit: 0.05), streams: RandomStreams) {
        guard vocabularySize > 0, dimension > 0 else {
            fatalError("\(name): needs vocabularySize and dimension above 0, got \(vocabularySize) and \(dimension)")
        }
        self.name = name
        self.vocabularySize = vocabularySize
        self.dimension = dimension
        var table = Tensor(shape: [vocabularySize, dimension])
        initializer.fill(&table, fanIn: vocabularySize, fanOut: dimension, rng: streams.initialization)
        weight = Parameter(name: "weight", value: table, isTrainable: trainable)
    }

    /// Replaces the whole table, e.g. with GloVe vectors; `values` must be `[vocabularySize, dimension]`.
    public func setRows(_ values: Tensor) {
        guard values.shape == [vocabularySize, dimension] else {
            fatalError("\(name): setRows needs [\(vocabularySize), \(dimension)], got \(values.shape)")
        }
        weight.value = values
    }

    public func outputShape(forInput inputShape: [Int]) -> [Int] {
        inputShape + [dimension]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        guard input.rank == 2 else {
            fatalError("\(name): expected token ids [batch, time], got shape \(input.shape)")
        }
        output.resize(to: outputShape(forInput: input.shape))
        output.withUnsafeMutablePointer { out in
            weight.value.withUnsafePointer { table in
                input.withUnsafePointer { ids in
                    for i in 0..<input.count {
                        let row = rowIndex(ids[i], position: i, steps: input.shape[1])
                        (out + i * dimension).update(from: table + row * dimension, count: dimension)
                    }
                }
            }
        }
        ids = training && isTrainable ? input : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard isTrainable else { return Tensor(shape: [0]) }
        guard let ids else { fatalError("\(name): backward without a training forward") }
        guard outputGradient.shape == outputShape(forInput: ids.shape) else {
            fatalError("\(name): output gradient \(outputGradient.shape) does not match output \(outputShape(forInput: ids.shape))")
        }
        // Scatter-add: the gradient row of id k collects the output gradient of every step reading k.
        weight.gradient.withUnsafeMutablePointer { dTable in
            outputGradient.withUnsafePointer { dOut in
                ids.withUnsafePointer { id in
                    for i in 0..<ids.count {
                        let dRow = dTable + Int(id[i]) * dimension
                        let dStep = dOut + i * dimension
                        for d in 0..<dimension { dRow[d] += dStep[d] }
                    }
                }
            }
        }
        return Tensor(shape: [0])
    }

    /// The table row of a token id, which must be a whole number in `0..<vocabularySize`.
    @inline(__always)
    private func rowIndex(_ id: Float, position: Int, steps: Int) -> Int {
        guard let row = Int(exactly: id), row >= 0, row < vocabularySize else {
            fatalError("\(name): token id \(id) at [\(position / steps), \(position % steps)] is not a whole number in 0..<\(vocabularySize)")
        }
        return row
    }
}
