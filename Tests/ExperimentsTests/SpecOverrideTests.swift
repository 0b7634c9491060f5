import Testing
@testable import Experiments

@Suite struct SpecOverrideTests {
    private func load(_ overrides: [String]) throws -> ExperimentSpec {
        try SpecLoader.load(yaml: validExperiment, file: "exp.yaml", overrides: overrides)
    }

    @Test func overridesReplaceValuesOfTheFile() throws {
        let spec = try load(["training.epochs=5", "model.0.lstm.units=64", "data.samples=500"])
        #expect(spec.training.epochs == 5)
        #expect(spec.model == [.lstm(RecurrentSpec(units: 64))])
        #expect(spec.data.samples == 500)
    }

    @Test func overridesCreateValidKeysTheFileLacks() throws {
        let spec = try load(["training.clip_norm=1", "training.optimizer.learning_rate=0.01", "output.decimals=2"])
        #expect(spec.training.clipNorm == 1)
        #expect(spec.training.optimizer.name == .rmsprop)
        #expect(spec.training.optimizer.learningRate == 0.01)
        #expect(spec.output.decimals == 2)
    }

    @Test func aFlowCollectionReplacesASection() throws {
        let spec = try load(["training.optimizer={name: sgd, momentum: 0.9}", "model=[{gru: {units: 8}}, {dropout: 0.5}]"])
        var sgd = OptimizerSpec(name: .sgd)
        sgd.momentum = 0.9
        #expect(spec.training.optimizer == sgd)
        #expect(spec.model == [.gru(RecurrentSpec(units: 8)), .dropout(rate: 0.5)])
    }

    @Test func laterOverridesWin() throws {
        #expect(try load(["training.epochs=5", "training.epochs=7"]).training.epochs == 7)
    }

    @Test func nullUnsetsAnOptionalKey() throws {
        let yaml = validExperiment + "  clip_norm: 5.0\n"
        let spec = try SpecLoader.load(yaml: yaml, file: "exp.yaml", overrides: ["training.clip_norm=null"])
        #expect(spec.training.clipNorm == nil)
    }

    @Test func aMisspeltKeyIsPlacedInTheArgument() {
        #expect(diagnostics(validExperiment, overrides: ["model.0.lstm.unit=3"]) == [
            "--set model.0.lstm.unit=3:1:14: error: model[0].lstm: unknown key `unit` (did you mean `units`?)",
        ])
    }

    @Test func aBadValueIsPlacedAtTheValue() {
        #expect(diagnostics(validExperiment, overrides: ["training.epochs=-2"]) == [
            "--set training.epochs=-2:1:17: error: training.epochs: must be at least 1, found -2",
        ])
    }

    @Test func aValueInsideAFlowCollectionIsPlacedWithinIt() {
        #expect(diagnostics(validExperiment, overrides: ["training.optimizer={name: adm}"]) == [
            "--set training.optimizer={name: adm}:1:27: error: training.optimizer.name: unknown optimizer `adm` (did you mean `adam`?); expected one of sgd, adam, rmsprop, adagrad",
        ])
    }

    @Test func anIndexPastTheEndOfTheModel() {
        #expect(diagnostics(validExperiment, overrides: ["model.7.lstm.units=3"]) == [
            "--set model.7.lstm.units=3:1:7: error: model has 1 item, numbered from 0; there is no item `7`",
        ])
    }

    @Test func aKeyInsideAScalar() {
        #expect(diagnostics(validExperiment, overrides: ["training.epochs.max=3"]) == [
            "--set training.epochs.max=3:1:17: error: training.epochs is `2`, which has no key `max`",
        ])
    }

    @Test func malformedOverrides() {
        #expect(diagnostics(validExperiment, overrides: ["seed", "data..samples=1", "seed=", "seed=[1"]) == [
            "--set seed:1:1: error: expected PATH=VALUE, e.g. training.epochs=2",
            "--set data..samples=1:2:6: error: expected a key here",
            "--set seed=:3:6: error: no value after `=`; write `null` to unset an optional key",
            "--set seed=[1:4:8: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 6)",
        ])
    }

    @Test func fileProblemsComeBeforeOverrideProblems() {
        let yaml = validExperiment.replacingOccurrences(of: "epochs: 2", with: "epochs: 0")
        #expect(diagnostics(yaml, overrides: ["seed=-1", "data.sample=3"]) == [
            "exp.yaml:9:11: error: training.epochs: must be at least 1, found 0",
            "--set seed=-1:1:6: error: seed: must be at least 0, found -1",
            "--set data.sample=3:2:6: error: data: unknown key `sample` (did you mean `samples`?)",
        ])
    }

    @Test func anOverrideCanRepairTheFile() throws {
        let yaml = validExperiment.replacingOccurrences(of: "epochs: 2", with: "epochs: 0")
        #expect(try SpecLoader.load(yaml: yaml, file: "exp.yaml", overrides: ["training.epochs=3"]).training.epochs == 3)
    }
}
