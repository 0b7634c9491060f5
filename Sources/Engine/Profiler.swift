import Dispatch

/// The parts of a training epoch that `--profile` tells apart.
public enum ProfileSection: Int, CaseIterable, Sendable {
    /// Assembling each mini-batch from the dataset (the trainer's).
    case data
    /// The recurrent layers' input side: a GRU's input projection, `x W_ihᵀ` for every step at
    /// once; an LSTM's copy of every step's input into the left side of its step products (its
    /// projection is part of them).
    case inputProjections
    /// The per-step recurrent products, `h_{t-1} W_hhᵀ` forward (an LSTM's with its input and
    /// bias) and `∂a_t W_hh` backward, and packing the weights for them.
    case recurrentSteps
    /// The gate nonlinearities and state updates of the time loops, forward and backward.
    case gateMath
    /// The time loops' threads waiting for each other: a loop split over several threads ends
    /// when its slowest part does, and the others wait for it.
    case threadWait
    /// The recurrent layers' products over all steps in backward: weight gradients, input
    /// gradients, bias sums.
    case backwardProducts
    /// Everything else in forward and backward: embedding, dense and dropout layers, the loss,
    /// the recurrent layers' layout copies and dropout masks (the trainer's remainder).
    case otherLayers
    /// Zeroing gradients, clipping and the optimizer step (the trainer's).
    case optimizer
    /// The validation pass after the epoch (the trainer's).
    case evaluation

    /// The name printed and written to `profile.csv`.
    public var label: String {
        switch self {
        case .data: return "data"
        case .inputProjections: return "input_projections"
        case .recurrentSteps: return "recurrent_steps"
        case .gateMath: return "gate_math"
        case .threadWait: return "thread_wait"
        case .backwardProducts: return "backward_products"
        case .otherLayers: return "other_layers"
        case .optimizer: return "optimizer"
        case .evaluation: return "evaluation"
        }
    }
}

/// Wall-clock time per `ProfileSection`, accumulated while `isEnabled`; a switched-off profiler
/// costs one branch per measured region.
///
/// The engine measures its own sections inside the recurrent layers; the trainer measures
/// data, optimizer and evaluation, and the time of forward plus backward as a whole, from which
/// `otherLayers` is the remainder. A time loop that runs on several threads is one wall-clock
/// interval: of its `parts × wall` thread-seconds, those no part spent in its loop are
/// `threadWait`, and the rest is split between `recurrentSteps` and `gateMath` in the proportion
/// the threads spent in each, so the sections of an epoch add up to its wall time.
///
/// A model's layers share one profiler (`Sequential.profiler`), which only the training thread
/// calls; the threads of a time loop report through `StepClock`s their caller collects.
public final class Profiler {
    /// Whether regions are measured.
    public var isEnabled: Bool
    private var nanoseconds = [UInt64](repeating: 0, count: ProfileSection.allCases.count)

    /// A profiler that measures when `enabled`.
    public init(enabled: Bool = false) {
        isEnabled = enabled
    }

    /// A monotonic clock in nanoseconds.
    @inline(__always)
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Adds `nanoseconds` to `section`.
    public func add(_ section: ProfileSection, nanoseconds: UInt64) {
        self.nanoseconds[section.rawValue] += nanoseconds
    }

    /// Runs `body`, adding its wall-clock time to `section` when enabled.
    @inline(__always)
    public func measure<T>(_ section: ProfileSection, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let start = Self.now()
        defer { add(section, nanoseconds: Self.now() - start) }
        return try body()
    }

    /// Runs `body`, adding its whole wall-clock time to `section` and none to the sections
    /// measured inside it (an inference pass counted as evaluation, not as layer work).
    public func measureWhole<T>(_ section: ProfileSection, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let saved = nanoseconds, start = Self.now()
        defer {
            nanoseconds = saved
            add(section, nanoseconds: Self.now() - start)
        }
        return try body()
    }

    /// The seconds accumulated in `section` since the last `reset()`.
    public func seconds(_ section: ProfileSection) -> Double {
        Double(nanoseconds[section.rawValue]) / 1e9
    }

    /// The seconds of every section the engine measures itself, summed.
    public var engineSeconds: Double {
        [ProfileSection.inputProjections, .recurrentSteps, .gateMath, .threadWait, .backwardProducts]
            .reduce(0) { $0 + seconds($1) }
    }

    /// Sets every section back to zero.
    public func reset() {
        nanoseconds = [UInt64](repeating: 0, count: ProfileSection.allCases.count)
    }

    /// Runs a time loop through `Parallel.forEachPart`, giving each part a `StepClock`, and
    /// splits the loop's wall time between `threadWait`, `recurrentSteps` and `gateMath` by
    /// what the parts' clocks recorded (see the type's note).
    func timeLoop(rows: Int, parts: Int, _ body: (_ part: Int, _ rows: Range<Int>, _ clock: inout StepClock) -> Void) {
        guard isEnabled else {
            return Parallel.forEachPart(rows: rows, parts: parts) { part, rows in
                var clock = StepClock(enabled: false)
                body(part, rows, &clock)
            }
        }
        var clocks = [StepClock](repeating: StepClock(enabled: true), count: parts)
        let start = Self.now()
        clocks.withUnsafeMutableBufferPointer { clocks in
            let base = clocks.baseAddress!
            Parallel.forEachPart(rows: rows, parts: parts) { part, rows in
                base[part].restart()
                body(part, rows, &base[part])
            }
        }
        let wall = Self.now() - start
        // Thread-seconds over parts: each section's share of the loop's wall time.
        let products = clocks.reduce(0) { $0 + $1.products } / UInt64(parts)
        let math = clocks.reduce(0) { $0 + $1.math } / UInt64(parts)
        add(.recurrentSteps, nanoseconds: products)
        add(.gateMath, nanoseconds: math)
        add(.threadWait, nanoseconds: wall - min(wall, products + math))
    }
}

/// One thread's stopwatch in a time loop: each `lap` adds the time since the previous lap to
/// the products or to the gate math.
struct StepClock {
    let enabled: Bool
    private var mark: UInt64 = 0
    private(set) var products: UInt64 = 0
    private(set) var math: UInt64 = 0

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Starts timing from now.
    mutating func restart() {
        mark = Profiler.now()
    }

    /// Ends a lap that ran a product (`product: true`) or gate math.
    @inline(__always)
    mutating func lap(product: Bool) {
        guard enabled else { return }
        let now = Profiler.now()
        if product { products += now - mark } else { math += now - mark }
        mark = now
    }
}
