/// A trainable (or frozen) tensor of a layer, with the gradient that backward accumulates.
public final class Parameter {
    /// The name within its layer, PyTorch-style: `weight`, `bias`, `weight_ih`, `weight_hh_reverse`.
    public let name: String
    /// The current value.
    public var value: Tensor
    /// The gradient accumulated since the last `zeroGradient()`, same shape as `value`.
    public var gradient: Tensor
    /// Frozen parameters (a GloVe embedding, say) get no gradient and no optimizer updates.
    public var isTrainable: Bool

    public init(name: String, value: Tensor, isTrainable: Bool = true) {
        self.name = name
        self.value = value
        self.gradient = Tensor(shape: value.shape)
        self.isTrainable = isTrainable
    }

    /// Sets the gradient to zero.
    public func zeroGradient() {
        gradient.zero()
    }
}

/// One layer of a network: a forward pass that caches what its backward pass needs, and a
/// backward pass that returns the gradient with respect to its input and accumulates the
/// gradients of its parameters.
///
/// Shapes exclude nothing: inputs and outputs carry the batch as their first dimension.
/// `forward` with `training: false` caches nothing and applies no dropout.
public protocol Layer: AnyObject {
    /// A name unique within its model, Keras-style (`lstm`, `lstm_1`, `dense`); parameters are
    /// saved as `<name>.<parameter name>`.
    var name: String { get set }

    /// The layer's parameters in a fixed order.
    var parameters: [Parameter] { get }

    /// When false, `backward` may skip computing the input gradient and return an empty tensor
    /// (the first layer of a model, or one fed by a frozen embedding). True by default.
    var computesInputGradient: Bool { get set }

    /// The output shape for one example of input shape `inputShape` (both without the batch).
    func outputShape(forInput inputShape: [Int]) -> [Int]

    /// The layer applied to a batch.
    func forward(_ input: Tensor, training: Bool) -> Tensor

    /// Given the gradient of the loss with respect to the last training forward's output,
    /// accumulates parameter gradients and returns the gradient with respect to its input.
    func backward(_ outputGradient: Tensor) -> Tensor
}

extension Layer {
    /// The number of scalars in trainable parameters.
    public var trainableParameterCount: Int {
        parameters.filter(\.isTrainable).reduce(0) { $0 + $1.value.count }
    }

    /// The number of scalars in frozen parameters.
    public var frozenParameterCount: Int {
        parameters.filter { !$0.isTrainable }.reduce(0) { $0 + $1.value.count }
    }
}
