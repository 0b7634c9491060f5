/// Where one epoch's time went, section by section, as `--profile` measures it.
public struct EpochProfile: Equatable, Sendable {
    /// The epoch, counted from 1.
    public var epoch: Int
    /// Wall-clock seconds per section, in the order they are reported.
    public var sections: [(name: String, seconds: Double)]

    public init(epoch: Int, sections: [(name: String, seconds: Double)]) {
        self.epoch = epoch
        self.sections = sections
    }

    /// The sum of the sections.
    public var total: Double { sections.reduce(0) { $0 + $1.seconds } }

    /// A table for the terminal: each section's seconds and share of the epoch.
    public var table: String {
        let width = max(5, sections.map(\.name.count).max() ?? 0)
        func line(_ name: String, _ seconds: Double, _ share: String) -> String {
            "  " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 10 - seconds.fixed(3).count)) + seconds.fixed(3) + " s" + share
        }
        let total = self.total
        let rows = sections.map { section in
            let share = total > 0 ? (100 * section.seconds / total).fixed(1) : "0.0"
            return line(section.name, section.seconds, String(repeating: " ", count: max(0, 7 - share.count)) + share + "%")
        }
        return (["epoch \(epoch) profile:"] + rows + [line("total", total, "")]).joined(separator: "\n")
    }

    public static func == (a: EpochProfile, b: EpochProfile) -> Bool {
        a.epoch == b.epoch && a.sections.map(\.name) == b.sections.map(\.name)
            && a.sections.map(\.seconds) == b.sections.map(\.seconds)
    }
}

/// The profile of a run, one row per epoch and one column per section, as written to
/// `profile.csv`. Like `timing.csv` it depends on the machine.
public struct ProfileLog: Equatable, Sendable {
    /// The epochs, in increasing order; every row has the same sections.
    public var rows: [EpochProfile]

    public init(rows: [EpochProfile] = []) {
        self.rows = rows
    }

    /// The CSV text: "epoch", the section names and "total", seconds with `decimals` digits.
    public func csv(decimals: Int = 3) -> String {
        let names = rows.first?.sections.map(\.name) ?? []
        return CSVText.render(
            header: ["epoch"] + names + ["total"],
            rows: rows.map { row in [String(row.epoch)] + row.sections.map { $0.seconds.fixed(decimals) } + [row.total.fixed(decimals)] })
    }
}
