import Dispatch
import Foundation

/// Turns SIGINT (Ctrl-C) and SIGTERM into a request to stop after the current batch, so the
/// trainer can save a checkpoint and exit cleanly. A second signal stops the process at once.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []

    /// Starts listening; the default handlers are restored by `stop()`.
    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.raise() }
            source.resume()
            sources.append(source)
        }
    }

    private func raise() {
        lock.lock()
        defer { lock.unlock() }
        if raised { exit(130) }
        raised = true
        FileHandle.standardError.write(Data("\nstopping after this batch (press Ctrl-C again to stop at once)\n".utf8))
    }

    /// Whether a signal has arrived.
    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Stops listening and restores the default handlers.
    func stop() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
