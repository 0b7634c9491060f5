/// A gated recurrent unit layer (Cho et al.) in the `reset_after` form of Keras 2+ and PyTorch
/// (`nn.GRU`).
///
/// Per direction the parameters are `weight_ih` `[3H, D]`, `weight_hh` `[3H, H]`, `bias_ih`
/// `[3H]` and `bias_hh` `[3H]`, gates in PyTorch's order r, z, n; the backward direction's
/// names end in `_reverse`. At each step, with σ the gate activation:
///
///     r = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr),  z = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
///     n = tanh(W_in x_t + b_in + r ⊙ (W_hn h_{t-1} + b_hn))
///     h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
///
/// Initialised as Keras does: `weight_ih` by the options' `kernelInitializer` (glorot uniform),
/// `weight_hh` by their `recurrentInitializer` (orthogonal), and both biases by their
/// `biasInitializer` (zeros) as the rows of one `[2, 3H]` matrix, `bias_ih` first: Keras's GRU
/// bias (so glorot_uniform takes fan_in 2 and fan_out 3H). Each direction draws `weight_ih`,
/// then `weight_hh`, then the biases, the forward direction first.
public final class GRU: RecurrentLayer {
    /// A GRU reading `[batch, time, inputSize]`, its weights drawn from `streams.initialization`
    /// and its dropout masks from `streams.dropout`.
    public init(inputSize: Int, options: RecurrentOptions, name: String = "gru", streams: RandomStreams) {
        let cells = RecurrentLayer.directionSuffixes(options).map {
            GRUCell(inputSize: inputSize, options: options, suffix: $0, rng: streams.initialization)
        }
        super.init(inputSize: inputSize, options: options, name: name, cells: cells, hasCellState: false,
                   dropoutStream: streams.dropout)
    }
}

/// One direction of a GRU.
final class GRUCell: RecurrentCell {
    let weightIH: Parameter
    let weightHH: Parameter
    let biasIH: Parameter
    let biasHH: Parameter
    let parameters: [Parameter]
    private let inputSize: Int
    private let units: Int
    private let gate: Activation

    /// `x_t` of every step, `[time, batch, D]`, written by the layer (`inputRows`).
    private let inputs = Workspace()
    /// `W_ih x_t` of every step, `[time, batch, 3H]`, overwritten by r, z, n, and in backward
    /// by `∂L/∂` the input-side pre-activations (`W_i* x_t + b_i*`).
    private let gates = Workspace()
    /// `W_hh (h_{t-1} ⊙ mask)` of every step, `[time, batch, 3H]`; its n part then holds
    /// `W_hn (h_{t-1} ⊙ mask) + b_hn`, which backward needs for `∂L/∂r`. Backward overwrites it
    /// with `∂L/∂` the recurrent-side pre-activations (`W_h* h̃ + b_h*`), which differ from the
    /// input side only in the n part, scaled by r. Both are written over values just read, so
    /// the stores fetch nothing from memory.
    private let recurrentProjection = Workspace()
    /// `h_t`, `[time, batch, H]`.
    private let hidden = Workspace()
    /// `h_{t-1} ⊙ mask`, the input of step `t`'s recurrent product, `[time, batch, H]`.
    private let recurrentInput = Workspace()
    /// `W_hhᵀ`, `[H, 3H]`, packed at each forward for the steps' products.
    private let packedWeights = Workspace()
    /// Backward: `W_hh`, `[3H, H]`, packed for the steps' products.
    private let packedRecurrentWeights = Workspace()
    /// `W_ih`, `[3H, D]`, packed for the input projection, and in backward for the input gradient.
    private let packedInputWeights = Workspace()
    /// `h_0`, `[batch, H]`.
    private let initialHidden = Workspace()
    /// Backward: `∂L/∂(h_{t-1} ⊙ mask)` from step `t`'s recurrent product, `[batch, H]`.
    private let recurrentInputGradient = Workspace()
    /// Backward: `∂L/∂h_{t-1}` through `z ⊙ h_{t-1}`, carried from step `t`, `[batch, H]`.
    private let directGradient = Workspace()
    /// Backward, for one row per part of the batch: `σ'` of r and z, then `∂L/∂h_t`, `[3H]` each.
    private let rowScratch = Workspace()

    var hiddenStates: UnsafePointer<Float> { UnsafePointer(hidden.pointer) }

    init(inputSize: Int, options: RecurrentOptions, suffix: String, rng: RandomStream) {
        let h = options.units, g = 3 * h
        var wih = Tensor(shape: [g, inputSize])
        options.kernelInitializer.fill(&wih, fanIn: inputSize, fanOut: g, rng: rng)
        var whh = Tensor(shape: [g, h])
        options.recurrentInitializer.fill(&whh, fanIn: h, fanOut: g, rng: rng)
        var biases = Tensor(shape: [2, g])
        options.biasInitializer.fill(&biases, fanIn: 2, fanOut: g, rng: rng)
        weightIH = Parameter(name: "weight_ih" + suffix, value: wih)
        weightHH = Parameter(name: "weight_hh" + suffix, value: whh)
        biasIH = Parameter(name: "bias_ih" + suffix, value: Tensor(shape: [g], scalars: Array(biases.scalars[..<g])))
        biasHH = Parameter(name: "bias_hh" + suffix, value: Tensor(shape: [g], scalars: Array(biases.scalars[g...])))
        parameters = [weightIH, weightHH, biasIH, biasHH]
        self.inputSize = inputSize
        units = h
        gate = options.recurrentActivation
    }

    func inputRows(batch: Int, steps: Int) -> (rows: UnsafeMutablePointer<Float>, stride: Int) {
        (inputs.reserve(batch * steps * inputSize), inputSize)
    }

    func forward(
        _ sequence: RecurrentSequence, initial: RecurrentState?, recurrentMask mask: UnsafePointer<Float>,
        profiler: Profiler
    ) -> RecurrentState {
        let B = sequence.batch, T = sequence.steps, D = inputSize, H = units, G = 3 * H, x = inputs.pointer
        let a = gates.reserve(B * T * G), q = recurrentProjection.reserve(B * T * G)
        let h = hidden.reserve(B * T * H), hp = recurrentInput.reserve(B * T * H)
        let h0 = initialHidden.copy(initial?.hidden, orZeros: B * H)
        // The input projection of every step at once: a = x W_ihᵀ.
        profiler.measure(.inputProjections) {
            let wih = PackedMatrix(weightIH.value, transposed: true, into: packedInputWeights)
            Parallel.multiply(m: B * T, x, lda: D, wih, a, ldc: G)
        }
        let whh = profiler.measure(.recurrentSteps) {
            PackedMatrix(weightHH.value, transposed: true, into: packedWeights)
        }
        biasIH.value.withUnsafePointer { bih in
            biasHH.value.withUnsafePointer { bhh in
                // The time loop, on each part of the batch's rows separately.
                profiler.timeLoop(rows: B, parts: Parallel.partCount(rows: B)) { _, rows, clock in
                    sequence.storeMasked(h0, mask, into: hp, stride: H, time: sequence.time(0), width: H, rows: rows)
                    for step in 0..<T {
                        let t = sequence.time(step), first = rows.lowerBound
                        // q_t = (h_{t-1} ⊙ mask) W_hhᵀ, zero when h_0 is.
                        if step == 0 && initial == nil {
                            (q + (t * B + first) * G).update(repeating: 0, count: rows.count * G)
                        } else {
                            whh.multiply(m: rows.count, hp + (t * B + first) * H, lda: H, q + (t * B + first) * G, ldc: G)
                        }
                        clock.lap(product: true)
                        let prev = sequence.previous(step, initial: h0, states: h, width: H)
                        for b in rows {
                            let ab = a + (t * B + b) * G, qb = q + (t * B + b) * G
                            let hPrev = prev + b * H, hb = h + (t * B + b) * H
                            // Pass by pass over contiguous rows, so that each loop vectorises:
                            // r and z, then n, then h_t.
                            gate.apply(to: ab, count: 2 * H) { ab[$0] + bih[$0] + qb[$0] + bhh[$0] }
                            Lanes.forEach(0..<H) { j, k in
                                let hn = Lanes.load(qb + 2 * H + j, count: k) + Lanes.load(bhh + 2 * H + j, count: k)
                                let n = Lanes.load(ab + 2 * H + j, count: k) + Lanes.load(bih + 2 * H + j, count: k)
                                Lanes.store(hn, qb + 2 * H + j, count: k)
                                Lanes.store(n + Lanes.load(ab + j, count: k) * hn, ab + 2 * H + j, count: k)
                            }
                            Activation.tanh.apply(to: ab + 2 * H, count: H)
                            for j in 0..<H {
                                let z = ab[H + j], n = ab[2 * H + j]
                                hb[j] = (1 - z) * n + z * hPrev[j]
                            }
                        }
                        if step + 1 < T {
                            sequence.storeMasked(h + t * B * H, mask, into: hp, stride: H,
                                                 time: sequence.time(step + 1), width: H, rows: rows)
                        }
                        clock.lap(product: false)
                    }
                }
            }
        }
        return RecurrentState(hidden: sequence.rows(at: sequence.time(T - 1), of: h, width: H))
    }

    func backward(
        _ sequence: RecurrentSequence, hiddenGradient dh: UnsafePointer<Float>,
        recurrentMask mask: UnsafePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>?,
        initialStateGradient: Bool, profiler: Profiler
    ) -> RecurrentState? {
        let B = sequence.batch, T = sequence.steps, D = inputSize, H = units, G = 3 * H, x = inputs.pointer
        let a = gates.pointer, q = recurrentProjection.pointer, h = hidden.pointer
        let hp = recurrentInput.pointer, h0 = initialHidden.pointer
        // The time loop overwrites a with the input-side gate gradients and q with the
        // recurrent-side ones; the names after it say which.
        let dax = a, dah = q
        let dhp = recurrentInputGradient.zeroed(B * H), dhd = directGradient.zeroed(B * H)
        let parts = Parallel.partCount(rows: B), scratch = rowScratch.reserve(parts * 3 * H)
        let whh = profiler.measure(.recurrentSteps) {
            PackedMatrix(weightHH.value, transposed: false, into: packedRecurrentWeights)
        }
        // The time loop, on each part of the batch's rows separately.
        profiler.timeLoop(rows: B, parts: parts) { part, rows, clock in
            let dg = scratch + part * 3 * H, dht = dg + 2 * H
            for step in stride(from: T - 1, through: 0, by: -1) {
                let t = sequence.time(step), first = rows.lowerBound
                let prev = sequence.previous(step, initial: h0, states: h, width: H)
                for b in rows {
                    // r, z, n and q of row b, replaced by the input-side gradients (`dax`) and the
                    // recurrent-side ones (`dah`) below.
                    let ab = a + (t * B + b) * G, qb = q + (t * B + b) * G
                    let hPrev = prev + b * H
                    let dhb0 = dh + (t * B + b) * H, dhdb = dhd + b * H, dhpb = dhp + b * H, mb = mask + b * H
                    // σ' of r and z, ∂L/∂h_t and the carried gradient, pass by pass; then every
                    // gate gradient in one pass, which reads a unit's r, z, n and q before it
                    // writes over them.
                    gate.derivative(output: ab, into: dg, count: 2 * H)
                    for j in 0..<H { dht[j] = dhb0[j] + dhdb[j] + dhpb[j] * mb[j] }
                    for j in 0..<H { dhdb[j] = dht[j] * ab[H + j] }
                    Lanes.forEach(0..<H) { j, k in
                        let r = Lanes.load(ab + j, count: k), z = Lanes.load(ab + H + j, count: k)
                        let n = Lanes.load(ab + 2 * H + j, count: k), hn = Lanes.load(qb + 2 * H + j, count: k)
                        let d = Lanes.load(dht + j, count: k)
                        let dn = d * (1 - z) * (1 - n * n)
                        let dr = dn * hn * Lanes.load(dg + j, count: k)
                        let dz = d * (Lanes.load(hPrev + j, count: k) - n) * Lanes.load(dg + H + j, count: k)
                        Lanes.store(dr, ab + j, count: k)
                        Lanes.store(dz, ab + H + j, count: k)
                        Lanes.store(dn, ab + 2 * H + j, count: k)
                        Lanes.store(dr, qb + j, count: k)
                        Lanes.store(dz, qb + H + j, count: k)
                        Lanes.store(dn * r, qb + 2 * H + j, count: k)
                    }
                }
                clock.lap(product: false)
                // ∂L/∂(h_{t-1} ⊙ mask) = dah_t W_hh, masked as it enters the previous step.
                if step > 0 || initialStateGradient {
                    whh.multiply(m: rows.count, dah + (t * B + first) * G, lda: G, dhp + first * H, ldc: H)
                }
                clock.lap(product: true)
            }
        }
        profiler.measure(.backwardProducts) {
            // The weight gradients over every step at once: dW_ih += daxᵀ x, dW_hh += dahᵀ (h_{t-1} ⊙ mask).
            weightIH.gradient.withUnsafeMutablePointer { dw in
                Parallel.gemm(transposeA: true, m: G, n: D, k: B * T, dax, lda: G, x, ldb: D, beta: 1, dw, ldc: D)
            }
            weightHH.gradient.withUnsafeMutablePointer { dw in
                Parallel.gemm(transposeA: true, m: G, n: H, k: B * T, dah, lda: G, hp, ldb: H, beta: 1, dw, ldc: H)
            }
            biasIH.gradient.withUnsafeMutablePointer { Parallel.addColumnSums(dax, rows: B * T, width: G, into: $0) }
            biasHH.gradient.withUnsafeMutablePointer { Parallel.addColumnSums(dah, rows: B * T, width: G, into: $0) }
            if let dx {
                let wih = PackedMatrix(weightIH.value, transposed: false, into: packedInputWeights)
                Parallel.multiply(m: B * T, dax, lda: G, wih, dx, ldc: D)
            }
        }
        guard initialStateGradient else { return nil }
        return RecurrentState(
            hidden: sequence.initialHiddenGradient(recurrent: dhp, mask: mask, direct: dhd, width: H))
    }
}
