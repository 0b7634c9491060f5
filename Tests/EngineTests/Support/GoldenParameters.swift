@testable import Engine

extension Golden {
    /// Sets every parameter of `layer` to the fixture's tensor `<prefix>.<parameter name>`.
    func load(_ layer: Layer, as prefix: String) throws {
        for p in layer.parameters { p.value = try self["\(prefix).\(p.name)"] }
    }

    /// For every parameter of `layer`, the largest difference between its gradient and the
    /// fixture's `<prefix>.<parameter name>_grad`, keyed by the qualified name.
    func gradientDifferences(of layer: Layer, as prefix: String) throws -> [String: Float] {
        var result: [String: Float] = [:]
        for p in layer.parameters {
            result["\(prefix).\(p.name)"] = maxAbsDifference(p.gradient, try self["\(prefix).\(p.name)_grad"])
        }
        return result
    }
}
