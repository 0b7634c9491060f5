/// An experiment file read: one experiment, or a sweep of trials.
public enum ExperimentFile: Equatable, Sendable {
    case single(ExperimentSpec)
    case sweep(Sweep)
}
