import Dispatch
import Foundation
import Reports

/// Runs the trials of a sweep, each as its own process — `runner run FILE --trial ID` — so that
/// a trial that crashes or fails stops only itself, and several can run at once.
///
/// `jobs` trials run at a time, and the machine's cores are divided among them: each gets
/// `cores / jobs` BLAS threads (at least one), through `--threads` and `OPENBLAS_NUM_THREADS`.
/// A trial whose folder holds the finished results of the same resolved spec is skipped unless
/// `force`; one interrupted earlier (with a checkpoint of the same spec) resumes from it. A
/// trial's standard error is kept, and becomes its `error.txt` if it fails without writing one.
struct SweepRunner {
    let sweep: Sweep
    /// The experiment file as given, and the user's `--set` overrides, passed on to every trial.
    let file: String
    let overrides: [String]
    /// The sweep's results folder as given (trials go to `<folder>/trials/<id>`).
    let folder: String
    let jobs: Int
    let force: Bool
    /// The runner executable.
    let executable: String
    let progress: SweepProgress?

    /// What became of the trials run.
    struct Outcome {
        var failed: [String] = []
        var interrupted = false
    }

    /// One trial process, running.
    private struct Launch {
        var trial: Trial
        var process: Process
        var errors: URL
        var started: ContinuousClock.Instant
    }

    /// The BLAS threads of each trial.
    var threads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / jobs) }

    func trialFolder(_ trial: Trial) -> URL {
        URL(fileURLWithPath: folder, isDirectory: true).appendingPathComponent("trials", isDirectory: true)
            .appendingPathComponent(trial.id, isDirectory: true)
    }

    /// Runs every trial that has not finished, `jobs` at a time, until all have ended or a
    /// signal stops the sweep (the running trials are asked to stop after their batch).
    func run() throws -> Outcome {
        let waiting = sweep.trials.filter { force || !TrialRecord.isFinished($0, in: trialFolder($0)) }
        let finishedEarlier = sweep.trials.count - waiting.count
        progress?.note("\(file): a sweep of \(sweep.trials.count) trials"
            + (finishedEarlier > 0 ? " (\(finishedEarlier) finished earlier)" : "")
            + (waiting.isEmpty ? "; nothing to run"
                : ", \(min(jobs, waiting.count)) at a time with \(threads) BLAS thread\(threads == 1 ? "" : "s") each"))
        for trial in sweep.trials where !waiting.contains(where: { $0.id == trial.id }) { progress?.skipped(trial) }

        var pending = waiting[...]
        var running: [Int: Launch] = [:]
        var outcome = Outcome()
        let ended = EndedProcesses()
        let interruption = Interruption()
        defer { interruption.stop() }
        while !pending.isEmpty || !running.isEmpty {
            while running.count < jobs, let trial = pending.first, !interruption.isRaised {
                pending = pending.dropFirst()
                do {
                    running[trial.number] = try launch(trial, ended: ended)
                } catch {
                    try fail(trial, reason: "cannot start \(executable): \(error.localizedDescription)", into: &outcome)
                }
            }
            if running.isEmpty { break }
            ended.wait(timeout: .milliseconds(200))
            if interruption.isRaised && !outcome.interrupted {
                outcome.interrupted = true
                running.values.forEach { $0.process.interrupt() }
            }
            for number in ended.take() {
                if let launch = running.removeValue(forKey: number) { try finish(launch, into: &outcome) }
            }
        }
        return outcome
    }

    /// Starts `trial`'s process; its standard error goes to a hidden file in its folder.
    private func launch(_ trial: Trial, ended: EndedProcesses) throws -> Launch {
        let folder = trialFolder(trial)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let errors = folder.appendingPathComponent(".stderr")
        try Data().write(to: errors)
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }

        let resuming = !force && canResume(trial, in: folder)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["run", file, "--trial", trial.id, "--output", folder.relativePath, "--quiet",
                             "--threads", String(threads)]
            + overrides.flatMap { ["--set", $0] } + (resuming ? ["--resume"] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = String(threads)
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let number = trial.number
        process.terminationHandler = { _ in ended.add(number) }
        try process.run()
        progress?.started(trial, resuming: resuming)
        return Launch(trial: trial, process: process, errors: errors, started: ContinuousClock.now)
    }

    /// Whether `folder` holds a checkpoint that `--resume` can carry on from: one of the same spec.
    private func canResume(_ trial: Trial, in folder: URL) -> Bool {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("resume.safetensors").path) else { return false }
        let written = try? String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8)
        return written == trial.spec.resolvedYAML()
    }

    /// Takes in a process that ended: finished, interrupted, or failed.
    private func finish(_ launch: Launch, into outcome: inout Outcome) throws {
        let trial = launch.trial, process = launch.process
        let printed = (try? String(contentsOf: launch.errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: launch.errors)
        let seconds = Double((ContinuousClock.now - launch.started) / .milliseconds(1)) / 1000
        let signalled = process.terminationReason == .uncaughtSignal
        if !signalled && process.terminationStatus == 0 {
            progress?.finished(trial, seconds: seconds, result: result(of: trial))
        } else if outcome.interrupted && (signalled || process.terminationStatus == 130) {
            progress?.interrupted(trial)
        } else {
            let reason = printed.trimmingCharacters(in: .whitespacesAndNewlines)
            try fail(trial, reason: reason.isEmpty ? (signalled ? "stopped by signal \(process.terminationStatus)"
                                                        : "exit status \(process.terminationStatus)") : reason,
                     into: &outcome)
        }
    }

    /// Records `trial` as failed with `reason`, unless the trial recorded its own failure.
    private func fail(_ trial: Trial, reason: String, into outcome: inout Outcome) throws {
        let folder = trialFolder(trial)
        if TrialRecord(in: folder)?.status != .failed {
            try TrialRecord(trial, of: sweep, status: .failed).write(into: folder, error: reason)
        }
        outcome.failed.append(trial.id)
        progress?.failed(trial, reason: String(reason.split(separator: "\n").first ?? ""))
    }

    /// "best val_loss 0.4123 at epoch 3" from the trial's results, or "" if they cannot be read.
    private func result(of trial: Trial) -> String {
        guard let run = try? RunFolder(trialFolder(trial)), let epoch = run.bestEpoch,
              let value = run.log.rows.first(where: { $0.epoch == epoch })?.values[run.monitor] else { return "" }
        return "best \(run.monitor) \(value.fixed(run.decimals)) at epoch \(epoch)"
    }
}

/// The trial numbers of processes that have ended, handed from their termination handlers to
/// the loop that waits for them.
private final class EndedProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private let signal = DispatchSemaphore(value: 0)
    private var numbers: [Int] = []

    func add(_ number: Int) {
        lock.lock()
        numbers.append(number)
        lock.unlock()
        signal.signal()
    }

    /// Waits until a process ends or `timeout` passes.
    func wait(timeout: DispatchTimeInterval) {
        _ = signal.wait(timeout: .now() + timeout)
    }

    /// The numbers added since the last call.
    func take() -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        let taken = numbers
        numbers = []
        return taken
    }
}
