/// A dense array of `Float` in row-major order with a shape.
///
/// A value type with copy-on-write storage. The last dimension is contiguous. Sequence tensors
/// are `[batch, time, features]` throughout the engine (Keras's and PyTorch's `batch_first`).
/// Token ids enter the engine as `Float` values; every id below 2^24 is exact.
public struct Tensor: Equatable, Sendable {
    /// The extent of each dimension.
    public private(set) var shape: [Int]
    /// The elements, `shape.reduce(1, *)` of them.
    public var scalars: [Float]

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        require(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor of `shape` whose elements `initialize` writes, every one of them, into memory
    /// not zeroed first (given `nil` when the shape holds no element): for a tensor about to be
    /// overwritten, which a zero-fill would only slow down.
    public init(shape: [Int], initializingWith initialize: (UnsafeMutablePointer<Float>?) -> Void) {
        require(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        let count = shape.reduce(1, *)
        self.shape = shape
        self.scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialize(count == 0 ? nil : buffer.baseAddress)
            initialized = count
        }
    }

    /// A tensor of `shape` holding `scalars`.
    public init(shape: [Int], scalars: [Float]) {
        require(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) values, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// The number of elements.
    public var count: Int { scalars.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The same elements under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Gives this tensor `newShape`, reusing its storage when the element count allows, and sets
    /// every element to zero. Layers call it on their workspaces at the start of a batch.
    public mutating func resize(to newShape: [Int]) {
        let n = newShape.reduce(1, *)
        shape = newShape
        if scalars.count == n {
            scalars.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            scalars = [Float](repeating: 0, count: n)
        }
    }

    /// Sets every element to zero, keeping the shape.
    public mutating func zero() {
        scalars.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// The element at a multi-dimensional index (for tests and small code; not for hot loops).
    public subscript(_ index: Int...) -> Float {
        get { scalars[offset(index)] }
        set { scalars[offset(index)] = newValue }
    }

    private func offset(_ index: [Int]) -> Int {
        require(index.count == shape.count, "index \(index) for shape \(shape)")
        var o = 0
        for (i, d) in zip(index, shape) {
            require(i >= 0 && i < d, "index \(index) out of range for shape \(shape)")
            o = o * d + i
        }
        return o
    }

    /// Calls `body` with a pointer to the elements.
    @inlinable
    public func withUnsafePointer<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// Calls `body` with a mutable pointer to the elements.
    @inlinable
    public mutating func withUnsafeMutablePointer<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let head = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(scalars.count > 8 ? ", …" : "")])"
    }
}
