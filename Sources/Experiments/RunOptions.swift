/// How `Experiment.run` runs a file: the command line's options of `runner run` and `runner sweep`.
public struct RunOptions: Sendable {
    /// `--set PATH=VALUE` arguments, in order.
    public var overrides: [String] = []
    /// The results folder: the experiment's, the sweep's, or the trial's.
    public var output: String?
    /// Continue an interrupted run (or trial) from its checkpoint.
    public var resume = false
    /// Print nothing while running.
    public var quiet = false
    /// Break every epoch's time down by section (`profile.csv`).
    public var profile = false
    /// The engine's threads; nil keeps the process's (`OPENBLAS_NUM_THREADS`, else every core).
    public var threads: Int?
    /// Run only the trial with this id of a sweep.
    public var trial: String?
    /// How many trials of a sweep run at once; nil for one.
    public var jobs: Int?
    /// Run every trial of a sweep again, finished or not.
    public var force = false
    /// The path of the runner executable, which a sweep starts once per trial.
    public var executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// The first option given that only a sweep takes, as the command line writes it.
    var sweepOption: String? {
        if trial != nil { return "--trial" }
        if jobs != nil { return "--jobs" }
        return force ? "--force" : nil
    }
}
