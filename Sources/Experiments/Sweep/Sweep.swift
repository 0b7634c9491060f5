/// The trials of a file with a `sweep:` section, each the file with the trial's values set, as
/// `--set` overrides would set them, and checked like the file.
public struct Sweep: Equatable, Sendable {
    /// The experiment's name, shared by every trial: the sweep's results folder.
    public var name: String
    /// What names each parameter in trial ids, in the order the file lists the parameters.
    public var keys: [String]
    /// The trials in order: the grid's combinations, or the random search's draws.
    public var trials: [Trial]

    public init(name: String, keys: [String], trials: [Trial]) {
        self.name = name
        self.keys = keys
        self.trials = trials
    }

    /// The trial with this id, if the sweep has one.
    public func trial(_ id: String) -> Trial? {
        trials.first { $0.id == id }
    }
}

/// One trial of a sweep.
public struct Trial: Equatable, Sendable {
    /// Its position in the sweep, from 1.
    public var number: Int
    /// A readable, stable id and folder name: `units=32,learning_rate=0.001`.
    public var id: String
    /// The name of each parameter's value in the id, in the order of `Sweep.keys`.
    public var labels: [String]
    /// The experiment the trial runs.
    public var spec: ExperimentSpec

    public init(number: Int, id: String, labels: [String], spec: ExperimentSpec) {
        self.number = number
        self.id = id
        self.labels = labels
        self.spec = spec
    }
}
