extension Reader {
    /// `optimizer: adam`, or `optimizer: {name: adam, learning_rate: 0.001, ...}` with only the
    /// settings the named optimizer has (`OptimizerName.settings`); the others keep Keras's defaults.
    /// Without a `name`, the optimizer is the default one (RMSprop), so that
    /// `--set training.optimizer.learning_rate=0.01` works on a file that names none.
    func optimizer(_ node: SpecNode, _ path: String) -> OptimizerSpec? {
        if node.text != nil {
            return choice(node, path, from: OptimizerName.allCases.map(\.rawValue), what: "optimizer")
                .flatMap(OptimizerName.init).map(OptimizerSpec.init)
        }
        var everySetting: [String] = []
        for name in OptimizerName.allCases {
            everySetting += name.settings.filter { !everySetting.contains($0) }
        }
        let s = section(node, path, keys: ["name"] + everySetting, at: node.place)
        let written = s.choice("name", as: OptimizerName.self, what: "optimizer")
        if written == nil && s.value("name") != nil { return nil }
        let name = written ?? TrainingSpec().optimizer.name
        for entry in s.entries where entry.name != "name" && !name.settings.contains(entry.name) {
            report("\(path): `\(entry.name)` is not a setting of \(name.rawValue), which takes "
                + name.settings.joined(separator: ", "), at: entry.key.place)
        }
        var optimizer = OptimizerSpec(name: name)
        s.double("learning_rate", into: &optimizer.learningRate, in: .positive)
        s.double("momentum", into: &optimizer.momentum, in: .atLeast(0))
        s.bool("nesterov", into: &optimizer.nesterov)
        s.double("beta_1", into: &optimizer.beta1, in: .rate)
        s.double("beta_2", into: &optimizer.beta2, in: .rate)
        s.double("epsilon", into: &optimizer.epsilon, in: .positive)
        s.double("rho", into: &optimizer.rho, in: .rate)
        s.double("initial_accumulator_value", into: &optimizer.initialAccumulatorValue, in: .atLeast(0))
        s.double("weight_decay", into: &optimizer.weightDecay, in: .atLeast(0))
        return optimizer
    }
}
