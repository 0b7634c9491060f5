import Datasets
import Engine

/// Turns the plain arrays of a dataset split into engine tensors, one mini-batch at a time.
///
/// Token ids become `Float` values (exact below 2^24), shaped `[batch, time]`; features keep
/// their `[batch, time, featureSize]` shape. Labels become `[batch]` class indices.
struct Batches {
    let examples: SequenceExamples
    private let exampleSize: Int

    init(_ examples: SequenceExamples) {
        self.examples = examples
        self.exampleSize = examples.exampleShape.reduce(1, *)
        precondition(examples.values.count == examples.count * exampleSize,
                     "\(examples.values.count) input values for \(examples.count) examples of \(exampleSize)")
    }

    /// The inputs and targets of the examples at `indices`, in that order.
    func batch(_ indices: ArraySlice<Int>) -> (inputs: Tensor, targets: Tensor) {
        let n = indices.count, size = exampleSize
        // Bounds-checked: every index names an example, whose row the copy below then reads.
        let targets = indices.map { Float(examples.labels[$0]) }
        // Row by row through pointers, into memory not zeroed first: a Fashion-MNIST batch is
        // 100,352 floats, which element-by-element array indexing (bounds-checked here) took
        // 0.25 ms to copy.
        let inputs = Tensor(shape: [n] + examples.exampleShape) { out in
            guard let out else { return }
            switch examples.values {
            case .tokens(let ids):
                ids.withUnsafeBufferPointer { ids in
                    for (row, i) in indices.enumerated() {
                        let dst = out + row * size, src = ids.baseAddress! + i * size
                        for j in 0..<size { (dst + j).initialize(to: Float(src[j])) }
                    }
                }
            case .features(let xs):
                xs.withUnsafeBufferPointer { xs in
                    for (row, i) in indices.enumerated() {
                        (out + row * size).initialize(from: xs.baseAddress! + i * size, count: size)
                    }
                }
            }
        }
        return (inputs, Tensor(shape: [n], scalars: targets))
    }

    /// Every example as one batch, in order: `[count] + exampleShape` inputs and `[count]` targets.
    var all: (inputs: Tensor, targets: Tensor) {
        batch(Array(0..<examples.count)[...])
    }

    /// `0..<count` cut into consecutive slices of at most `size`; the last may be shorter.
    static func slices(of order: [Int], size: Int) -> [ArraySlice<Int>] {
        stride(from: 0, to: order.count, by: size).map { order[$0..<min($0 + size, order.count)] }
    }
}
