/// One direction of a recurrent layer: the part that differs between an LSTM and a GRU.
///
/// A cell owns its direction's parameters and the buffers its backward pass reads. Everything
/// else (directions, dropout masks, slicing the output, carrying state) is `RecurrentLayer`'s.
///
/// Buffers are `[time, batch, width]`, time-major, so time step `t` of one is a contiguous
/// `batch × width` matrix starting at `t * batch * width`: the per-step products and the
/// elementwise passes of a step read and write consecutive memory. `RecurrentLayer` converts
/// from and to its batch-major `[batch, time, features]` tensors.
protocol RecurrentCell: AnyObject {
    /// This direction's parameters in a fixed order.
    var parameters: [Parameter] { get }

    /// `h_t` of every step of the last forward, `[time, batch, units]`.
    var hiddenStates: UnsafePointer<Float> { get }

    /// Where the next `forward` over `batch × steps` reads its input `x`: room for its rows,
    /// time-major (`[time, batch, inputSize]`), each `stride` floats after the one before. The
    /// layer writes them (masked, if it drops inputs) straight into the memory the cell's
    /// products read, and the cell keeps them for `backward`.
    func inputRows(batch: Int, steps: Int) -> (rows: UnsafeMutablePointer<Float>, stride: Int)

    /// Runs the cell over `sequence` from `initial` (zeros when nil, and then the first step
    /// makes no recurrent product), reading the input written at `inputRows` and multiplying
    /// `h_{t-1}` by `recurrentMask` (`[batch, units]`) where it enters the recurrent product.
    /// Returns the state after the last step. Reports its time to `profiler`.
    func forward(
        _ sequence: RecurrentSequence, initial: RecurrentState?, recurrentMask: UnsafePointer<Float>,
        profiler: Profiler
    ) -> RecurrentState

    /// Backpropagates through the last forward, which read its input with `recurrentMask`, once: it
    /// overwrites buffers of that forward (the gates) with gradients.
    /// `hiddenGradient` is `∂L/∂h_t` from above for every step (`[time, batch, units]`).
    /// Accumulates the parameter gradients, writes `∂L/∂x` into `inputGradient` unless it is nil,
    /// and returns the gradient with respect to the initial state if `initialStateGradient`
    /// (else nil, and the first step makes no product for it). Reports its time to `profiler`.
    func backward(
        _ sequence: RecurrentSequence, hiddenGradient: UnsafePointer<Float>,
        recurrentMask: UnsafePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        initialStateGradient: Bool, profiler: Profiler
    ) -> RecurrentState?
}

/// The geometry of one direction's pass over a batch, and the pointer arithmetic both cells share.
struct RecurrentSequence {
    let batch: Int
    let steps: Int
    /// The backward direction of a bidirectional layer takes the time steps last to first.
    let reversed: Bool

    /// The time index read at the `step`-th step taken.
    @inline(__always)
    func time(_ step: Int) -> Int { reversed ? steps - 1 - step : step }

    /// The state before `step`, `[batch, width]`: the initial state at step 0, else the previous
    /// step's matrix of `states` (`[time, batch, width]`).
    @inline(__always)
    func previous(_ step: Int, initial: UnsafePointer<Float>, states: UnsafePointer<Float>, width: Int) -> UnsafePointer<Float> {
        step == 0 ? initial : states + time(step - 1) * batch * width
    }

    /// Writes `state ⊙ mask` into time step `t` of `buffer` (`[time, batch, stride]`, of whose
    /// rows it writes the first `width` elements) for the batch rows `rows`; `state` and `mask`
    /// are `[batch, width]`.
    func storeMasked(
        _ state: UnsafePointer<Float>, _ mask: UnsafePointer<Float>,
        into buffer: UnsafeMutablePointer<Float>, stride: Int, time t: Int, width: Int, rows: Range<Int>
    ) {
        for b in rows {
            let row = buffer + (t * batch + b) * stride, s = state + b * width, m = mask + b * width
            for j in 0..<width { row[j] = s[j] * m[j] }
        }
    }

    /// Time step `t` of `buffer` (`[time, batch, width]`) as a `[batch, width]` tensor.
    func rows(at t: Int, of buffer: UnsafePointer<Float>, width: Int) -> Tensor {
        matrix(buffer + t * batch * width, width: width)
    }

    /// `∂L/∂h_0`: `recurrent ⊙ mask` (the gradient that came through the first step's recurrent
    /// product) plus `direct` (the gradient of the paths that bypass it, if the cell has any).
    func initialHiddenGradient(
        recurrent: UnsafePointer<Float>, mask: UnsafePointer<Float>, direct: UnsafePointer<Float>?, width: Int
    ) -> Tensor {
        var out = Tensor(shape: [batch, width])
        out.withUnsafeMutablePointer { o in
            for k in 0..<(batch * width) { o[k] = recurrent[k] * mask[k] + (direct?[k] ?? 0) }
        }
        return out
    }

    /// A `[batch, width]` tensor holding a copy of the matrix at `p`.
    func matrix(_ p: UnsafePointer<Float>, width: Int) -> Tensor {
        Tensor(shape: [batch, width], scalars: Array(UnsafeBufferPointer(start: p, count: batch * width)))
    }
}
