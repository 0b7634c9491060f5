import Datasets
import Engine

/// What the model is fed: one example's shape, and whether its values are token ids.
struct InputDescription: Equatable {
    /// `[time]` for token ids, `[time, features]` for feature sequences.
    var exampleShape: [Int]
    /// The number of distinct token ids, for token inputs; nil for features.
    var vocabularySize: Int?

    init(exampleShape: [Int], vocabularySize: Int?) {
        self.exampleShape = exampleShape
        self.vocabularySize = vocabularySize
    }

    /// The input of a model trained on `examples`; `vocabularySize` counts only for token ids.
    init(_ examples: SequenceExamples, vocabularySize: Int?) {
        if case .tokens = examples.values {
            self.init(exampleShape: examples.exampleShape, vocabularySize: vocabularySize)
        } else {
            self.init(exampleShape: examples.exampleShape, vocabularySize: nil)
        }
    }
}

/// An engine model compiled from a spec, with the loss that trains it.
public struct BuiltModel {
    /// The layers, the output layer last.
    public let model: Sequential
    /// Binary cross-entropy on one logit for two classes, softmax cross-entropy for more.
    public let loss: Loss
    /// One example's input shape.
    public let inputShape: [Int]
}

/// Compiles the `model:` list of a spec (and its `embedding:`) into an engine model.
///
/// Layer names follow Keras: the first of a kind is `lstm`, the next `lstm_1`, and so on. The
/// output layer follows from the task and is called `output`: one logit for two classes (trained
/// with binary cross-entropy on logits), `k` logits for `k` classes (softmax cross-entropy), and
/// for a language model one logit per token of the vocabulary at every step (`classCount` is
/// then the vocabulary's size); its initializers are the spec's `outputLayer`.
///
/// Weights are drawn from `streams.initialization` layer by layer in the model's order, the
/// output layer last; within a layer as the engine's layers document (a dense layer's kernel,
/// then its bias). Zeros draw nothing, so a bias left at its default changes no other draw.
enum ModelBuilder {
    /// `pretrained` holds the embedding's starting rows when the spec says `init: glove`.
    static func build(_ spec: ExperimentSpec, file: String, input: InputDescription, classCount: Int,
                      pretrained: Tensor? = nil, streams: RandomStreams) throws -> BuiltModel {
        var names = LayerNames()
        var layers: [Layer] = []
        var shape = input.exampleShape

        func append(_ layer: Layer) {
            layers.append(layer)
            shape = layer.outputShape(forInput: shape)
        }

        if let vocabularySize = input.vocabularySize {
            guard let embedding = spec.embedding else {
                throw RunError.embeddingRequired(file: file, dataset: spec.data.dataset.rawValue)
            }
            let oneHot = embedding.initializer == .oneHot
            let layer = Embedding(vocabularySize: vocabularySize, dimension: oneHot ? vocabularySize : embedding.dim,
                                  trainable: embedding.trainable, name: names.next("embedding"),
                                  initializer: embedding.embeddingsInitializer.engine, streams: streams)
            if let pretrained { layer.setRows(pretrained) }
            if oneHot { layer.setRows(identity(vocabularySize)) }
            append(layer)
        }

        for layer in spec.model {
            switch layer {
            case .lstm(let r):
                append(LSTM(inputSize: shape.last!, options: r.options, unitForgetBias: r.unitForgetBias,
                            name: names.next("lstm"), streams: streams))
            case .gru(let r):
                append(GRU(inputSize: shape.last!, options: r.options, name: names.next("gru"), streams: streams))
            case .dense(let d):
                append(Dense(inputSize: shape.last!, units: d.units, activation: Activation(rawValue: d.activation)!,
                             name: names.next("dense"), kernelInitializer: d.kernelInitializer.engine,
                             biasInitializer: d.biasInitializer.engine, streams: streams))
            case .dropout(let rate):
                append(Dropout(rate: Float(rate), name: names.next("dropout"), streams: streams))
            }
        }

        if !spec.data.dataset.labelsWholeSequences {
            guard shape.count == 2 else {
                throw RunError.modelDoesNotFitTask(
                    file: file, reason: "a language model needs a sequence at every step, but the model ends with shape \(shape)")
            }
            append(outputLayer(spec.outputLayer, inputSize: shape[1], units: classCount, streams: streams))
            return BuiltModel(model: Sequential(layers), loss: .softmaxCrossEntropy, inputShape: input.exampleShape)
        }
        guard shape.count == 1 else {
            throw RunError.modelDoesNotFitTask(
                file: file,
                reason: "the model ends with a sequence of shape \(shape) but the task needs one prediction per example; "
                    + "set return_sequences: false on the last recurrent layer")
        }
        let binary = classCount == 2
        append(outputLayer(spec.outputLayer, inputSize: shape[0], units: binary ? 1 : classCount, streams: streams))
        return BuiltModel(model: Sequential(layers), loss: binary ? .binaryCrossEntropy : .softmaxCrossEntropy,
                          inputShape: input.exampleShape)
    }
}

/// The output layer, linear (the loss applies the sigmoid or softmax), started as `spec` says.
private func outputLayer(_ spec: OutputLayerSpec, inputSize: Int, units: Int, streams: RandomStreams) -> Dense {
    Dense(inputSize: inputSize, units: units, name: "output", kernelInitializer: spec.kernelInitializer.engine,
          biasInitializer: spec.biasInitializer.engine, streams: streams)
}

/// The `n × n` identity matrix: the rows of a one-hot embedding.
private func identity(_ n: Int) -> Tensor {
    var rows = Tensor(shape: [n, n])
    for i in 0..<n { rows.scalars[i * n + i] = 1 }
    return rows
}

/// Keras-style unique layer names: `lstm`, `lstm_1`, `lstm_2`, …
private struct LayerNames {
    private var counts: [String: Int] = [:]

    mutating func next(_ base: String) -> String {
        let n = counts[base, default: 0]
        counts[base] = n + 1
        return n == 0 ? base : "\(base)_\(n)"
    }
}

extension RecurrentSpec {
    /// The engine's options for this layer.
    var options: RecurrentOptions {
        RecurrentOptions(units: units, returnSequences: returnSequences, bidirectional: bidirectional,
                         dropout: Float(dropout), recurrentDropout: Float(recurrentDropout),
                         recurrentActivation: Activation(rawValue: recurrentActivation)!, stateful: stateful,
                         kernelInitializer: kernelInitializer.engine, recurrentInitializer: recurrentInitializer.engine,
                         biasInitializer: biasInitializer.engine)
    }
}

extension InitializerSpec {
    /// The engine's initialiser of this name and settings.
    var engine: Initializer {
        switch self {
        case .glorotUniform: return .glorotUniform
        case .orthogonal(let gain): return .orthogonal(gain: Float(gain))
        case .randomUniform(let minval, let maxval): return .uniform(low: Float(minval), high: Float(maxval))
        case .zeros: return .zeros
        }
    }
}
