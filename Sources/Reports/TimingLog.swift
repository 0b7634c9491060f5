/// How long one epoch of training took.
public struct EpochTiming: Equatable, Sendable {
    /// The epoch, counted from 1.
    public var epoch: Int
    /// Wall-clock seconds the whole epoch took, validation included.
    public var seconds: Double
    /// Wall-clock seconds of the training loop alone: batches, forward, backward and the
    /// optimizer, without the validation pass.
    public var trainSeconds: Double
    /// Training samples processed per second of the training loop.
    public var samplesPerSecond: Double

    public init(epoch: Int, seconds: Double, trainSeconds: Double, samplesPerSecond: Double) {
        self.epoch = epoch
        self.seconds = seconds
        self.trainSeconds = trainSeconds
        self.samplesPerSecond = samplesPerSecond
    }

    /// The timing of an epoch that took `seconds`, of which its training loop, over `samples`
    /// samples, took `trainSeconds`.
    public init(epoch: Int, seconds: Double, trainSeconds: Double, samples: Int) {
        self.init(epoch: epoch, seconds: seconds, trainSeconds: trainSeconds,
                  samplesPerSecond: trainSeconds > 0 ? Double(samples) / trainSeconds : 0)
    }
}

/// The timing of a run, one row per epoch, as written to `timing.csv`. Kept apart from the
/// metrics because it depends on the machine.
public struct TimingLog: Equatable, Sendable {
    /// The CSV header, always these four columns.
    public static let header = ["epoch", "seconds", "train_seconds", "samples_per_second"]

    /// The epochs, in increasing order.
    public var rows: [EpochTiming]

    public init(rows: [EpochTiming] = []) {
        self.rows = rows
    }

    /// The CSV text: header "epoch,seconds,train_seconds,samples_per_second", numbers with
    /// exactly `decimals` digits after the point, "\n" after every line.
    public func csv(decimals: Int = 3) -> String {
        CSVText.render(
            header: Self.header,
            rows: rows.map {
                [String($0.epoch), $0.seconds.fixed(decimals), $0.trainSeconds.fixed(decimals), $0.samplesPerSecond.fixed(decimals)]
            })
    }

    /// Reads back the text `csv(decimals:)` writes; errors name `file` and the line.
    public init(csv: String, file: String) throws(ReportError) {
        let (header, lines) = try CSVText.parse(csv, file: file)
        guard header == Self.header else {
            throw .malformedCSV(file: file, line: 1,
                                reason: "expected the header '\(Self.header.joined(separator: ","))', found '\(header.joined(separator: ","))'")
        }
        var rows: [EpochTiming] = []
        for line in lines {
            let epoch = try CSVText.epoch(of: line, after: rows.last?.epoch ?? 0, file: file)
            var numbers: [Double] = []
            for index in 1..<header.count {
                guard let value = try CSVText.number(in: line, at: index, column: header[index], file: file) else {
                    throw .malformedCSV(file: file, line: line.number, reason: "column '\(header[index])' is empty")
                }
                numbers.append(value)
            }
            rows.append(EpochTiming(epoch: epoch, seconds: numbers[0], trainSeconds: numbers[1], samplesPerSecond: numbers[2]))
        }
        self.init(rows: rows)
    }
}
