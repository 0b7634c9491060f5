/// A long short-term memory layer (Hochreiter & Schmidhuber; Keras `LSTM`, PyTorch `nn.LSTM`).
///
/// Per direction the parameters are `weight_ih` `[4H, D]`, `weight_hh` `[4H, H]` and one `bias`
/// `[4H]` (PyTorch's `bias_ih + bias_hh`; Keras's single bias), gates in PyTorch's order
/// i, f, g, o; the backward direction's names end in `_reverse`. At each step, with σ the gate
/// activation:
///
///     i, f, o = σ(W_i* x_t + W_h* h_{t-1} + b_*),  g = tanh(W_ig x_t + W_hg h_{t-1} + b_g)
///     c_t = f ⊙ c_{t-1} + i ⊙ g,                   h_t = o ⊙ tanh(c_t)
///
/// Initialised as Keras does: `weight_ih` by the options' `kernelInitializer` (glorot uniform),
/// `weight_hh` by their `recurrentInitializer` (orthogonal), `bias` by their `biasInitializer`
/// (zeros) with ones for the forget gate when `unitForgetBias` (see `LSTMCell.initialBias`).
/// Each direction draws `weight_ih`, then `weight_hh`, then `bias`, the forward direction first.
public final class LSTM: RecurrentLayer {
    /// An LSTM reading `[batch, time, inputSize]`, its weights drawn from `streams.initialization`
    /// and its dropout masks from `streams.dropout`. `unitForgetBias` is Keras's
    /// `unit_forget_bias`: the forget gate's bias starts at 1 (default true).
    public init(inputSize: Int, options: RecurrentOptions, unitForgetBias: Bool = true, name: String = "lstm",
                streams: RandomStreams) {
        let cells = RecurrentLayer.directionSuffixes(options).map {
            LSTMCell(inputSize: inputSize, options: options, unitForgetBias: unitForgetBias, suffix: $0,
                     rng: streams.initialization)
        }
        super.init(inputSize: inputSize, options: options, name: name, cells: cells, hasCellState: true,
                   dropoutStream: streams.dropout)
    }
}

/// One direction of an LSTM.
///
/// Each step makes one product, `[x_t | 1 | h_{t-1} ⊙ mask]` by `[W_ih | bias | W_hh]ᵀ`, rather
/// than adding a step of one input projection over all steps (cuDNN's recipe, which the GRU
/// keeps because its `n` gate needs `W_hn h` apart): the pre-activations come out in cache just
/// before the gate math reads them, and backward gets every weight gradient and the bias
/// gradient from one product, `daᵀ [x | 1 | h_{t-1} ⊙ mask]` (measured in BENCHMARKS.md).
final class LSTMCell: RecurrentCell {
    let weightIH: Parameter
    let weightHH: Parameter
    let bias: Parameter
    let parameters: [Parameter]
    private let inputSize: Int
    private let units: Int
    private let gate: Activation

    /// Pre-activations of every step, `[time, batch, 4H]` in rows `gateStride` floats apart,
    /// overwritten by the gates i, f, g, o, and in backward by `∂L/∂` the pre-activations, step
    /// by step as the gates are read for the last time: written where they were just read, they
    /// cost no fetch from memory.
    private let gates = Workspace()
    /// `c_t`, `[time, batch, H]`.
    private let cells = Workspace()
    /// `tanh c_t`, `[time, batch, H]`, kept for backward.
    private let cellTanh = Workspace()
    /// `h_t`, `[time, batch, H]`.
    private let hidden = Workspace()
    /// `[x_t | 1 | h_{t-1} ⊙ mask]` of every step, `[time, batch, D + 1 + H]`: the left side of
    /// step `t`'s one product, and in backward of the weight gradients' product. The layer
    /// writes `x_t` into it (`inputRows`).
    private let stepInputs = Workspace()
    /// `[W_ih | bias | W_hh]ᵀ`, `[D + 1 + H, 4H]`, packed at each forward, so that one product a
    /// step gives the pre-activations with their bias (its first `D + 1` rows alone when
    /// `h_{t-1}` is zero).
    private let packedWeights = Workspace()
    /// Backward: `W_hh`, `[4H, H]`, packed for the steps' products.
    private let packedRecurrentWeights = Workspace()
    /// Backward: `W_ih`, `[4H, D]`, packed for the input gradient.
    private let packedInputWeights = Workspace()
    /// `h_0` and `c_0`, `[batch, H]` each.
    private let initialHidden = Workspace()
    private let initialCell = Workspace()
    /// Backward: `∂L/∂[W_ih | bias | W_hh]` of the batch, `[4H, D + 1 + H]`.
    private let joinedGradient = Workspace()
    /// Backward: `∂L/∂(h_{t-1} ⊙ mask)` from step `t`'s recurrent product, `[batch, H]`.
    private let recurrentInputGradient = Workspace()
    /// Backward: `∂L/∂c_{t-1}` carried from step `t`, `[batch, H]`.
    private let cellGradient = Workspace()
    /// Backward, for one row per part of the batch: `σ'` of the gates i, f and o, `∂L/∂h_t` and
    /// `∂L/∂c_t`, `[5H]` each.
    private let rowScratch = Workspace()

    var hiddenStates: UnsafePointer<Float> { UnsafePointer(hidden.pointer) }

    init(inputSize: Int, options: RecurrentOptions, unitForgetBias: Bool, suffix: String, rng: RandomStream) {
        let h = options.units, g = 4 * h
        var wih = Tensor(shape: [g, inputSize])
        options.kernelInitializer.fill(&wih, fanIn: inputSize, fanOut: g, rng: rng)
        var whh = Tensor(shape: [g, h])
        options.recurrentInitializer.fill(&whh, fanIn: h, fanOut: g, rng: rng)
        weightIH = Parameter(name: "weight_ih" + suffix, value: wih)
        weightHH = Parameter(name: "weight_hh" + suffix, value: whh)
        bias = Parameter(name: "bias" + suffix, value: Self.initialBias(
            units: h, initializer: options.biasInitializer, unitForgetBias: unitForgetBias, rng: rng))
        parameters = [weightIH, weightHH, bias]
        self.inputSize = inputSize
        units = h
        gate = options.recurrentActivation
    }

    /// The bias `[4H]` as Keras's LSTM starts it (Keras's gate order i, f, c, o is the engine's
    /// i, f, g, o). With `unitForgetBias`, Keras draws the input gate's slice `[H]`, then the
    /// cell and output gates' slice `[2H]`, each as a vector of its own (so glorot_uniform takes
    /// fans H and 2H), and the forget gate's slice is ones, drawing nothing. Without, it draws the
    /// whole bias as one vector of `4H`.
    static func initialBias(units h: Int, initializer: Initializer, unitForgetBias: Bool, rng: RandomStream) -> Tensor {
        guard unitForgetBias else { return Tensor(shape: [4 * h], scalars: initializer.vector(4 * h, rng: rng)) }
        let input = initializer.vector(h, rng: rng)
        let cellAndOutput = initializer.vector(2 * h, rng: rng)
        return Tensor(shape: [4 * h], scalars: input + [Float](repeating: 1, count: h) + cellAndOutput)
    }

    /// The distance between rows of `gates`: `4H` floats, and one cache line more when that is a
    /// multiple of 1 KB. Rows a multiple of 4 KB apart (`4H` = 1024 for 256 units) fall in the
    /// same set of the L1 cache, so the products that read a column of them (the backward
    /// steps', a tile's rows at once; OpenBLAS's packing of `da`) would evict their own lines.
    static func gateStride(units: Int) -> Int {
        4 * units % 256 == 0 ? 4 * units + 16 : 4 * units
    }

    /// The width of a row of `stepInputs`, `[x_t | 1 | h_{t-1} ⊙ mask]`: `D + 1 + H`, the stride
    /// the layer writes `x_t` at and the loops read every row at.
    private var stepInputWidth: Int { inputSize + 1 + units }

    func inputRows(batch: Int, steps: Int) -> (rows: UnsafeMutablePointer<Float>, stride: Int) {
        (stepInputs.reserve(batch * steps * stepInputWidth), stepInputWidth)
    }

    func forward(
        _ sequence: RecurrentSequence, initial: RecurrentState?, recurrentMask mask: UnsafePointer<Float>,
        profiler: Profiler
    ) -> RecurrentState {
        let B = sequence.batch, T = sequence.steps, D = inputSize, H = units, G = 4 * H, L = stepInputWidth
        let S = Self.gateStride(units: H)
        let a = gates.reserve(B * T * S), c = cells.reserve(B * T * H), h = hidden.reserve(B * T * H)
        let tc = cellTanh.reserve(B * T * H), z = stepInputs.pointer
        let c0 = initialCell.copy(initial?.cell, orZeros: B * H)
        let h0 = initialHidden.copy(initial?.hidden, orZeros: B * H)
        // The input side of every step: W = [W_ih | bias | W_hh] and each row's [x_t | 1 | ·],
        // x_t already written by the layer.
        let w = profiler.measure(.inputProjections) {
            Parallel.forEachRow(T * B) { r in z[r * L + D] = 1 }
            let w = PackedMatrix(rows: L, columns: G, into: packedWeights.reserve(
                PackedMatrix.storageCount(rows: L, columns: G)))
            weightIH.value.withUnsafePointer { w.setRows(0..<D, from: $0, ld: D, transposed: true) }
            bias.value.withUnsafePointer { w.setRows(D..<(D + 1), from: $0, ld: 1, transposed: true) }
            weightHH.value.withUnsafePointer { w.setRows((D + 1)..<L, from: $0, ld: H, transposed: true) }
            return w
        }
        // The time loop, on each part of the batch's rows separately.
        profiler.timeLoop(rows: B, parts: Parallel.partCount(rows: B)) { _, rows, clock in
            sequence.storeMasked(h0, mask, into: z + D + 1, stride: L, time: sequence.time(0), width: H, rows: rows)
            for step in 0..<T {
                let t = sequence.time(step), first = rows.lowerBound
                // a_t = [x_t | 1 | h_{t-1} ⊙ mask] Wᵀ, without the zeros of h_0 when it is zero.
                w.multiply(m: rows.count, z + (t * B + first) * L, lda: L, a + (t * B + first) * S, ldc: S,
                           firstRows: step == 0 && initial == nil ? D + 1 : nil)
                clock.lap(product: true)
                let prev = sequence.previous(step, initial: c0, states: c, width: H)
                for b in rows {
                    let ab = a + (t * B + b) * S, cPrev = prev + b * H
                    let cb = c + (t * B + b) * H, tcb = tc + (t * B + b) * H, hb = h + (t * B + b) * H
                    // Pass by pass over contiguous rows, so that each loop vectorises:
                    // the gates i and f, g, o, then c_t, tanh c_t and h_t.
                    gate.apply(to: ab, count: 2 * H)
                    Activation.tanh.apply(to: ab + 2 * H, count: H)
                    gate.apply(to: ab + 3 * H, count: H)
                    for j in 0..<H { cb[j] = ab[H + j] * cPrev[j] + ab[j] * ab[2 * H + j] }
                    for j in 0..<H { tcb[j] = FastMath.tanh(cb[j]) }
                    for j in 0..<H { hb[j] = ab[3 * H + j] * tcb[j] }
                }
                if step + 1 < T {
                    sequence.storeMasked(h + t * B * H, mask, into: z + D + 1, stride: L,
                                         time: sequence.time(step + 1), width: H, rows: rows)
                }
                clock.lap(product: false)
            }
        }
        let last = sequence.time(T - 1)
        return RecurrentState(hidden: sequence.rows(at: last, of: h, width: H),
                              cell: sequence.rows(at: last, of: c, width: H))
    }

    func backward(
        _ sequence: RecurrentSequence, hiddenGradient dh: UnsafePointer<Float>,
        recurrentMask mask: UnsafePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>?,
        initialStateGradient: Bool, profiler: Profiler
    ) -> RecurrentState? {
        let B = sequence.batch, T = sequence.steps, D = inputSize, H = units, G = 4 * H, L = stepInputWidth
        let S = Self.gateStride(units: H)
        let a = gates.pointer, c = cells.pointer, tc = cellTanh.pointer, z = stepInputs.pointer
        // The time loop overwrites the gates with their gradients; the name after it says so.
        let c0 = initialCell.pointer, da = a
        let dhp = recurrentInputGradient.zeroed(B * H), dc = cellGradient.zeroed(B * H)
        let parts = Parallel.partCount(rows: B), scratch = rowScratch.reserve(parts * 5 * H)
        let whh = profiler.measure(.recurrentSteps) {
            PackedMatrix(weightHH.value, transposed: false, into: packedRecurrentWeights)
        }
        // The time loop, on each part of the batch's rows separately.
        profiler.timeLoop(rows: B, parts: parts) { part, rows, clock in
            // σ' of i and f in dg[0..<2H], of o in dg[2H..<3H].
            let dg = scratch + part * 5 * H, dht = dg + 3 * H, dct = dg + 4 * H
            for step in stride(from: T - 1, through: 0, by: -1) {
                let t = sequence.time(step), first = rows.lowerBound
                let prev = sequence.previous(step, initial: c0, states: c, width: H)
                for b in rows {
                    // The gates i, f, g, o of row b, replaced by their gradients (`da`) below.
                    let ab = a + (t * B + b) * S, cPrev = prev + b * H, tanhC = tc + (t * B + b) * H
                    let dhb = dh + (t * B + b) * H, dhpb = dhp + b * H, mb = mask + b * H, dcb = dc + b * H
                    // Pass by pass over contiguous rows, so that each loop vectorises: σ' of the
                    // gates, ∂L/∂h_t, ∂L/∂c_t, ∂L/∂c_{t-1}, then the gate gradients in place of
                    // the gates, each gate overwritten after its last read (i and g together,
                    // as each one's gradient reads the other).
                    gate.derivative(output: ab, into: dg, count: 2 * H)
                    gate.derivative(output: ab + 3 * H, into: dg + 2 * H, count: H)
                    for j in 0..<H { dht[j] = dhb[j] + dhpb[j] * mb[j] }
                    for j in 0..<H { dct[j] = dcb[j] + dht[j] * ab[3 * H + j] * (1 - tanhC[j] * tanhC[j]) }
                    for j in 0..<H { dcb[j] = dct[j] * ab[H + j] }
                    Lanes.forEach(0..<H) { j, k in
                        let i = Lanes.load(ab + j, count: k), g = Lanes.load(ab + 2 * H + j, count: k)
                        let d = Lanes.load(dct + j, count: k)
                        Lanes.store(d * g * Lanes.load(dg + j, count: k), ab + j, count: k)
                        Lanes.store(d * i * (1 - g * g), ab + 2 * H + j, count: k)
                    }
                    for j in 0..<H { ab[H + j] = dct[j] * cPrev[j] * dg[H + j] }
                    for j in 0..<H { ab[3 * H + j] = dht[j] * tanhC[j] * dg[2 * H + j] }
                }
                clock.lap(product: false)
                // ∂L/∂(h_{t-1} ⊙ mask) = da_t W_hh, masked as it enters the previous step.
                if step > 0 || initialStateGradient {
                    whh.multiply(m: rows.count, da + (t * B + first) * S, lda: S, dhp + first * H, ldc: H)
                }
                clock.lap(product: true)
            }
        }
        profiler.measure(.backwardProducts) {
            // The weight gradients over every step at once, one product: ∂L/∂W = daᵀ [x | 1 | h_{t-1} ⊙ mask].
            let dw = joinedGradient.reserve(G * L)
            Parallel.gemm(transposeA: true, m: G, n: L, k: B * T, da, lda: S, z, ldb: L, dw, ldc: L)
            weightIH.gradient.withUnsafeMutablePointer { dwih in
                weightHH.gradient.withUnsafeMutablePointer { dwhh in
                    bias.gradient.withUnsafeMutablePointer { db in
                        Parallel.forEachRow(G) { g in
                            let row = dw + g * L
                            for k in 0..<D { dwih[g * D + k] += row[k] }
                            db[g] += row[D]
                            for k in 0..<H { dwhh[g * H + k] += row[D + 1 + k] }
                        }
                    }
                }
            }
            if let dx {
                let wih = PackedMatrix(weightIH.value, transposed: false, into: packedInputWeights)
                Parallel.multiply(m: B * T, da, lda: S, wih, dx, ldc: D)
            }
        }
        guard initialStateGradient else { return nil }
        return RecurrentState(
            hidden: sequence.initialHiddenGradient(recurrent: dhp, mask: mask, direct: nil, width: H),
            cell: sequence.matrix(dc, width: H))
    }
}
