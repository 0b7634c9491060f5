import Engine

/// The two recurrent layers, so a test can run once for each.
enum RecurrentKind: String, CaseIterable {
    case lstm, gru

    func make(inputSize: Int, options: RecurrentOptions, streams: RandomStreams) -> RecurrentLayer {
        switch self {
        case .lstm: return LSTM(inputSize: inputSize, options: options, streams: streams)
        case .gru: return GRU(inputSize: inputSize, options: options, streams: streams)
        }
    }
}

/// A tensor of `shape` uniform in `±scale`.
func randomTensor(_ shape: [Int], scale: Float = 1, seed: UInt64) -> Tensor {
    let rng = RandomStream(seed: seed)
    var t = Tensor(shape: shape)
    for i in 0..<t.count { t.scalars[i] = rng.nextFloat(in: -scale, scale) }
    return t
}

/// Sets every parameter of `layer` to values uniform in `±scale`, so biases are not all zero.
func randomizeParameters(of layer: Layer, scale: Float = 0.5, seed: UInt64) {
    for (k, p) in layer.parameters.enumerated() {
        p.value = randomTensor(p.value.shape, scale: scale, seed: seed &+ UInt64(k))
    }
}

/// A random initial state for every direction of `layer` at batch size `batch`.
func randomState(for layer: RecurrentLayer, batch: Int, seed: UInt64) -> [RecurrentState] {
    let shape = [batch, layer.options.units]
    return (0..<(layer.options.bidirectional ? 2 : 1)).map { d in
        RecurrentState(hidden: randomTensor(shape, seed: seed &+ UInt64(2 * d)),
                       cell: layer is LSTM ? randomTensor(shape, seed: seed &+ UInt64(2 * d + 1)) : nil)
    }
}
