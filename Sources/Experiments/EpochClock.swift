import Engine
import Reports

/// The clock of one training epoch: its wall time, the part of it the training loop took, and,
/// when profiling, the time per `ProfileSection`.
///
/// Both trainers run every batch's data, model (forward, loss, backward) and optimizer work
/// through it, and the validation pass through `evaluation`. The engine's own sections are
/// measured inside the recurrent layers; `otherLayers` is what the model work took beyond them.
struct EpochClock {
    private let profiler: Profiler
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var trainingEnded: ContinuousClock.Instant?

    /// Starts an epoch, measuring its sections with `profiler` when that is enabled.
    init(profiler: Profiler) {
        self.profiler = profiler
        profiler.reset()
        started = clock.now
    }

    /// Assembles a batch.
    func data<T>(_ body: () throws -> T) rethrows -> T {
        try profiler.measure(.data, body)
    }

    /// Forward, loss and backward of a batch.
    func model<T>(_ body: () throws -> T) rethrows -> T {
        try profiler.measure(.otherLayers, body)
    }

    /// Zeroing gradients, clipping and the optimizer step.
    func optimizer<T>(_ body: () throws -> T) rethrows -> T {
        try profiler.measure(.optimizer, body)
    }

    /// The validation pass; the training loop ends where it begins.
    mutating func evaluation<T>(_ body: () throws -> T) rethrows -> T {
        trainingEnded = trainingEnded ?? clock.now
        return try profiler.measureWhole(.evaluation, body)
    }

    /// The epoch's timing, from its start to now, over `samples` training samples.
    func timing(epoch: Int, samples: Int) -> EpochTiming {
        let now = clock.now
        return EpochTiming(epoch: epoch, seconds: Self.seconds(now - started),
                           trainSeconds: Self.seconds((trainingEnded ?? now) - started), samples: samples)
    }

    /// The epoch's profile; nil when not profiling.
    func profile(epoch: Int) -> EpochProfile? {
        guard profiler.isEnabled else { return nil }
        let engine = profiler.engineSeconds
        return EpochProfile(epoch: epoch, sections: ProfileSection.allCases.map { section in
            let seconds = profiler.seconds(section)
            return (section.label, section == .otherLayers ? max(0, seconds - engine) : seconds)
        })
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration / .microseconds(1)) / 1e6
    }
}
