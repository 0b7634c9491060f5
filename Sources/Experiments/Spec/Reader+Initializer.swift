extension Reader {
    /// A weight initialiser: `orthogonal`, or `{name: random_uniform, minval: -0.1, maxval: 0.1}`
    /// with only the settings the named one has (`InitializerSpec.settings`), the others at
    /// Keras's defaults. A map without a `name` adjusts `standard`, the initialiser the setting
    /// has when it is not written, so that `--set model.0.lstm.kernel_initializer.gain=2` works
    /// on a file that names none.
    func initializer(_ node: SpecNode, _ path: String, standard: InitializerSpec) -> InitializerSpec? {
        let names = InitializerSpec.settings.map(\.name)
        if node.text != nil {
            return choice(node, path, from: names, what: "initializer").flatMap(InitializerSpec.init(name:))
        }
        var everySetting: [String] = []
        for (_, keys) in InitializerSpec.settings {
            everySetting += keys.filter { !everySetting.contains($0) }
        }
        let s = section(node, path, keys: ["name"] + everySetting, at: node.place)
        let written = s.choice("name", from: names, what: "initializer")
        if written == nil && s.value("name") != nil { return nil }
        var spec = written.flatMap(InitializerSpec.init(name:)) ?? standard
        let keys = InitializerSpec.settings.first { $0.name == spec.name }!.keys
        for entry in s.entries where entry.name != "name" && !keys.contains(entry.name) {
            report("\(path): `\(entry.name)` is not a setting of \(spec.name), which takes "
                + (keys.isEmpty ? "none" : keys.joined(separator: ", ")), at: entry.key.place)
        }
        switch spec {
        case .orthogonal(var gain):
            s.double("gain", into: &gain, in: .positive)
            spec = .orthogonal(gain: gain)
        case .randomUniform(var minval, var maxval):
            s.double("minval", into: &minval, in: .anyNumber)
            s.double("maxval", into: &maxval, in: .anyNumber)
            guard minval < maxval else {
                let place = (s.value("maxval") ?? s.value("minval"))?.place ?? node.place
                report("\(path): minval must be below maxval, found minval \(YAMLText.number(minval)) "
                    + "and maxval \(YAMLText.number(maxval))", at: place)
                return nil
            }
            spec = .randomUniform(minval: minval, maxval: maxval)
        case .glorotUniform, .zeros:
            break
        }
        return spec
    }

    /// The initialiser at `key` of `section`, if written, in place of `target`'s default.
    func initializer(_ section: Section, _ key: String, into target: inout InitializerSpec) {
        if let node = section.value(key), let spec = initializer(node, section.path(key), standard: target) {
            target = spec
        }
    }

    /// `bias_initializer` of `section`, if written, in place of `target`'s default: any
    /// initialiser but one that draws only matrices (orthogonal), since a bias is a vector.
    func biasInitializer(_ section: Section, into target: inout InitializerSpec) {
        let key = "bias_initializer"
        guard let node = section.value(key), let spec = initializer(node, section.path(key), standard: target) else { return }
        guard !spec.engine.needsMatrix else {
            let vectorNames = InitializerSpec.settings.map(\.name).filter { !InitializerSpec(name: $0)!.engine.needsMatrix }
            let name = node.pairs?.first { $0.key.text == "name" }?.value ?? node
            report("\(section.path(key)): \(spec.name) needs a matrix, but a bias is a vector; "
                + "expected one of \(vectorNames.joined(separator: ", "))", at: name.place)
            return
        }
        target = spec
    }
}
