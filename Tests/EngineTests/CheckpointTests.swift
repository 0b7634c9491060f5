import Foundation
import Testing
@testable import Engine

/// A layer that only holds parameters of the given shapes (filled from `seed`) and passes data
/// through: checkpoints need parameters, not arithmetic.
private final class ParameterHolder: Layer {
    var name: String
    let parameters: [Parameter]
    var computesInputGradient = true

    init(_ name: String, _ shapes: [String: [Int]], seed: UInt64 = 1) {
        self.name = name
        let rng = RandomStream(seed: seed)
        parameters = shapes.keys.sorted().map { key in
            var value = Tensor(shape: shapes[key]!)
            for i in 0..<value.count { value.scalars[i] = rng.nextFloat(in: -1, 1) }
            return Parameter(name: key, value: value)
        }
    }

    func outputShape(forInput inputShape: [Int]) -> [Int] { inputShape }
    func forward(_ input: Tensor, training: Bool) -> Tensor { input }
    func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
}

/// A two-layer model; `seed` sets its values, the shapes are always the same.
private func makeModel(seed: UInt64 = 1) -> Sequential {
    Sequential([
        ParameterHolder("lstm", ["weight_ih": [8, 3], "bias": [8]], seed: seed),
        ParameterHolder("dense", ["weight": [1, 2], "bias": [1]], seed: seed + 100),
    ])
}

/// Sets every trainable gradient to a fixed function of the step, as backward would.
private func setGradients(_ model: Sequential, step: Int) {
    for (k, p) in model.trainableParameters.enumerated() {
        for i in 0..<p.gradient.count { p.gradient.scalars[i] = Float((i + k + step) % 5) - 2 }
    }
}

private func temporaryURL(_ name: String = UUID().uuidString) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name).safetensors")
}

private func values(_ model: Sequential) -> [Tensor] {
    model.namedParameters.map(\.parameter.value)
}

@Suite struct CheckpointTests {
    @Test func saveThenLoadRestoresParametersAndMetadata() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let saved = makeModel(seed: 1)
        try Checkpoint.save(saved, optimizer: nil, metadata: ["epoch": "4", "spec": "lstm: 8"], to: url)
        let loaded = makeModel(seed: 2)
        #expect(values(loaded) != values(saved))
        let metadata = try Checkpoint.load(into: loaded, optimizer: nil, from: url)
        #expect(values(loaded) == values(saved))
        #expect(metadata == ["epoch": "4", "spec": "lstm: 8"])
    }

    @Test func keysAreQualifiedParameterNamesAndOptimizerSlots() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let model = makeModel()
        let sgd = SGD(momentum: 0.9)
        setGradients(model, step: 0)
        sgd.step(model.trainableParameters)
        try Checkpoint.save(model, optimizer: sgd, metadata: [:], to: url)
        let keys = try Set(Safetensors.read(from: url).tensors.keys)
        #expect(keys == ["lstm.bias", "lstm.weight_ih", "dense.bias", "dense.weight",
                         "optimizer.lstm.bias.momentum_buffer", "optimizer.lstm.weight_ih.momentum_buffer",
                         "optimizer.dense.bias.momentum_buffer", "optimizer.dense.weight.momentum_buffer"])
    }

    /// Three steps, save, load into a fresh model and optimizer, one more step on both: identical.
    @Test func optimizerStateRoundTrips() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let model = makeModel(seed: 1), adam = Adam(learningRate: 0.05)
        for step in 0..<3 {
            setGradients(model, step: step)
            adam.step(model.trainableParameters)
        }
        try Checkpoint.save(model, optimizer: adam, metadata: [:], to: url)
        let resumed = makeModel(seed: 2), resumedAdam = Adam(learningRate: 0.05)
        try Checkpoint.load(into: resumed, optimizer: resumedAdam, from: url)
        for m in [model, resumed] { setGradients(m, step: 3) }
        adam.step(model.trainableParameters)
        resumedAdam.step(resumed.trainableParameters)
        #expect(values(resumed) == values(model))
    }

    @Test func identicalWeightsGiveIdenticalBytes() throws {
        let first = temporaryURL(), second = temporaryURL()
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        let metadata = (0..<20).map { ("key\($0)", "value \($0)") }
        try Checkpoint.save(makeModel(seed: 3), optimizer: nil, metadata: Dictionary(uniqueKeysWithValues: metadata), to: first)
        try Checkpoint.save(makeModel(seed: 3), optimizer: nil, metadata: Dictionary(uniqueKeysWithValues: metadata.reversed()), to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    @Test func savingReplacesAnExistingFile() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(makeModel(seed: 1), optimizer: nil, metadata: [:], to: url)
        try Checkpoint.save(makeModel(seed: 5), optimizer: nil, metadata: [:], to: url)
        let loaded = makeModel(seed: 1)
        try Checkpoint.load(into: loaded, optimizer: nil, from: url)
        #expect(values(loaded) == values(makeModel(seed: 5)))
    }

    @Test func aTruncatedFileIsNamedAsSuch() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(makeModel(), optimizer: nil, metadata: [:], to: url)
        try Data(contentsOf: url).dropLast(3).write(to: url)
        let model = makeModel(seed: 9), before = values(model)
        let error = #expect(throws: CheckpointError.self) { try Checkpoint.load(into: model, optimizer: nil, from: url) }
        guard case .truncated(let path, _) = error else {
            Issue.record("expected truncated, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
        #expect(values(model) == before)
    }

    @Test func aCorruptHeaderIsNamedAsSuch() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(makeModel(), optimizer: nil, metadata: [:], to: url)
        var bytes = try Data(contentsOf: url)
        bytes[8] = UInt8(ascii: "x")
        try bytes.write(to: url)
        let error = #expect(throws: CheckpointError.self) { try Checkpoint.load(into: makeModel(), optimizer: nil, from: url) }
        guard case .corruptHeader(let path, _) = error else {
            Issue.record("expected corruptHeader, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
        #expect(error?.description.contains(url.path) == true)
    }

    @Test func aMissingParameterIsNamed() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(makeModel(), optimizer: nil, metadata: [:], to: url)
        let bigger = Sequential(makeModel().layers + [ParameterHolder("dense_1", ["weight": [2]])])
        #expect(throws: CheckpointError.missingKey(path: url.path, key: "dense_1.weight")) {
            try Checkpoint.load(into: bigger, optimizer: nil, from: url)
        }
    }

    @Test func aParameterOfAnotherModelIsNamed() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(makeModel(), optimizer: nil, metadata: [:], to: url)
        let smaller = Sequential([makeModel().layers[0]])
        #expect(throws: CheckpointError.unexpectedKey(path: url.path, key: "dense.bias")) {
            try Checkpoint.load(into: smaller, optimizer: nil, from: url)
        }
    }

    @Test func aWrongShapeIsNamedWithBothShapes() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint.save(makeModel(), optimizer: nil, metadata: [:], to: url)
        let wider = Sequential([makeModel().layers[0], ParameterHolder("dense", ["weight": [1, 4], "bias": [1]])])
        let before = values(wider)
        let error = #expect(throws: CheckpointError.wrongShape(path: url.path, key: "dense.weight", expected: [1, 4], found: [1, 2])) {
            try Checkpoint.load(into: wider, optimizer: nil, from: url)
        }
        #expect(error?.description == "\(url.path): tensor dense.weight has shape [1, 2], expected [1, 4]")
        #expect(values(wider) == before)
    }

    @Test func aMissingOptimizerSlotIsNamedWithItsPrefixAndChangesNothing() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let model = makeModel(), adam = Adam()
        setGradients(model, step: 0)
        adam.step(model.trainableParameters)
        try Checkpoint.save(model, optimizer: adam, metadata: [:], to: url)
        var contents = try Safetensors.read(from: url)
        contents.tensors["optimizer.dense.weight.exp_avg_sq"] = nil
        try Safetensors.write(contents, to: url)
        let fresh = makeModel(seed: 4), before = values(fresh)
        #expect(throws: CheckpointError.missingKey(path: url.path, key: "optimizer.dense.weight.exp_avg_sq")) {
            try Checkpoint.load(into: fresh, optimizer: Adam(), from: url)
        }
        #expect(values(fresh) == before)
        try Checkpoint.load(into: fresh, optimizer: nil, from: url)
        #expect(values(fresh) == values(model))
    }

    /// A checkpoint written by PyTorch's `safetensors.torch.save_file` (gen_optimizers.py).
    @Test func loadsACheckpointWrittenByPyTorch() throws {
        let url = try #require(Bundle.module.url(
            forResource: "optimizer_pytorch_checkpoint", withExtension: "safetensors", subdirectory: "Fixtures"))
        let golden = try Golden("optimizer_pytorch_checkpoint")
        let model = Sequential([ParameterHolder("affine", ["scale": [2, 3], "shift": [3]])])
        let sgd = SGD(momentum: 0.9)
        let metadata = try Checkpoint.load(into: model, optimizer: sgd, from: url)
        #expect(metadata == ["written_by": "pytorch"])
        for (name, parameter) in model.namedParameters {
            #expect(parameter.value == (try golden[name]), "\(name)")
        }
        let state = sgd.state(names: model.namedParameters)
        #expect(state.count == 2)
        for (key, tensor) in state {
            #expect(tensor == (try golden["optimizer.\(key)"]), "\(key)")
        }
    }

    /// Writes `$TMPDIR/runner-checkpoint-test.safetensors` and, beside it, the JSON of what it
    /// should hold, for `python3 scripts/golden/check_checkpoint.py` to open with PyTorch.
    @Test func writesACheckpointForThePyTorchCheck() throws {
        let url = temporaryURL("runner-checkpoint-test")
        let model = makeModel(seed: 7), adam = Adam(learningRate: 0.01)
        for step in 0..<2 {
            setGradients(model, step: step)
            adam.step(model.trainableParameters)
        }
        let metadata = ["epoch": "2", "note": "written by EngineTests"]
        try Checkpoint.save(model, optimizer: adam, metadata: metadata, to: url)

        var tensors = model.namedParameters.map { ($0.name, $0.parameter.value) }
        tensors += adam.state(names: model.namedParameters).map { ("optimizer.\($0.key)", $0.value) }
        let expected: [String: Any] = [
            "metadata": metadata,
            "tensors": Dictionary(uniqueKeysWithValues: tensors.map { name, t in
                (name, ["shape": t.shape, "first": t.scalars.prefix(4).map(Double.init)] as [String: Any])
            }),
        ]
        let json = try JSONSerialization.data(withJSONObject: expected, options: [.sortedKeys, .prettyPrinted])
        try json.write(to: url.deletingPathExtension().appendingPathExtension("json"))

        let reread = try Safetensors.read(from: url)
        #expect(reread.metadata == metadata)
        #expect(reread.tensors == Dictionary(uniqueKeysWithValues: tensors))
    }
}
