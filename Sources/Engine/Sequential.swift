/// A stack of layers applied in order: the model of every experiment.
public final class Sequential {
    /// The layers, first to last.
    public private(set) var layers: [Layer]

    /// Where the recurrent layers report their time; a disabled profiler unless one is set.
    public var profiler = Profiler() {
        didSet { shareProfiler() }
    }

    /// A model of `layers`.
    public init(_ layers: [Layer]) {
        self.layers = layers
        updateGradientFlow()
        shareProfiler()
    }

    private func shareProfiler() {
        for case let layer as RecurrentLayer in layers { layer.profiler = profiler }
    }

    /// Tells each layer whether its input gradient is needed: only when some layer before it
    /// has trainable parameters. Call again after freezing or unfreezing a layer.
    public func updateGradientFlow() {
        var upstreamTrainable = false
        for layer in layers {
            layer.computesInputGradient = upstreamTrainable
            upstreamTrainable = upstreamTrainable || layer.trainableParameterCount > 0
        }
    }

    /// The output of the last layer for `input`.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        layers.reduce(input) { $1.forward($0, training: training) }
    }

    /// Backpropagates the gradient of the loss with respect to the model's output through every
    /// layer, accumulating parameter gradients.
    public func backward(_ outputGradient: Tensor) {
        var g = outputGradient
        for layer in layers.reversed() {
            if !layer.computesInputGradient && layer.trainableParameterCount == 0 { break }
            g = layer.backward(g)
            if !layer.computesInputGradient { break }
        }
    }

    /// Every parameter with its qualified name `<layer>.<parameter>`, in layer order.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.flatMap { layer in layer.parameters.map { ("\(layer.name).\($0.name)", $0) } }
    }

    /// The parameters an optimizer updates.
    public var trainableParameters: [Parameter] {
        layers.flatMap(\.parameters).filter(\.isTrainable)
    }

    /// Sets every gradient to zero.
    public func zeroGradients() {
        for p in trainableParameters { p.zeroGradient() }
    }

    /// The number of trainable scalars.
    public var trainableParameterCount: Int { layers.reduce(0) { $0 + $1.trainableParameterCount } }

    /// The number of frozen scalars.
    public var frozenParameterCount: Int { layers.reduce(0) { $0 + $1.frozenParameterCount } }

    /// The output shape of every layer for one example of `inputShape` (without the batch).
    public func outputShapes(forInput inputShape: [Int]) -> [[Int]] {
        var shape = inputShape
        return layers.map { layer in
            shape = layer.outputShape(forInput: shape)
            return shape
        }
    }
}
