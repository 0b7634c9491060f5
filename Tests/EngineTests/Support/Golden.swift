import Foundation
@testable import Engine

/// A fixture written by `scripts/golden/`: named tensors computed by PyTorch.
///
/// The JSON is `{"name": ..., "tensors": {"key": {"shape": [...], "data": [...]}}}`, data flat in
/// row-major order.
struct Golden {
    let name: String
    let tensors: [String: Tensor]

    /// Loads `Fixtures/<name>.json` from the test bundle.
    init(_ name: String) throws {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw GoldenError.missing(name)
        }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        self.name = file.name
        self.tensors = file.tensors.mapValues { Tensor(shape: $0.shape, scalars: $0.data) }
    }

    /// The tensor called `key`; a missing key is a test failure with the fixture named.
    subscript(_ key: String) -> Tensor {
        get throws {
            guard let t = tensors[key] else { throw GoldenError.missingKey(name, key) }
            return t
        }
    }

    private struct File: Decodable {
        let name: String
        let tensors: [String: Entry]
    }

    private struct Entry: Decodable {
        let shape: [Int]
        let data: [Float]
    }
}

enum GoldenError: Error, CustomStringConvertible {
    case missing(String)
    case missingKey(String, String)

    var description: String {
        switch self {
        case .missing(let n): return "fixture \(n).json not found; regenerate with scripts/golden/make_fixtures.sh"
        case .missingKey(let n, let k): return "fixture \(n) has no tensor \(k)"
        }
    }
}

/// The largest absolute difference between two tensors of the same shape, or infinity when the
/// shapes differ.
func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
    guard a.shape == b.shape else { return .infinity }
    return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
