import Foundation
import Reports

/// Shows training progress: on a terminal, a bar per epoch with batches done, the running loss
/// and the time left; elsewhere (a log file, CI) one line per epoch. Warnings go to standard
/// error, also when it is quiet.
public final class ProgressPrinter: TrainingObserver {
    private let interactive: Bool
    private let quiet: Bool
    private let clock = ContinuousClock()
    private var epochStart: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var epoch = 0, epochs = 0, batches = 0

    /// A printer for standard output; the bar is drawn only when it is a terminal. A `quiet`
    /// printer prints warnings only.
    public init(interactive: Bool = isatty(STDOUT_FILENO) == 1, quiet: Bool = false) {
        self.interactive = interactive
        self.quiet = quiet
        epochStart = clock.now
        lastDraw = clock.now
    }

    public func epochStarted(_ epoch: Int, of epochs: Int, batches: Int) {
        (self.epoch, self.epochs, self.batches) = (epoch, epochs, batches)
        epochStart = clock.now
    }

    public func batchFinished(_ batch: Int, meanLoss: Double) {
        guard interactive, clock.now - lastDraw > .milliseconds(100) || batch == batches else { return }
        lastDraw = clock.now
        let elapsed = Double((clock.now - epochStart) / .milliseconds(1)) / 1000
        let eta = elapsed / Double(batch) * Double(batches - batch)
        let width = 30, filled = width * batch / max(batches, 1)
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "")
            + String(repeating: " ", count: max(0, width - filled - 1))
        emit("\r\(epochLabel) [\(bar)] \(batch)/\(batches) loss \(fixed(meanLoss, 4)) ETA \(fixed(eta, 0))s\u{1B}[K", newline: false)
    }

    public func epochFinished(_ metrics: EpochMetrics, seconds: Double) {
        // Training before validation, loss before the other metrics: as metrics.csv orders them.
        func rank(_ key: String) -> (Int, Int, String) { (key.hasPrefix("val") ? 1 : 0, key.hasSuffix("loss") ? 0 : 1, key) }
        let values = metrics.values.sorted { rank($0.key) < rank($1.key) }.map { "\($0.key) \(fixed($0.value, 4))" }
        emit((interactive ? "\r" : "") + "\(epochLabel)  " + values.joined(separator: "  ") + "  \(fixed(seconds, 1))s"
            + (interactive ? "\u{1B}[K" : ""))
    }

    public func note(_ text: String) {
        emit(text)
    }

    public func warning(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private var epochLabel: String {
        let w = String(epochs).count
        return "epoch " + String(repeating: " ", count: w - String(epoch).count) + "\(epoch)/\(epochs)"
    }

    private func emit(_ text: String, newline: Bool = true) {
        if quiet { return }
        FileHandle.standardOutput.write(Data((text + (newline ? "\n" : "")).utf8))
    }
}

/// `x` with `decimals` fixed decimals, for display.
private func fixed(_ x: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", x)
}
