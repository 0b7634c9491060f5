import Dispatch
@testable import Engine
import Foundation
import Synchronization
import Testing

/// The pool runs each part once, on at most one thread per core, part `p` on thread
/// `p % threads`, the same thread for the same part from one job to the next, whether the worker
/// was spinning or asleep when the job came.
@Suite(.serialized, .timeLimit(.minutes(1))) struct WorkerPoolTests {
    /// A pool of the test's own: a job of the shared one would run on the caller's thread alone
    /// while another test's job runs.
    private let pool = WorkerPool()

    /// Runs a job of `parts` parts and returns the thread each part ran on.
    private func threads(parts: Int) -> [UInt] {
        var ran = [pthread_t?](repeating: nil, count: parts)
        ran.withUnsafeMutableBufferPointer { ran in
            pool.run(parts: parts) { p in
                precondition(ran[p] == nil, "part \(p) ran twice")
                ran[p] = pthread_self()
            }
        }
        return ran.map { UInt($0!) }
    }

    @Test(arguments: [2, 3, 4, 9])
    func partsRunOnceOnAThreadPerCoreAndStayThere(parts: Int) {
        let first = threads(parts: parts)
        let count = min(parts, WorkerPool.maxThreads)
        #expect(first[0] == UInt(pthread_self()), "part 0 runs on the caller")
        #expect(Set(first).count == count, "one thread per part, up to one per core")
        for p in 0..<parts {
            #expect(first[p] == first[p % count], "part \(p) shares thread \(p % count)")
        }
        // Back to back (the workers spinning), then after a pause long enough for them to sleep.
        #expect(threads(parts: parts) == first)
        usleep(UInt32(WorkerPool.spinNanoseconds / 1000) * 20)
        #expect(threads(parts: parts) == first)
    }

    @Test func manyJobsOfChangingSizesEachRunEveryPart() {
        var counts = [Int](repeating: 0, count: 4)
        for job in 0..<20_000 {
            let parts = 1 + job % 4
            counts.withUnsafeMutableBufferPointer { counts in
                pool.run(parts: parts) { p in counts[p] += 1 }
            }
            // Now and then leave the workers long enough to go to sleep.
            if job % 2_000 == 1_999 { usleep(UInt32(WorkerPool.spinNanoseconds / 1000) * 5) }
        }
        #expect(counts == [20_000, 15_000, 10_000, 5_000])
    }

    @Test func aJobStartedInsideAPartRunsOnThatPartsThread() {
        var inner = [[Int]](repeating: [], count: 2)
        inner.withUnsafeMutableBufferPointer { inner in
            pool.run(parts: 2) { outer in
                let caller = pthread_self()
                pool.run(parts: 3) { p in
                    precondition(pthread_equal(caller, pthread_self()) != 0)
                    inner[outer].append(p)
                }
            }
        }
        #expect(inner == [[0, 1, 2], [0, 1, 2]])
    }

    @Test func twoCallersAtOnceBothGetEveryPart() {
        let complete = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<1_000 {
                var parts = [0, 0]
                parts.withUnsafeMutableBufferPointer { parts in
                    pool.run(parts: 2) { p in parts[p] = p + 1 }
                }
                if parts == [1, 2] { complete.add(1, ordering: .relaxed) }
            }
        }
        #expect(complete.load(ordering: .relaxed) == 2_000)
    }
}
