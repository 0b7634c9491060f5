/// Updates parameters from the gradients that backward accumulated.
///
/// Every optimizer keeps its state (moments, accumulators, step counts) per parameter, keyed by
/// the parameter's identity and created at the parameter's first update, so the same optimizer
/// serves any model. Frozen parameters (`isTrainable == false`) are never updated and get no
/// state. Weight decay is L2 regularisation added to the gradient before the update
/// (`g + weightDecay * w`), as PyTorch's `weight_decay` does for these four optimizers; the
/// stored gradient itself is left as backward wrote it.
public protocol Optimizer: AnyObject {
    /// The step size of the next update; a learning-rate schedule sets it between epochs.
    var learningRate: Float { get set }

    /// Applies one update to every trainable parameter from its accumulated gradient (weight decay included).
    func step(_ parameters: [Parameter])

    /// The optimizer's state (moments, step count) as named tensors for a checkpoint, keyed
    /// `<parameter name>.<slot>` (e.g. `lstm.weight_ih.exp_avg`), given the model's qualified names.
    /// Slots have PyTorch's names; a parameter not yet updated has no entries.
    func state(names: [(name: String, parameter: Parameter)]) -> [String: Tensor]

    /// Restores state written by `state(names:)`; throws a CheckpointError naming a missing or mis-shaped key.
    ///
    /// An empty `state` resets the optimizer. Otherwise every trainable parameter in `names` must
    /// have every slot; nothing changes when this throws.
    func loadState(_ state: [String: Tensor], names: [(name: String, parameter: Parameter)]) throws
}

/// The state an optimizer keeps for one parameter, seen by checkpoints as named tensors.
protocol ParameterState: AnyObject {
    /// Every slot by its PyTorch name (`exp_avg`, `step`, ...), each of its stored shape.
    var slots: [String: Tensor] { get }

    /// Replaces the slots with `slots`, which has every key of `self.slots` with the same shapes,
    /// and a whole number ≥ 0 in `step` if there is one.
    func restore(_ slots: [String: Tensor])
}

/// An optimizer's per-parameter states, created lazily and saved and restored by name.
///
/// Each entry holds its parameter as well as its state, so an identifier is never reused by a
/// new parameter while the state of an old one is still here.
final class ParameterStates<State: ParameterState> {
    private var entries: [ObjectIdentifier: (parameter: Parameter, state: State)] = [:]
    private let makeState: (Parameter) -> State

    /// States made by `makeState` from the parameter at its first update.
    init(_ makeState: @escaping (Parameter) -> State) {
        self.makeState = makeState
    }

    /// The state of `parameter`, made fresh at the first request.
    subscript(_ parameter: Parameter) -> State {
        let id = ObjectIdentifier(parameter)
        if let entry = entries[id] { return entry.state }
        let state = makeState(parameter)
        entries[id] = (parameter, state)
        return state
    }

    /// The slots of every parameter that has state, keyed `<name>.<slot>`.
    func tensors(names: [(name: String, parameter: Parameter)]) -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for (name, parameter) in names {
            guard let entry = entries[ObjectIdentifier(parameter)] else { continue }
            for (slot, tensor) in entry.state.slots { result["\(name).\(slot)"] = tensor }
        }
        return result
    }

    /// Replaces every state with those in `tensors` (see `Optimizer.loadState`).
    func load(_ tensors: [String: Tensor], names: [(name: String, parameter: Parameter)]) throws {
        var loaded: [ObjectIdentifier: (parameter: Parameter, state: State)] = [:]
        if !tensors.isEmpty {
            for (name, parameter) in names where parameter.isTrainable {
                let state = makeState(parameter)
                var slots: [String: Tensor] = [:]
                for (slot, fresh) in state.slots.sorted(by: { $0.key < $1.key }) {
                    let key = "\(name).\(slot)"
                    guard let tensor = tensors[key] else { throw CheckpointError.missingKey(path: "", key: key) }
                    guard tensor.shape == fresh.shape else {
                        throw CheckpointError.wrongShape(path: "", key: key, expected: fresh.shape, found: tensor.shape)
                    }
                    if slot == "step" {
                        guard let count = Int(exactly: tensor.scalars[0]), count >= 0 else {
                            throw CheckpointError.invalidValue(
                                path: "", key: key, detail: "a step count must be a whole number ≥ 0, found \(tensor.scalars[0])")
                        }
                    }
                    slots[slot] = tensor
                }
                state.restore(slots)
                loaded[ObjectIdentifier(parameter)] = (parameter, state)
            }
        }
        entries = loaded
    }
}

/// A step count as a scalar tensor, the `step` slot PyTorch saves too.
func stepTensor(_ step: Int) -> Tensor {
    Tensor(shape: [], scalars: [Float(step)])
}
