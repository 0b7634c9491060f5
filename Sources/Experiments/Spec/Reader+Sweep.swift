/// The `sweep:` section: a grid or a random search over dotted paths of the file.
///
///     sweep:
///       grid:                                   # every combination
///         training.optimizer.learning_rate: [0.001, 0.003]
///         units:                                # a name for ids, and the paths it sets
///           paths: [model.0.gru.units, model.1.gru.units]
///           values: [32, 64]
///
///     sweep:
///       random:                                 # `trials` draws from the run's seed
///         trials: 8
///         training.optimizer.learning_rate: {log_uniform: [0.0001, 0.01]}
///         model.0.lstm.units: {int: [16, 128]}
///         training.optimizer.name: [adam, rmsprop]   # a list: one value picked
extension Reader {
    /// The ways a random search draws a number, each written `{way: [low, high]}`.
    static let draws = ["uniform", "log_uniform", "int"]

    /// The definition in `node` (the value of `sweep:`), or nil if any problem was reported.
    func sweep(_ node: SpecNode) -> SweepDefinition? {
        let before = problems.count
        let s = section(node, "sweep", keys: ["grid", "random"], at: node.place)
        switch (s.value("grid"), s.value("random")) {
        case (let grid?, nil):
            guard let parameters = parameters(grid, "sweep.grid", random: false, skipping: []) else { return nil }
            return SweepDefinition(mode: .grid, parameters: parameters)
        case (nil, let random?):
            guard let pairs = random.pairs else {
                report("sweep.random: expected a mapping of `trials` and parameters, found \(random.described)",
                       at: random.place)
                return nil
            }
            guard let trialsNode = pairs.first(where: { $0.key.text == "trials" })?.value else {
                report("sweep.random: missing required key `trials`, the number of trials to draw", at: random.place)
                return nil
            }
            let trials = int(trialsNode, "sweep.random.trials", in: .from(1, to: Double(SweepExpansion.maximumTrials)))
            let parameters = parameters(random, "sweep.random", random: true, skipping: ["trials"])
            guard let trials, let parameters else { return nil }
            return SweepDefinition(mode: .random(trials: trials, place: trialsNode.place), parameters: parameters)
        case (nil, nil):
            if problems.count == before {
                report("sweep: expected `grid:` (every combination) or `random:` (drawn trials)", at: node.place)
            }
            return nil
        case (_?, _?):
            report("sweep: give `grid:` or `random:`, not both", at: s.keyNode("random")!.place)
            return nil
        }
    }

    /// The parameters of the mapping `node` at `path`, leaving out the keys in `skipping`.
    private func parameters(_ node: SpecNode, _ path: String, random: Bool, skipping: [String]) -> [SweepParameter]? {
        guard let pairs = node.pairs else {
            report("\(path): expected a mapping of parameters, e.g. `training.optimizer.learning_rate: [0.001, 0.01]`, "
                + "found \(node.described)", at: node.place)
            return nil
        }
        let before = problems.count
        var parameters: [SweepParameter] = []
        var setBy: [String: String] = [:]
        for (key, value) in pairs {
            guard let name = key.text, !skipping.contains(name) else { continue }
            guard let parameter = parameter(name, key: key, value: value, path: "\(path).\(name)", random: random) else {
                continue
            }
            for override in parameter.overrides {
                if let other = setBy[override.path] {
                    report("\(path).\(name): `\(override.path)` is already set by `\(other)`; "
                        + "a path may vary in one parameter only", at: override.steps[0].place)
                }
                setBy[override.path] = name
            }
            parameters.append(parameter)
        }
        if parameters.isEmpty && problems.count == before {
            report("\(path): no parameters to vary; add one, e.g. `training.optimizer.learning_rate: [0.001, 0.01]`",
                   at: node.place)
        }
        return problems.count == before ? parameters : nil
    }

    /// One entry: `PATH: [values]`, `PATH: {draw: [low, high]}` (random), or the long form
    /// `NAME: {paths: [PATH, ...], values: [...]}` (or a draw instead of `values`).
    private func parameter(_ name: String, key: SpecNode, value: SpecNode, path: String, random: Bool) -> SweepParameter? {
        if value.items != nil {
            guard let overrides = overrides([(name, key.place)], path) else { return nil }
            return values(value, path).map { SweepParameter(name: nil, place: key.place, overrides: overrides, values: $0) }
        }
        let valueKeys = random ? ["values", "choice"] + Self.draws : ["values"]
        guard value.pairs != nil else {
            let example = random ? "[32, 64] or {log_uniform: [0.0001, 0.01]}" : "[32, 64]"
            report("\(path): expected a list of values, e.g. \(example), found \(value.described)", at: value.place)
            return nil
        }
        let before = problems.count
        let s = section(value, path, keys: ["paths"] + valueKeys, at: value.place)
        let given = s.entries.filter { valueKeys.contains($0.name) }
        guard given.count == 1, let way = given.first else {
            if problems.count > before { return nil }
            let draw = random ? ", `choice`, `uniform`, `log_uniform` or `int`" : ""
            report("\(path): give one of `values`\(draw)" + (given.isEmpty ? "" : ", not several"), at: value.place)
            return nil
        }
        var targets = [(name, key.place)]
        var named: String?
        if let list = s.value("paths") {
            guard checkName(name, key: key, path: path) else { return nil }
            guard let items = list.items, !items.isEmpty else {
                report("\(path).paths: expected a list of dotted paths, e.g. [model.0.lstm.units, model.1.lstm.units], "
                    + "found \(list.described)", at: list.place)
                return nil
            }
            targets = []
            for (index, item) in items.enumerated() {
                guard let text = string(item, "\(path).paths[\(index)]") else { return nil }
                targets.append((text, item.place))
            }
            named = name
        }
        guard let overrides = overrides(targets, path) else { return nil }
        let values: SweepParameter.Values?
        switch way.name {
        case "values", "choice": values = self.values(way.value, s.path(way.name))
        case "int": values = integers(way.value, s.path(way.name))
        default: values = uniform(way.value, s.path(way.name), logarithmic: way.name == "log_uniform")
        }
        return values.map { SweepParameter(name: named, place: key.place, overrides: overrides, values: $0) }
    }

    /// A long form's name: usable in trial ids and folder names.
    private func checkName(_ name: String, key: SpecNode, path: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        guard name.allSatisfy(allowed.contains) else {
            report("\(path): the name `\(name)` names the parameter in trial ids and folder names; "
                + "use letters, digits, `_`, `.` and `-`", at: key.place)
            return false
        }
        return true
    }

    /// An override per dotted path, with a placeholder value; paths that would change the sweep's
    /// folder or the sweep itself are refused.
    private func overrides(_ targets: [(path: String, place: Place)], _ path: String) -> [Override]? {
        var overrides: [Override] = []
        for target in targets {
            let first = target.path.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
            if first == "name" || first == "sweep" {
                report("\(path): `\(target.path)` cannot vary: "
                    + (first == "name" ? "the name is the folder of the whole sweep" : "a sweep does not sweep itself"),
                       at: target.place)
                return nil
            }
            do {
                overrides.append(try Override(path: target.path, at: target.place, value: .word("", at: target.place)))
            } catch {
                report(error.message, at: error.place)
                return nil
            }
        }
        return overrides
    }

    /// A non-empty list of values.
    private func values(_ node: SpecNode, _ path: String) -> SweepParameter.Values? {
        guard let items = node.items, !items.isEmpty else {
            report("\(path): expected a non-empty list of values, e.g. [32, 64], found \(node.described)", at: node.place)
            return nil
        }
        return .list(items)
    }

    /// `[low, high]`, two numbers with low < high (and low > 0 when `logarithmic`).
    private func uniform(_ node: SpecNode, _ path: String, logarithmic: Bool) -> SweepParameter.Values? {
        guard let items = node.items, items.count == 2 else {
            report("\(path): expected [low, high], e.g. [0.0001, 0.01], found \(node.described)", at: node.place)
            return nil
        }
        let bound: Interval = logarithmic ? .positive : .atLeast(-Double.greatestFiniteMagnitude)
        guard let low = double(items[0], "\(path)[0]", in: bound), let high = double(items[1], "\(path)[1]", in: bound) else {
            return nil
        }
        guard low < high else {
            report("\(path): the low end must be below the high end, found [\(items[0].text!), \(items[1].text!)]",
                   at: node.place)
            return nil
        }
        return .uniform(low: low, high: high, logarithmic: logarithmic, place: node.place)
    }

    /// `[low, high]`, two integers with low <= high.
    private func integers(_ node: SpecNode, _ path: String) -> SweepParameter.Values? {
        guard let items = node.items, items.count == 2 else {
            report("\(path): expected [low, high], e.g. [16, 128], found \(node.described)", at: node.place)
            return nil
        }
        let bound = Interval.atLeast(-Double(Int32.max))
        guard let low = int(items[0], "\(path)[0]", in: bound), let high = int(items[1], "\(path)[1]", in: bound) else {
            return nil
        }
        guard low <= high else {
            report("\(path): the low end must not be above the high end, found [\(low), \(high)]", at: node.place)
            return nil
        }
        return .integers(low...high, place: node.place)
    }
}
