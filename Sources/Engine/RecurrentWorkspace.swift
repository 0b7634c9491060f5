/// Scratch memory of a recurrent layer: allocated on first use, grown when a batch needs more,
/// and otherwise reused, so that forward and backward allocate nothing inside their time loops.
///
/// Raw memory rather than a `Tensor`, so the numeric code can hold plain pointers to a dozen
/// buffers at once without nesting a closure per buffer.
final class Workspace {
    /// The first element; valid for the count last reserved.
    private(set) var pointer: UnsafeMutablePointer<Float>
    private var capacity: Int

    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: 0)
        capacity = 1
    }

    deinit { pointer.deallocate() }

    /// Room for `count` floats, keeping the current contents when no growth is needed.
    @discardableResult
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            capacity = count
        }
        return pointer
    }

    /// Room for `count` floats, all set to zero.
    func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = reserve(count)
        p.update(repeating: 0, count: count)
        return p
    }
}

extension Workspace {
    /// Room for the elements of `tensor`, holding a copy of them.
    func copy(_ tensor: Tensor) -> UnsafeMutablePointer<Float> {
        let p = reserve(tensor.count)
        tensor.withUnsafePointer { p.update(from: $0, count: tensor.count) }
        return p
    }

    /// A copy of `tensor`, or `count` zeros when it is nil.
    func copy(_ tensor: Tensor?, orZeros count: Int) -> UnsafeMutablePointer<Float> {
        tensor.map { copy($0) } ?? zeroed(count)
    }
}
