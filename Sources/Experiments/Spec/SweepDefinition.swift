/// The `sweep:` section as written: how trials are made and the parameters they vary. Read by
/// `Reader.sweep`, expanded into trials by `SweepExpansion`.
struct SweepDefinition {
    enum Mode {
        /// Every combination of the parameters' values.
        case grid
        /// `trials` draws, each parameter drawn independently; `place` is that of `trials`.
        case random(trials: Int, place: Place)
    }

    var mode: Mode
    var parameters: [SweepParameter]
}

/// One parameter of a sweep: what names it in trial ids, the paths it sets (one override each),
/// and the values it takes.
struct SweepParameter {
    /// The values of a parameter, or how they are drawn.
    enum Values {
        /// Listed values: every one in a grid, one picked at random in a random search.
        case list([SpecNode])
        /// A number drawn uniformly from `low...high`, or with a uniform logarithm when
        /// `logarithmic`, rounded to `SweepExpansion.significantDigits` significant digits.
        case uniform(low: Double, high: Double, logarithmic: Bool, place: Place)
        /// A whole number drawn uniformly from the range, both ends included.
        case integers(ClosedRange<Int>, place: Place)
    }

    /// The long form's name (`units: {paths: [...], values: [...]}`), or nil for the short form
    /// (`model.0.lstm.units: [32, 64]`), whose path is shortened into its key (`TrialKeys`).
    var name: String?
    /// Where the entry's key is written.
    var place: Place
    /// The paths the parameter sets, each an override whose value is replaced per trial.
    var overrides: [Override]
    var values: Values
}
