import Reports

/// The ways `runner diff` prints a comparison (`Reports.ComparisonFormat`).
public typealias DiffFormat = ComparisonFormat

/// `runner diff`: what changed in a results folder since a git revision, or between two folders.
///
/// A single run is compared metric by metric and key by key of its `config.yaml`; a sweep (a
/// folder with `trials/`) trial by trial, naming the trials only one side has.
public enum ResultsDiff {
    /// The folder at `path` as it is now against the same folder committed at `revision`.
    /// Throws when the folder does not exist, is not in a git repository, the revision is
    /// unknown, or the folder has nothing committed there.
    public static func compare(_ path: String, withRevision revision: String = "HEAD") throws(ResultsError) -> ResultsComparison {
        let before = try ResultsSnapshot.committed(path, at: revision)
        let after = try ResultsSnapshot.onDisk(path)
        return try compare(before, after)
    }

    /// The folder `before` against the folder `after`: two runs, or two sweeps.
    public static func compare(_ before: String, _ after: String) throws(ResultsError) -> ResultsComparison {
        try compare(ResultsSnapshot.onDisk(before), ResultsSnapshot.onDisk(after))
    }

    /// `before` against `after`; numbers take the decimals of the new side's `output.decimals`.
    static func compare(_ before: ResultsSnapshot, _ after: ResultsSnapshot) throws(ResultsError) -> ResultsComparison {
        var comparison = ResultsComparison(before: before.label, after: after.label, runs: [])
        var decimals: Int?
        /// Adds the run in `folder`, named `name` or else by its config's name.
        func add(_ name: String?, folder: String) throws(ResultsError) {
            let old = try before.run(in: folder), new = try after.run(in: folder)
            decimals = decimals ?? new.setting("output.decimals").flatMap { Int($0) }
            comparison.runs.append(RunComparison(name: name ?? new.setting("name") ?? after.label, before: old.log, after: new.log,
                                                 configChanges: ConfigChange.between(old.config, new.config)))
        }
        switch (before.trialIDs, after.trialIDs) {
        case (nil, nil):
            try add(nil, folder: "")
        case let (oldIDs?, newIDs?):
            comparison.addedTrials = newIDs.filter { !oldIDs.contains($0) }
            comparison.removedTrials = oldIDs.filter { !newIDs.contains($0) }
            for id in newIDs where oldIDs.contains(id) { try add(id, folder: "trials/" + id) }
        case (nil, _?):
            throw .sweepAndRun(sweep: after.label, run: before.label)
        case (_?, nil):
            throw .sweepAndRun(sweep: before.label, run: after.label)
        }
        comparison.decimals = decimals ?? 4
        return comparison
    }
}
