/// What `LSTM` and `GRU` share: one cell per direction, dropout masks, reading the sequence
/// backwards, slicing the output for `returnSequences`, and the initial state (given, carried
/// by a stateful layer, and its gradient).
///
/// Input `[batch, time, inputSize]`; output `[batch, time, units × directions]` with
/// `returnSequences`, else `[batch, units × directions]`. The backward direction's output at
/// time `t` is its state after reading steps `T-1 … t`, so without `returnSequences` it
/// contributes its state after reading the whole reversed sequence, as Keras and PyTorch do.
///
/// Dropout, in training only: each direction draws, per sequence, a mask over the input
/// features (`dropout`) and a mask over `h_{t-1}` (`recurrentDropout`), both reused at every
/// step. The recurrent mask multiplies `h_{t-1}` only where it enters the recurrent matrix
/// product (Gal & Ghahramani; Keras 2): the state carried to the next step is never masked.
///
/// The initial state: `initialState` holds the state every forward starts from (zeros when
/// nil); it stays until changed. After `backward`, `initialStateGradient` holds the gradient
/// with respect to it (none for zeros, which are not a variable: the first step then skips
/// its recurrent products). A stateful layer replaces `initialState` with `finalState` after every
/// forward, as a plain value, so no gradient flows from one batch into the previous one;
/// `resetStates()` starts it from zeros again (a trainer calls it at each epoch's start:
/// `for case let r as RecurrentLayer in model.layers { r.resetStates() }`).
public class RecurrentLayer: Layer {
    public var name: String
    /// The size of each input step.
    public let inputSize: Int
    /// The layer's options, fixed at construction.
    public let options: RecurrentOptions
    public var computesInputGradient = true
    /// Where the layer reports the time of its products and time loops; a model sets one
    /// profiler on all its layers (`Sequential.profiler`).
    public var profiler = Profiler()

    /// The state the next forward starts from, one per direction (forward first), each
    /// `[batch, units]`, with `cell` for an LSTM only; nil means zeros.
    public var initialState: [RecurrentState]?
    /// The state after the last forward, one per direction; the backward direction's is its
    /// state after reading the sequence from last step to first.
    public private(set) var finalState: [RecurrentState] = []
    /// The gradient of the loss with respect to the initial state of the last forward, one per
    /// direction, set by `backward`; empty when that forward started from zeros (`initialState`
    /// nil).
    public private(set) var initialStateGradient: [RecurrentState] = []

    /// One cell per direction, forward first.
    let cells: [RecurrentCell]
    private let hasCellState: Bool
    private let dropoutStream: RandomStream
    /// The input of the last training forward; nil after an inference forward, and after the
    /// backward that used it (the cells' backward overwrites what their forward kept).
    private var trainingInput: Tensor?
    /// Whether the last forward started from a given `initialState` rather than from zeros.
    private var startedFromState = false
    /// Per direction: the input dropout mask `[batch, inputSize]` and the recurrent mask
    /// `[batch, units]` (ones without recurrent dropout).
    private let inputMasks: [Workspace]
    private let recurrentMasks: [Workspace]
    /// Backward: one direction's `∂L/∂h_t` from the output, and its `∂L/∂(cell input)`, before
    /// the mask (if any) is applied; both time-major, `[time, batch, units]` and
    /// `[time, batch, inputSize]`. Without `returnSequences`, `hiddenGradient` is all zeros
    /// between backward passes.
    private let hiddenGradient = Workspace()
    private let cellInputGradient = Workspace()

    /// The parameter-name suffix of each direction: `""` forward, `"_reverse"` backward.
    static func directionSuffixes(_ options: RecurrentOptions) -> [String] {
        options.bidirectional ? ["", "_reverse"] : [""]
    }

    init(inputSize: Int, options: RecurrentOptions, name: String, cells: [RecurrentCell], hasCellState: Bool,
         dropoutStream: RandomStream) {
        require(options.units > 0 && inputSize > 0, "\(name): units and input size must be positive")
        require(options.recurrentActivation != .softmax, "\(name): softmax cannot be a gate activation")
        require((0..<1).contains(options.dropout) && (0..<1).contains(options.recurrentDropout),
                     "\(name): dropout rates must lie in [0, 1)")
        self.name = name
        self.inputSize = inputSize
        self.options = options
        self.cells = cells
        self.hasCellState = hasCellState
        self.dropoutStream = dropoutStream
        inputMasks = cells.map { _ in Workspace() }
        recurrentMasks = cells.map { _ in Workspace() }
    }

    public var parameters: [Parameter] { cells.flatMap(\.parameters) }

    /// The width of the output's feature axis.
    private var outputWidth: Int { options.units * cells.count }

    public func outputShape(forInput inputShape: [Int]) -> [Int] {
        options.returnSequences ? [inputShape[0], outputWidth] : [outputWidth]
    }

    /// Starts the next forward from zeros; for a stateful layer, forgets the carried state.
    public func resetStates() {
        initialState = nil
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        require(input.rank == 3 && input.shape[2] == inputSize && input.shape[1] > 0,
                     "\(name): expected input [batch, time > 0, \(inputSize)], got \(input.shape)")
        let B = input.shape[0], T = input.shape[1], H = options.units, W = outputWidth
        let initial = startingState(batch: B)
        startedFromState = initial != nil
        var output = Tensor(shape: options.returnSequences ? [B, T, W] : [B, W])
        let masked = training && options.dropout > 0
        var lastStates: [RecurrentState] = []
        input.withUnsafePointer { x in
            output.withUnsafeMutablePointer { out in
                for (d, cell) in cells.enumerated() {
                    let sequence = RecurrentSequence(batch: B, steps: T, reversed: d == 1)
                    let m = recurrentMask(direction: d, batch: B, training: training)
                    // The input, time-major (and masked), straight into the rows the cell reads.
                    let (rows, stride) = cell.inputRows(batch: B, steps: T)
                    copyTimeMajor(x, mask: masked ? inputMask(direction: d, batch: B) : nil, batch: B, steps: T,
                                  into: rows, stride: stride)
                    lastStates.append(cell.forward(sequence, initial: initial?[d], recurrentMask: m, profiler: profiler))
                    let h = cell.hiddenStates
                    if options.returnSequences {
                        Parallel.forEachRow(B) { b in
                            for t in 0..<T { (out + (b * T + t) * W + d * H).update(from: h + (t * B + b) * H, count: H) }
                        }
                    } else {
                        let last = sequence.time(T - 1)
                        for b in 0..<B { (out + b * W + d * H).update(from: h + (last * B + b) * H, count: H) }
                    }
                }
            }
        }
        finalState = lastStates
        if options.stateful { initialState = lastStates }
        trainingInput = training ? input : nil
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input = trainingInput else {
            fatalError("\(name): backward needs a training forward first, one for each backward")
        }
        trainingInput = nil
        let B = input.shape[0], T = input.shape[1]
        require(outputGradient.shape == (options.returnSequences ? [B, T, outputWidth] : [B, outputWidth]),
                     "\(name): output gradient of shape \(outputGradient.shape) for input \(input.shape)")
        guard computesInputGradient else {
            backwardCells(input, outputGradient, inputGradient: nil)
            return Tensor(shape: [0])
        }
        // The first direction's backward writes every element.
        return Tensor(shape: input.shape) { backwardCells(input, outputGradient, inputGradient: $0) }
    }

    /// Runs every direction's backward, writing `∂L/∂input` into `dx` (every element) unless it is nil.
    private func backwardCells(_ input: Tensor, _ outputGradient: Tensor, inputGradient dx: UnsafeMutablePointer<Float>?) {
        let B = input.shape[0], T = input.shape[1], D = inputSize, H = options.units, W = outputWidth
        let masked = options.dropout > 0
        var gradients: [RecurrentState?] = []
        outputGradient.withUnsafePointer { dy in
            for (d, cell) in cells.enumerated() {
                let sequence = RecurrentSequence(batch: B, steps: T, reversed: d == 1)
                let dh: UnsafeMutablePointer<Float>
                // Without return_sequences, the rows of the last step, the only ones not zero.
                var lastRows: UnsafeMutablePointer<Float>?
                if options.returnSequences {
                    dh = hiddenGradient.reserve(B * T * H)
                    Parallel.forEachRow(B) { b in
                        for t in 0..<T { (dh + (t * B + b) * H).update(from: dy + (b * T + t) * W + d * H, count: H) }
                    }
                } else {
                    // Only the last step's rows carry a gradient. The rest are zeros already:
                    // the buffer is zeroed when it grows, and these rows go back to zero below.
                    dh = hiddenGradient.reserve(B * T * H)
                    let last = dh + sequence.time(T - 1) * B * H
                    for b in 0..<B { (last + b * H).update(from: dy + b * W + d * H, count: H) }
                    lastRows = last
                }
                defer { lastRows?.update(repeating: 0, count: B * H) }
                let dxd = dx.map { _ in cellInputGradient.reserve(B * T * D) }
                gradients.append(cell.backward(
                    sequence, hiddenGradient: dh, recurrentMask: recurrentMasks[d].pointer, inputGradient: dxd,
                    initialStateGradient: startedFromState, profiler: profiler))
                guard let dx, let dxd else { continue }
                // Back to batch-major, through the input mask if there is one: the first direction
                // writes dx, the second adds to it.
                let mask = inputMasks[d].pointer
                Parallel.forEachRow(B) { b in
                    for t in 0..<T {
                        let dxr = dx + (b * T + t) * D, dxdr = dxd + (t * B + b) * D, mb = mask + b * D
                        switch (masked, d) {
                        case (true, 0): for k in 0..<D { dxr[k] = dxdr[k] * mb[k] }
                        case (true, _): for k in 0..<D { dxr[k] += dxdr[k] * mb[k] }
                        case (false, 0): dxr.update(from: dxdr, count: D)
                        case (false, _): for k in 0..<D { dxr[k] += dxdr[k] }
                        }
                    }
                }
            }
        }
        initialStateGradient = gradients.compactMap { $0 }
    }

    /// `initialState` checked against the batch; nil for zeros.
    private func startingState(batch: Int) -> [RecurrentState]? {
        guard let state = initialState else { return nil }
        let shape = [batch, options.units]
        require(state.count == cells.count, "\(name): initial state needs \(cells.count) directions, got \(state.count)")
        for s in state {
            require(s.hidden.shape == shape && (s.cell?.shape ?? shape) == shape,
                         "\(name): initial state must be [\(batch), \(options.units)], got \(s.hidden.shape)")
            require((s.cell != nil) == hasCellState,
                         "\(name): an LSTM's initial state has a cell state, a GRU's has none")
        }
        return state
    }

    /// Direction `d`'s recurrent mask for this batch: drawn in training with recurrent dropout,
    /// else ones.
    private func recurrentMask(direction d: Int, batch: Int, training: Bool) -> UnsafePointer<Float> {
        let count = batch * options.units
        let m = recurrentMasks[d].reserve(count)
        if training && options.recurrentDropout > 0 {
            drawMask(m, count: count, rate: options.recurrentDropout)
        } else {
            m.update(repeating: 1, count: count)
        }
        return UnsafePointer(m)
    }

    /// Draws direction `d`'s input dropout mask for this batch, `[batch, inputSize]`.
    private func inputMask(direction d: Int, batch: Int) -> UnsafePointer<Float> {
        let mask = inputMasks[d].reserve(batch * inputSize)
        drawMask(mask, count: batch * inputSize, rate: options.dropout)
        return UnsafePointer(mask)
    }

    /// Writes the input `[batch, time, inputSize]`, times `mask` (`[batch, inputSize]`) unless
    /// it is nil, time-major into `rows`, each row `stride` floats after the one before.
    private func copyTimeMajor(
        _ x: UnsafePointer<Float>, mask: UnsafePointer<Float>?, batch: Int, steps: Int,
        into rows: UnsafeMutablePointer<Float>, stride: Int
    ) {
        let D = inputSize
        Parallel.forEachRow(batch) { b in
            for t in 0..<steps {
                let row = rows + (t * batch + b) * stride, xr = x + (b * steps + t) * D
                if let mask {
                    let mb = mask + b * D
                    for k in 0..<D { row[k] = xr[k] * mb[k] }
                } else {
                    row.update(from: xr, count: D)
                }
            }
        }
    }

    /// Fills `mask` with inverted-dropout factors: 0 with probability `rate`, else `1 / (1 - rate)`.
    private func drawMask(_ mask: UnsafeMutablePointer<Float>, count: Int, rate: Float) {
        let keep = 1 / (1 - rate)
        for k in 0..<count { mask[k] = dropoutStream.nextFloat() < rate ? 0 : keep }
    }
}
