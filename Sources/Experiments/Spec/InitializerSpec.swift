/// How a weight matrix starts, under its Keras name: written as the name alone
/// (`kernel_initializer: orthogonal`) or as a map of the name and its settings
/// (`kernel_initializer: {name: random_uniform, minval: -0.1, maxval: 0.1}`).
public enum InitializerSpec: Equatable, Sendable {
    /// Uniform in `±sqrt(6 / (fan_in + fan_out))`: the default of kernels.
    case glorotUniform
    /// A random orthogonal matrix times `gain` (default 1): the default of recurrent kernels.
    case orthogonal(gain: Double)
    /// Uniform in `[minval, maxval)`; by default ±0.05, the default of embeddings.
    case randomUniform(minval: Double, maxval: Double)
    /// All zeros.
    case zeros

    /// The names the file accepts, with the settings each takes in the order they are written.
    static let settings: [(name: String, keys: [String])] = [
        ("glorot_uniform", []), ("orthogonal", ["gain"]), ("random_uniform", ["minval", "maxval"]), ("zeros", []),
    ]

    /// Keras's `RandomUniform()`: ±0.05.
    public static let kerasUniform = InitializerSpec.randomUniform(minval: -0.05, maxval: 0.05)

    /// The Keras name.
    public var name: String {
        switch self {
        case .glorotUniform: return "glorot_uniform"
        case .orthogonal: return "orthogonal"
        case .randomUniform: return "random_uniform"
        case .zeros: return "zeros"
        }
    }

    /// The initializer `name` with its default settings; nil for a name the file does not accept.
    init?(name: String) {
        switch name {
        case "glorot_uniform": self = .glorotUniform
        case "orthogonal": self = .orthogonal(gain: 1)
        case "random_uniform": self = .kerasUniform
        case "zeros": self = .zeros
        default: return nil
        }
    }
}
