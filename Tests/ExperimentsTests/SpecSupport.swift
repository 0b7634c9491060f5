@testable import Experiments

/// A small valid experiment, the base that tests break in one place at a time.
let validExperiment = """
    name: quickstart
    data:
      dataset: synthetic
    embedding:
      dim: 16
    model:
      - lstm: {units: 32}
    training:
      epochs: 2

    """

/// The diagnostics loading `yaml` (named `exp.yaml`) gives, as the lines the CLI prints; empty
/// when it loads.
func diagnostics(_ yaml: String, overrides: [String] = []) -> [String] {
    do {
        _ = try SpecLoader.read(yaml: yaml, file: "exp.yaml", overrides: overrides)
        return []
    } catch let errors as SpecErrors {
        return errors.diagnostics.map(\.description)
    } catch {
        return ["unexpected error: \(error)"]
    }
}
