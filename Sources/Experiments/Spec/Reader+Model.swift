/// The `model:` list: each item a one-key map naming the layer type, then whether the layers fit
/// together. An `output` entry, last, sets the output layer's initializers.
extension Reader {
    func layers(_ top: Section, dataset: DatasetKind?) -> (hidden: [LayerSpec], output: OutputLayerSpec)? {
        guard let node = top.value("model", required: true) else { return nil }
        guard let items = node.items else {
            report("model: expected a list of layers, found \(node.described)", at: node.place)
            return nil
        }
        guard !items.isEmpty else {
            report("model: the list of layers is empty; add one, e.g. `- lstm: {units: 32}`", at: node.place)
            return nil
        }
        let outputEntries = items.indices.filter { isOutputEntry(items[$0]) }
        checkPlacement(ofOutputEntries: outputEntries, in: items)
        let output = outputEntries.map { outputLayer(items[$0], index: $0) }.last ?? OutputLayerSpec()
        let hiddenIndices = items.indices.filter { !outputEntries.contains($0) }
        guard !hiddenIndices.isEmpty else {
            report("model: no layers besides the `output` entry; add one before it, e.g. `- lstm: {units: 32}`", at: node.place)
            return nil
        }
        let layers = hiddenIndices.map { index -> PlacedLayer? in
            layer(items[index], index: index).map { (index, $0.spec, $0.place) }
        }
        let complete = layers.compactMap { $0 }
        guard complete.count == layers.count else { return nil }
        checkShapes(complete, model: node, dataset: dataset)
        return (complete.map(\.spec), output)
    }

    /// One item of the list, and the place of its type key.
    private func layer(_ item: SpecNode, index: Int) -> (spec: LayerSpec, place: Place)? {
        let path = "model[\(index)]"
        guard let pairs = item.pairs, pairs.count == 1, let (key, value) = pairs.first else {
            reportNotALayer(item, path)
            return nil
        }
        let type = key.text ?? ""
        let layerPath = "\(path).\(type)"
        let spec: LayerSpec?
        switch type {
        case "lstm": spec = recurrent(value, layerPath, at: key.place, lstm: true).map(LayerSpec.lstm)
        case "gru": spec = recurrent(value, layerPath, at: key.place, lstm: false).map(LayerSpec.gru)
        case "dense": spec = dense(value, layerPath, at: key.place).map(LayerSpec.dense)
        case "dropout": spec = dropoutRate(value, layerPath, at: key.place).map(LayerSpec.dropout)
        default:
            report("\(path): unknown layer type \(key.described)" + Suggestion.hint(for: type, among: LayerSpec.typeNames + ["output"])
                + "; layer types: " + LayerSpec.typeNames.joined(separator: ", "), at: key.place)
            spec = nil
        }
        return spec.map { ($0, key.place) }
    }

    private func reportNotALayer(_ item: SpecNode, _ path: String) {
        let example = "a layer is a map with one key, its type, e.g. `- lstm: {units: 32}`"
        guard let pairs = item.pairs, !pairs.isEmpty else {
            report("\(path): expected \(example), found \(item.described)", at: item.place)
            return
        }
        let keys = pairs.map(\.key.described)
        var message = "\(path): \(example); found \(keys.count) keys, \(keys.joined(separator: ", "))"
        if let first = pairs.first?.key.text, LayerSpec.typeNames.contains(first) {
            message += " (indent the settings under `\(first)`)"
        }
        report(message, at: item.place)
    }

    /// The settings of an LSTM (`lstm`) or a GRU; `unit_forget_bias` is an LSTM's only.
    private func recurrent(_ node: SpecNode, _ path: String, at place: Place, lstm: Bool) -> RecurrentSpec? {
        let s = section(node, path, keys: ["units", "return_sequences", "dropout", "recurrent_dropout",
                                           "recurrent_activation", "bidirectional", "stateful", "kernel_initializer",
                                           "recurrent_initializer", "bias_initializer", "unit_forget_bias"], at: place)
        let units = s.int("units", in: .atLeast(1), required: true)
        var spec = RecurrentSpec(units: units ?? 1)
        s.bool("return_sequences", into: &spec.returnSequences)
        s.double("dropout", into: &spec.dropout, in: .rate)
        s.double("recurrent_dropout", into: &spec.recurrentDropout, in: .rate)
        s.choice("recurrent_activation", into: &spec.recurrentActivation, from: RecurrentSpec.gateActivations,
                 what: "gate activation")
        s.bool("bidirectional", into: &spec.bidirectional)
        s.bool("stateful", into: &spec.stateful)
        initializer(s, "kernel_initializer", into: &spec.kernelInitializer)
        initializer(s, "recurrent_initializer", into: &spec.recurrentInitializer)
        biasInitializer(s, into: &spec.biasInitializer)
        if lstm {
            s.bool("unit_forget_bias", into: &spec.unitForgetBias)
        } else if let key = s.keyNode("unit_forget_bias") {
            report("\(s.path("unit_forget_bias")): only an lstm has a forget gate; leave it out of this gru", at: key.place)
        }
        return units == nil ? nil : spec
    }

    private func dense(_ node: SpecNode, _ path: String, at place: Place) -> DenseSpec? {
        let s = section(node, path, keys: ["units", "activation", "kernel_initializer", "bias_initializer"], at: place)
        let units = s.int("units", in: .atLeast(1), required: true)
        var spec = DenseSpec(units: units ?? 1)
        s.choice("activation", into: &spec.activation, from: DenseSpec.activations, what: "activation")
        initializer(s, "kernel_initializer", into: &spec.kernelInitializer)
        biasInitializer(s, into: &spec.biasInitializer)
        return units == nil ? nil : spec
    }

    /// `dropout: 0.5` or `dropout: {rate: 0.5}`.
    private func dropoutRate(_ node: SpecNode, _ path: String, at place: Place) -> Double? {
        if node.pairs == nil && !node.isNull { return double(node, path, in: .rate) }
        return section(node, path, keys: ["rate"], at: place).double("rate", in: .rate, required: true)
    }

    /// Checks that every layer reads the shape the one before it gives. The input (the embedding)
    /// is a sequence; a recurrent layer reads a sequence and gives a sequence, or with
    /// `return_sequences: false` one vector; dense and dropout layers keep the shape. Recurrent
    /// layers come before dense ones, and for a dataset with one label per sequence the model must
    /// end in one vector.
    private func checkShapes(_ layers: [PlacedLayer], model: SpecNode, dataset: DatasetKind?) {
        var previous: (index: Int, spec: LayerSpec)?
        var lastRecurrent: PlacedLayer?
        for layer in layers {
            let index = layer.index
            if case .dropout = layer.spec { continue }
            if layer.spec.recurrent != nil, let previous {
                let type = layer.spec.typeName
                if case .dense = previous.spec {
                    report("\(type) at model[\(index)] cannot follow dense at model[\(previous.index)]: "
                        + "recurrent layers read sequences and come before dense layers", at: layer.place)
                } else if let before = previous.spec.recurrent, !before.returnSequences {
                    report("\(type) at model[\(index)] needs a sequence, but model[\(previous.index)] "
                        + "(\(previous.spec.typeName)) has return_sequences: false; "
                        + "set return_sequences: true on model[\(previous.index)]", at: layer.place)
                }
            }
            if layer.spec.recurrent != nil { lastRecurrent = layer }
            previous = (index, layer.spec)
        }
        guard let dataset else { return }
        guard dataset.labelsWholeSequences else {
            checkLanguageModel(layers, dataset: dataset)
            return
        }
        guard let last = lastRecurrent else {
            report("model: no lstm or gru layer reads the sequence into one vector; add one", at: model.place)
            return
        }
        if last.spec.recurrent?.returnSequences == true {
            report("model[\(last.index)] (\(last.spec.typeName)) is the last recurrent layer and has "
                + "return_sequences: true, so the model ends in a sequence, but dataset \(dataset.rawValue) "
                + "has one label per sequence; set return_sequences: false on model[\(last.index)]",
                at: last.place)
        }
    }

    /// A language model predicts the next token at every step: its recurrent layers return
    /// sequences and read only the past (no `bidirectional`).
    private func checkLanguageModel(_ layers: [PlacedLayer], dataset: DatasetKind) {
        for layer in layers {
            let index = layer.index
            guard let r = layer.spec.recurrent else { continue }
            if !r.returnSequences {
                report("model[\(index)] (\(layer.spec.typeName)) has return_sequences: false, but dataset "
                    + "\(dataset.rawValue) predicts a token at every step; set return_sequences: true", at: layer.place)
            }
            if r.bidirectional {
                report("model[\(index)] (\(layer.spec.typeName)) is bidirectional, but a language model may only "
                    + "read the tokens before the one it predicts; set bidirectional: false", at: layer.place)
            }
        }
    }
}

/// A hidden layer read from the list: its index there (an `output` entry takes one too), its
/// spec, and the place of its type key.
private typealias PlacedLayer = (index: Int, spec: LayerSpec, place: Place)
