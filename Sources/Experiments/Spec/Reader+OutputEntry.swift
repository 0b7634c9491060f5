/// The `- output:` entry of the `model:` list: how the output layer, which the builder appends,
/// starts. Only its initializers can be set, by one entry, the last.
extension Reader {
    /// Whether a list item is an `output` entry (a one-key map, `output`).
    func isOutputEntry(_ item: SpecNode) -> Bool {
        item.pairs?.count == 1 && item.pairs?.first?.key.text == "output"
    }

    /// An `output` entry: the output layer's initializers. Its size and activation follow from
    /// the task, so `units` and `activation` get their own explanation.
    func outputLayer(_ item: SpecNode, index: Int) -> OutputLayerSpec {
        let (key, value) = item.pairs![0]
        let path = "model[\(index)].output"
        let fixed = ["units", "activation"]
        let s = section(value, path, keys: OutputLayerSpec.keys + fixed, at: key.place)
        for name in fixed {
            guard let node = s.keyNode(name) else { continue }
            report("\(s.path(name)): the output layer's size and activation follow from the task (one logit for two "
                + "classes, one per class for more, one per token for a language model); the output entry sets only "
                + OutputLayerSpec.keys.joined(separator: " and "), at: node.place)
        }
        var spec = OutputLayerSpec()
        initializer(s, "kernel_initializer", into: &spec.kernelInitializer)
        biasInitializer(s, into: &spec.biasInitializer)
        return spec
    }

    /// The `output` entries, at `indices` of `items`: at most one, and last.
    func checkPlacement(ofOutputEntries indices: [Int], in items: [SpecNode]) {
        guard let first = indices.first else { return }
        for later in indices.dropFirst() {
            report("model[\(later)].output: the output layer is already set at model[\(first)]; set it once, "
                + "in the last entry of the list", at: items[later].pairs![0].key.place)
        }
        if indices.count == 1 && first != items.count - 1 {
            report("model[\(first)].output: the output layer's settings must be the last entry of the list, "
                + "as that layer comes after all the others", at: items[first].pairs![0].key.place)
        }
    }
}
