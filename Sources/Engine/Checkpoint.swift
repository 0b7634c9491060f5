import Foundation

/// Saves and restores a model's parameters, its optimizer's state and string metadata as one
/// safetensors file, which PyTorch users can open with `safetensors.torch.load_file`.
///
/// Keys are the model's qualified parameter names (`lstm.weight_ih`) with the shapes the
/// engine stores, and the optimizer's state under `optimizer.` (`optimizer.lstm.weight_ih.exp_avg`).
public enum Checkpoint {
    /// The prefix of the optimizer's keys in a checkpoint.
    public static let optimizerPrefix = "optimizer."

    /// Writes the model's parameters (keys `<layer>.<param>`, shapes as stored) and, if given, the optimizer state (keys prefixed `optimizer.`) and string metadata, as one safetensors file, atomically (temporary file then rename).
    public static func save(_ model: Sequential, optimizer: Optimizer?, metadata: [String: String], to url: URL) throws {
        let names = model.namedParameters
        var tensors: [String: Tensor] = [:]
        for (name, parameter) in names { tensors[name] = parameter.value }
        for (key, tensor) in optimizer?.state(names: names) ?? [:] { tensors[optimizerPrefix + key] = tensor }
        try Safetensors.write(Safetensors.Contents(tensors: tensors, metadata: metadata), to: url)
    }

    /// Loads parameters (and optimizer state if given) into an already-built model of the same architecture; returns the metadata. Errors (typed `CheckpointError` with descriptions naming the file and key) for missing keys, wrong shapes, a corrupt header.
    ///
    /// Every parameter of the model must be in the file with its shape, and every non-optimizer
    /// key of the file must be a parameter of the model. Nothing is changed when this throws.
    /// Optimizer state in the file is ignored when `optimizer` is nil.
    @discardableResult
    public static func load(into model: Sequential, optimizer: Optimizer?, from url: URL) throws -> [String: String] {
        let path = url.path
        let contents = try Safetensors.read(from: url)
        let names = model.namedParameters
        for (name, parameter) in names {
            guard let tensor = contents.tensors[name] else { throw CheckpointError.missingKey(path: path, key: name) }
            guard tensor.shape == parameter.value.shape else {
                throw CheckpointError.wrongShape(path: path, key: name, expected: parameter.value.shape, found: tensor.shape)
            }
        }
        let known = Set(names.map(\.name))
        if let unexpected = contents.tensors.keys.sorted().first(where: { !$0.hasPrefix(optimizerPrefix) && !known.contains($0) }) {
            throw CheckpointError.unexpectedKey(path: path, key: unexpected)
        }
        if let optimizer {
            var state: [String: Tensor] = [:]
            for (key, tensor) in contents.tensors where key.hasPrefix(optimizerPrefix) {
                state[String(key.dropFirst(optimizerPrefix.count))] = tensor
            }
            do {
                try optimizer.loadState(state, names: names)
            } catch let error as CheckpointError {
                throw error.located(in: path, keyPrefix: optimizerPrefix)
            }
        }
        for (name, parameter) in names { parameter.value = contents.tensors[name]! }
        return contents.metadata
    }
}

/// Why a checkpoint could not be written or read. Every case names the file (empty when the
/// error comes from `Optimizer.loadState`, which sees no file) and, where there is one, the key.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened, read or written.
    case fileSystem(path: String, reason: String)
    /// The file ends before the header or the data it announces.
    case truncated(path: String, detail: String)
    /// The header is not valid safetensors JSON, or its entries disagree with each other or the data.
    case corruptHeader(path: String, detail: String)
    /// A tensor the model or optimizer needs is not in the file.
    case missingKey(path: String, key: String)
    /// The file holds a parameter the model does not have: a different architecture.
    case unexpectedKey(path: String, key: String)
    /// A tensor has another shape than the model or optimizer expects.
    case wrongShape(path: String, key: String, expected: [Int], found: [Int])
    /// A tensor holds a value its slot cannot take (a fractional step count).
    case invalidValue(path: String, key: String, detail: String)

    public var description: String {
        switch self {
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        case .truncated(let path, let detail):
            return "\(inFile(path))the file is truncated: \(detail)"
        case .corruptHeader(let path, let detail):
            return "\(inFile(path))not a valid safetensors file: \(detail)"
        case .missingKey(let path, let key):
            return "\(inFile(path))no tensor \(key); was the checkpoint written by another model?"
        case .unexpectedKey(let path, let key):
            return "\(inFile(path))tensor \(key) is not a parameter of this model; was the checkpoint written by another model?"
        case .wrongShape(let path, let key, let expected, let found):
            return "\(inFile(path))tensor \(key) has shape \(found), expected \(expected)"
        case .invalidValue(let path, let key, let detail):
            return "\(inFile(path))tensor \(key): \(detail)"
        }
    }

    private func inFile(_ path: String) -> String {
        path.isEmpty ? "" : "\(path): "
    }

    /// The same error for the file at `path`, whose keys carry `keyPrefix`.
    func located(in path: String, keyPrefix: String) -> CheckpointError {
        switch self {
        case .fileSystem, .truncated, .corruptHeader:
            return self
        case .missingKey(_, let key):
            return .missingKey(path: path, key: keyPrefix + key)
        case .unexpectedKey(_, let key):
            return .unexpectedKey(path: path, key: keyPrefix + key)
        case .wrongShape(_, let key, let expected, let found):
            return .wrongShape(path: path, key: keyPrefix + key, expected: expected, found: found)
        case .invalidValue(_, let key, let detail):
            return .invalidValue(path: path, key: keyPrefix + key, detail: detail)
        }
    }
}
