import Dispatch
import Foundation
import Synchronization

/// The engine's own worker threads, which run the parts `Parallel.forEachPart` hands out.
///
/// An epoch hands out some ten thousand sets of parts, most of them a few hundred microseconds
/// apart (the two time loops of every layer, the products and copies between them). A worker
/// that went to sleep after its last part takes microseconds to wake; so each worker first
/// spins on the job counter for `spinNanoseconds`, and only then sleeps until the next job wakes
/// it. A job runs on at most one thread per core, and part `p` always on the same one, so which
/// thread runs which rows does not change from one call to the next; the results do not depend
/// on it either way. Against `DispatchQueue.concurrentPerform`, which it replaces, this took
/// 3-4% from a Fashion-MNIST epoch and 5-10% from the IMDB ones (BENCHMARKS.md, session 17).
final class WorkerPool: @unchecked Sendable {
    /// The pool shared by the engine.
    static let shared = WorkerPool()

    /// How long an idle worker waits for a job before it sleeps.
    static let spinNanoseconds: UInt64 = 100_000

    /// The most threads a job runs on, the caller's included: one per core the process may use.
    /// More would take turns on the cores and wait for each other; a job of more parts gives
    /// each thread several.
    static let maxThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// One worker thread and the means to wake it.
    private final class Worker: Sendable {
        let asleep = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
    }

    /// The current job: its number in the upper bits, then its thread count and its part count
    /// in 16 bits each, so that a worker reads all three at once.
    private let posted = Atomic<Int>(0)
    /// The workers of the current job that have not finished their parts.
    private let remaining = Atomic<Int>(0)
    /// Whether a job is running: a call from inside a part, or from a second thread, runs its
    /// parts on its own thread instead.
    private let busy = Atomic<Bool>(false)
    /// The current job's body; written before `posted`, read by the workers after it.
    private nonisolated(unsafe) var body: ((Int) -> Void)?
    /// The workers started so far; only the thread that holds `busy` changes it.
    private nonisolated(unsafe) var workers: [Worker] = []

    private static let fieldBits = 16, fieldMask = 1 << fieldBits - 1

    /// Runs `body(p)` for every `p` in `0..<parts` on up to `maxThreads` threads, part `p` on
    /// thread `p % threads` (thread 0 being the caller, the others workers), and returns when
    /// all are done; or runs them one after another on the calling thread when the pool is
    /// already running a job.
    func run(parts: Int, _ body: (Int) -> Void) {
        precondition(parts <= Self.fieldMask, "\(parts) parts")
        let threads = min(parts, Self.maxThreads)
        guard threads > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for p in 0..<parts { body(p) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        while workers.count < threads - 1 { startWorker(index: workers.count) }
        withoutActuallyEscaping(body) { body in
            self.body = body
            remaining.store(threads - 1, ordering: .relaxed)
            let job = posted.load(ordering: .relaxed) >> (2 * Self.fieldBits) &+ 1
            posted.store(job << (2 * Self.fieldBits) | threads << Self.fieldBits | parts, ordering: .sequentiallyConsistent)
            for worker in workers.prefix(threads - 1) where worker.asleep.exchange(false, ordering: .sequentiallyConsistent) {
                worker.wake.signal()
            }
            for p in stride(from: 0, to: parts, by: threads) { body(p) }
            var spins = 0
            while remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins & 0xFFF == 0 { sched_yield() }
            }
            self.body = nil
        }
    }

    private func startWorker(index: Int) {
        let worker = Worker()
        workers.append(worker)
        let seen = posted.load(ordering: .relaxed)
        // The worker keeps its pool: a pool and its workers last as long as the process.
        let thread = Thread { [self] in self.work(as: worker, thread: index + 1, after: seen) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// A worker's life: wait for a job after `first` (the job posted when it was started) that
    /// has parts for it, run them, report them done.
    private func work(as worker: Worker, thread: Int, after first: Int) -> Never {
        var seen = first
        while true {
            let job = waitForJob(after: seen, worker: worker)
            seen = job
            let parts = job & Self.fieldMask, threads = job >> Self.fieldBits & Self.fieldMask
            guard thread < threads else { continue }
            for p in stride(from: thread, to: parts, by: threads) { body!(p) }
            remaining.subtract(1, ordering: .releasing)
        }
    }

    /// Spins until `posted` moves past `seen`, sleeping when that takes longer than
    /// `spinNanoseconds`; returns the new value.
    private func waitForJob(after seen: Int, worker: Worker) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + Self.spinNanoseconds
        var spins = 0
        while true {
            let job = posted.load(ordering: .acquiring)
            if job != seen { return job }
            spins += 1
            guard spins & 0xFF == 0, DispatchTime.now().uptimeNanoseconds > deadline else { continue }
            // Sleep. The flag is set before the job is read again and `run` posts the job
            // before it reads the flag, so either this thread sees the job or `run` sees the
            // flag and signals.
            worker.asleep.store(true, ordering: .sequentiallyConsistent)
            if posted.load(ordering: .sequentiallyConsistent) == seen
                || !worker.asleep.exchange(false, ordering: .sequentiallyConsistent) {
                worker.wake.wait()
            }
        }
    }
}
