import Engine
import Foundation
import Yams

/// The trials of a sweep: each trial's id and the value each parameter takes in it.
///
/// A grid makes every combination, the first parameter varying slowest (as nested loops in the
/// order written). A random search draws `trials` distinct trials from its own stream of the
/// run's seed, each parameter in the order written, so the same file gives the same trials.
struct SweepExpansion {
    /// One trial before it is applied to the file.
    struct Assignment {
        var id: String
        /// Per parameter, the name of its value in the id.
        var labels: [String]
        /// Per parameter, the value it sets, placed where the file writes it (or its draw).
        var values: [SpecNode]
    }

    /// The random stream of sweeps; streams 1 to 4 belong to training (`RandomStreams`).
    static let stream: UInt64 = 5
    /// Numbers drawn from a range are rounded to this many significant digits, so that trial ids
    /// and `config.yaml` show them as written: 0.001235, not 0.0012346187.
    static let significantDigits = 4
    /// How many draws a random search makes per trial asked for before it gives up finding
    /// distinct trials.
    static let drawsPerTrial = 100
    /// The longest id allowed: ids are folder names, which most file systems cap at 255 bytes.
    static let longestID = 200
    /// The most trials a sweep may have: far more than anyone trains, few enough that every
    /// trial of a sweep is checked in seconds, so a typo (a grid of many long lists, a random
    /// search of 10⁸ trials) is an error rather than a reader that never returns.
    static let maximumTrials = 10_000

    let keys: [String]
    let assignments: [Assignment]

    /// Expands `definition`; `seed` is the base file's seed, which random searches draw from.
    init(_ definition: SweepDefinition, seed: UInt64) throws(Problem) {
        keys = try TrialKeys.keys(of: definition.parameters)
        switch definition.mode {
        case .grid:
            var sizes: [Int] = []
            for parameter in definition.parameters {
                if case .list(let values) = parameter.values { sizes.append(values.count) }
            }
            if sizes.reduce(1, { min($0 * $1, Self.maximumTrials + 1) }) > Self.maximumTrials {
                throw Problem(place: definition.parameters[0].place,
                              message: "sweep.grid: \(sizes.map(String.init).joined(separator: " × ")) combinations are more "
                                + "than the \(Self.maximumTrials) trials a sweep may have; vary fewer settings, or fewer values")
            }
            assignments = Self.grid(definition.parameters, keys: keys)
        case .random(let trials, let place):
            assignments = try Self.random(definition.parameters, keys: keys, trials: trials, place: place, seed: seed)
        }
        if let long = assignments.first(where: { $0.id.utf8.count > Self.longestID }) {
            throw Problem(place: definition.parameters[0].place,
                          message: "sweep: the trial id `\(long.id)` is longer than \(Self.longestID) characters; "
                            + "name the parameters shortly (`NAME: {paths: [...], values: [...]}`)")
        }
    }

    /// Every combination, the first parameter varying slowest.
    private static func grid(_ parameters: [SweepParameter], keys: [String]) -> [Assignment] {
        var combinations: [(labels: [String], values: [SpecNode])] = [([], [])]
        for parameter in parameters {
            guard case .list(let values) = parameter.values else { continue }
            let labels = TrialKeys.labels(of: values)
            combinations = combinations.flatMap { partial in
                zip(labels, values).map { (partial.labels + [$0], partial.values + [$1]) }
            }
        }
        return combinations.map { Assignment(id: TrialKeys.id(keys: keys, labels: $0.labels), labels: $0.labels, values: $0.values) }
    }

    /// `trials` distinct draws; a problem at `trials` when the parameters do not give that many.
    private static func random(_ parameters: [SweepParameter], keys: [String], trials: Int, place: Place,
                               seed: UInt64) throws(Problem) -> [Assignment] {
        let stream = RandomStream(seed: seed, stream: Self.stream)
        let listLabels = parameters.map { parameter -> [String] in
            if case .list(let values) = parameter.values { return TrialKeys.labels(of: values) }
            return []
        }
        var assignments: [Assignment] = []
        var seen: Set<String> = []
        var draws = 0
        while assignments.count < trials {
            guard draws < trials * Self.drawsPerTrial else {
                throw Problem(place: place, message: "sweep.random.trials: only \(assignments.count) distinct trials "
                    + "came out of \(draws) draws; ask for fewer trials, or give the parameters more values")
            }
            draws += 1
            var labels: [String] = [], values: [SpecNode] = []
            for (parameter, names) in zip(parameters, listLabels) {
                let (label, value) = draw(parameter.values, labels: names, from: stream)
                labels.append(label)
                values.append(value)
            }
            let id = TrialKeys.id(keys: keys, labels: labels)
            if seen.insert(id).inserted {
                assignments.append(Assignment(id: id, labels: labels, values: values))
            }
        }
        return assignments
    }

    /// One value of a parameter and its label.
    private static func draw(_ values: SweepParameter.Values, labels: [String],
                             from stream: RandomStream) -> (String, SpecNode) {
        switch values {
        case .list(let nodes):
            let index = stream.nextInt(below: nodes.count)
            return (labels[index], nodes[index])
        case .integers(let range, let place):
            let value = range.lowerBound + stream.nextInt(below: range.count)
            return ("\(value)", .scalar(Node("\(value)", Tag(.int)), place))
        case .uniform(let low, let high, let logarithmic, let place):
            let u = stream.nextDouble()
            let x = logarithmic ? exp(log(low) + (log(high) - log(low)) * u) : low + (high - low) * u
            let text = YAMLText.number(rounded(x))
            return (TrialKeys.sanitized(text), .scalar(Node(text, Tag(.float)), place))
        }
    }

    /// `x` rounded to `significantDigits` significant digits, read from its decimal text so
    /// that it prints as those digits.
    static func rounded(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let exponent = Int(log10(abs(x)).rounded(.down)) - (significantDigits - 1)
        let mantissa = (x / pow(10, Double(exponent))).rounded()
        return Double("\(Int(mantissa))e\(exponent)") ?? x
    }
}
