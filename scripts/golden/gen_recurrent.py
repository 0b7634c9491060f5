"""Golden fixtures for the LSTM and GRU layers (Tests/EngineTests/RecurrentGoldenTests.swift).

Each fixture holds the input, every layer's weights in the engine's layout (PyTorch's names and
gate order; the LSTM's one bias is PyTorch's bias_ih + bias_hh), the output, an upstream
gradient, and the gradients of the input, of every weight and, where one is given, of the
initial state. Layer i's tensors are keyed "layer<i>.<parameter>" and "layer<i>.<parameter>.gradient".
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import save, seeded

B, T, D, H = 3, 5, 4, 6


def engine_weights(module, index):
    """The parameters of a one-layer nn.LSTM / nn.GRU in the engine's layout, with gradients."""
    out = {}
    lstm = isinstance(module, nn.LSTM)
    for suffix in ["", "_reverse"] if module.bidirectional else [""]:
        names = {"weight_ih": f"weight_ih_l0{suffix}", "weight_hh": f"weight_hh_l0{suffix}"}
        if not lstm:
            names.update({"bias_ih": f"bias_ih_l0{suffix}", "bias_hh": f"bias_hh_l0{suffix}"})
        for ours, theirs in names.items():
            p = getattr(module, theirs)
            out[f"layer{index}.{ours}{suffix}"] = p
            out[f"layer{index}.{ours}{suffix}.gradient"] = p.grad
        if lstm:
            b_ih, b_hh = getattr(module, f"bias_ih_l0{suffix}"), getattr(module, f"bias_hh_l0{suffix}")
            out[f"layer{index}.bias{suffix}"] = b_ih + b_hh
            out[f"layer{index}.bias{suffix}.gradient"] = b_ih.grad  # = b_hh.grad: the sum's gradient
    return out


def last_state(h_n):
    """Without return_sequences: each direction's final state, concatenated (Keras's Bidirectional)."""
    return torch.cat(list(h_n), dim=-1)


def finish(name, x, y, modules, extra=None):
    """Backpropagates a fixed random upstream gradient through `y` and saves the fixture."""
    g = torch.randn(y.shape)
    (y * g).sum().backward()
    tensors = {"input": x, "output": y, "output_gradient": g, "input_gradient": x.grad}
    for i, m in enumerate(modules):
        tensors.update(engine_weights(m, i))
    for key, t in (extra or {}).items():
        tensors[key] = t
        tensors[key + ".gradient"] = t.grad
    save(name, tensors)


def stacked(kind, return_sequences):
    seeded(1)
    cls = nn.LSTM if kind == "lstm" else nn.GRU
    first, second = cls(D, H, batch_first=True), cls(H, H, batch_first=True)
    x = torch.randn(B, T, D, requires_grad=True)
    y, _ = first(x)
    y, state = second(y)
    h_n = state[0] if kind == "lstm" else state
    finish(f"{kind}_stacked_{'sequences' if return_sequences else 'last'}", x,
           y if return_sequences else last_state(h_n), [first, second])


def bidirectional(kind, return_sequences):
    seeded(2)
    cls = nn.LSTM if kind == "lstm" else nn.GRU
    m = cls(D, H, batch_first=True, bidirectional=True)
    x = torch.randn(B, T, D, requires_grad=True)
    y, state = m(x)
    h_n = state[0] if kind == "lstm" else state
    finish(f"{kind}_bidirectional_{'sequences' if return_sequences else 'last'}", x,
           y if return_sequences else last_state(h_n), [m])


def initial_state(kind):
    seeded(3)
    x = torch.randn(B, T, D, requires_grad=True)
    h0 = torch.randn(B, H, requires_grad=True)
    if kind == "lstm":
        m = nn.LSTM(D, H, batch_first=True)
        c0 = torch.randn(B, H, requires_grad=True)
        y, _ = m(x, (h0.unsqueeze(0), c0.unsqueeze(0)))
        finish("lstm_initial_state", x, y, [m], {"h0": h0, "c0": c0})
    else:
        m = nn.GRU(D, H, batch_first=True)
        y, _ = m(x, h0.unsqueeze(0))
        finish("gru_initial_state", x, y, [m], {"h0": h0})


def hard_sigmoid(kind):
    """The cells written out by hand with F.hardsigmoid gates (nn.LSTM/nn.GRU have no such option),
    on inputs large enough that some gates saturate."""
    seeded(4)
    m = (nn.LSTM if kind == "lstm" else nn.GRU)(D, H, batch_first=True)
    x = (4 * torch.randn(B, T, D)).requires_grad_()
    w_ih, w_hh, b_ih, b_hh = m.weight_ih_l0, m.weight_hh_l0, m.bias_ih_l0, m.bias_hh_l0
    h = torch.zeros(B, H)
    c = torch.zeros(B, H)
    outputs = []
    for t in range(T):
        if kind == "lstm":
            i, f, g, o = (x[:, t] @ w_ih.T + b_ih + h @ w_hh.T + b_hh).chunk(4, dim=1)
            c = F.hardsigmoid(f) * c + F.hardsigmoid(i) * torch.tanh(g)
            h = F.hardsigmoid(o) * torch.tanh(c)
        else:
            xr, xz, xn = (x[:, t] @ w_ih.T + b_ih).chunk(3, dim=1)
            hr, hz, hn = (h @ w_hh.T + b_hh).chunk(3, dim=1)
            r, z = F.hardsigmoid(xr + hr), F.hardsigmoid(xz + hz)
            n = torch.tanh(xn + r * hn)
            h = (1 - z) * n + z * h
        outputs.append(h)
    finish(f"{kind}_hard_sigmoid", x, torch.stack(outputs, dim=1), [m])


def wide_lstm():
    """64 units: the gate rows are 256 floats, which the engine pads against cache-set aliasing
    (LSTMCell.gateStride), and its products span several panels of the weights."""
    seeded(5)
    m = nn.LSTM(D, 64, batch_first=True)
    x = torch.randn(5, 3, D, requires_grad=True)  # parts of more than one row on two threads
    y, _ = m(x)
    finish("lstm_64_units", x, y, [m])


if __name__ == "__main__":
    for kind in ["lstm", "gru"]:
        for return_sequences in [True, False]:
            stacked(kind, return_sequences)
            bidirectional(kind, return_sequences)
        initial_state(kind)
        hard_sigmoid(kind)
    wide_lstm()
