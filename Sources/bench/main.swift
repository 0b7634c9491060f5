import Engine
import Foundation

/// Times training epochs of the IMDB recurrent workload on the engine, on random token ids of
/// the real shapes, so that it can be compared with `scripts/bench/torch_epoch.py`.
///
///     bench [EPOCHS] [--cell gru|lstm] [--threads N] [--batches N]
///
/// The model is the `imdb_gru` (or `imdb_lstm`) experiment's: frozen embedding 10000×50,
/// recurrent(64, return_sequences, dropout 0.5), recurrent(64, dropout 0.5), dense 32 relu,
/// dropout 0.5, dense 1 (a logit), binary cross-entropy on logits, Adam 0.001, batch 128 over
/// 25,000 sequences of 80 steps (196 batches, the last one partial). Only the training loop is
/// timed (forward, loss, backward, optimizer step); making the data is not.

struct Options {
    var epochs = 1
    var cell = "gru"
    var threads = 2
    /// Batches per epoch; fewer than 196 makes a short run for a profiler.
    var batches = Int.max

    static let usage = "usage: bench [EPOCHS] [--cell gru|lstm] [--threads N] [--batches N]"

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(of flag: String) -> String {
            guard let v = rest.popFirst() else { Options.fail("\(flag) needs a value") }
            return v
        }
        func count(_ text: String, of flag: String) -> Int {
            guard let n = Int(text), n > 0 else { Options.fail("\(flag) needs a whole number above 0, got \(text)") }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--cell":
                cell = value(of: argument)
                guard cell == "gru" || cell == "lstm" else { Options.fail("--cell is gru or lstm, got \(cell)") }
            case "--threads": threads = count(value(of: argument), of: argument)
            case "--batches": batches = count(value(of: argument), of: argument)
            case "-h", "--help":
                print(Options.usage)
                exit(0)
            default: epochs = count(argument, of: "EPOCHS")
            }
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

let sequences = 25_000, steps = 80, vocabulary = 10_000, embeddingSize = 50, units = 64, batchSize = 128

/// The floating-point operations of the matrix products of one training epoch, counted
/// analytically: a product of an `m×k` by a `k×n` matrix is `2·m·k·n`. Over the `N = sequences ×
/// steps` rows of one epoch, a recurrent layer with `G` gate rows (3H for a GRU, 4H for an LSTM)
/// on `D` inputs does, forward, the input projection `2·N·D·G` and the per-step recurrent
/// products `2·N·H·G`; backward, the weight gradients `2·N·G·D + 2·N·G·H`, the recurrent
/// gradient through the steps `2·N·G·H`, and the input gradient `2·N·G·D` unless its input
/// needs none (the first layer, fed by a frozen embedding). Dense layers count `2·B·in·out`
/// forward and twice that backward (the last layer's input gradient included). Elementwise
/// work (gates, activations, the optimizer) is not counted.
func epochFLOPs(gateRows g: Int) -> Double {
    let n = Double(sequences * steps), h = Double(units), gates = Double(g * units)
    func recurrent(inputs d: Double, inputGradient: Bool) -> Double {
        let forward = 2 * n * d * gates + 2 * n * h * gates
        let backward = 2 * n * gates * (d + h) + 2 * n * gates * h + (inputGradient ? 2 * n * gates * d : 0)
        return forward + backward
    }
    let b = Double(sequences)
    let dense = 3 * 2 * b * (h * 32) + 3 * 2 * b * 32
    return recurrent(inputs: Double(embeddingSize), inputGradient: false) + recurrent(inputs: h, inputGradient: true) + dense
}

/// The experiment's model, initialised from `streams`.
func makeModel(cell: String, streams: RandomStreams) -> Sequential {
    func recurrent(_ inputSize: Int, returnSequences: Bool, name: String) -> Layer {
        let options = RecurrentOptions(units: units, returnSequences: returnSequences, dropout: 0.5)
        return cell == "gru"
            ? GRU(inputSize: inputSize, options: options, name: name, streams: streams)
            : LSTM(inputSize: inputSize, options: options, name: name, streams: streams)
    }
    return Sequential([
        Embedding(vocabularySize: vocabulary, dimension: embeddingSize, trainable: false, streams: streams),
        recurrent(embeddingSize, returnSequences: true, name: cell),
        recurrent(units, returnSequences: false, name: cell + "_1"),
        Dense(inputSize: units, units: 32, activation: .relu, name: "dense", streams: streams),
        Dropout(rate: 0.5, streams: streams),
        Dense(inputSize: 32, units: 1, name: "dense_1", streams: streams),
    ])
}

/// Random token ids in `3..<vocabulary` and random 0/1 labels, cut into batches in order.
func makeBatches(rng: RandomStream) -> [(inputs: Tensor, targets: Tensor)] {
    stride(from: 0, to: sequences, by: batchSize).map { start in
        let b = min(batchSize, sequences - start)
        let ids = (0..<(b * steps)).map { _ in Float(3 + rng.nextInt(below: vocabulary - 3)) }
        let labels = (0..<b).map { _ in Float(rng.nextInt(below: 2)) }
        return (Tensor(shape: [b, steps], scalars: ids), Tensor(shape: [b], scalars: labels))
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
BLAS.setThreadCount(options.threads)
let streams = RandomStreams(seed: 42)
let model = makeModel(cell: options.cell, streams: streams)
let batches = Array(makeBatches(rng: streams.sampling).prefix(options.batches))
let optimizer = Adam(learningRate: 0.001)
let flops = epochFLOPs(gateRows: options.cell == "gru" ? 3 : 4)
    * Double(batches.reduce(0) { $0 + $1.targets.count }) / Double(sequences)
print("bench: \(options.cell), \(batches.count) batches, \(options.threads) BLAS threads, \(String(format: "%.3f", flops / 1e12)) TFLOP per epoch")

let clock = ContinuousClock()
for epoch in 1...options.epochs {
    var loss = 0.0
    let started = clock.now
    for (inputs, targets) in batches {
        let result = Loss.binaryCrossEntropy.evaluate(logits: model.forward(inputs, training: true), targets: targets)
        model.zeroGradients()
        model.backward(result.gradient)
        optimizer.step(model.trainableParameters)
        loss += Double(result.loss) * Double(targets.count)
    }
    let seconds = Double((clock.now - started) / .microseconds(1)) / 1e6
    let meanLoss = loss / Double(batches.reduce(0) { $0 + $1.targets.count })
    print(String(format: "epoch %d: %.3f s, %.1f GFLOP/s, loss %.6f", epoch, seconds, flops / seconds / 1e9, meanLoss))
}
