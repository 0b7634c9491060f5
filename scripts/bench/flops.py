"""The floating-point operations of one training epoch of an experiment, counted analytically.

    python3 scripts/bench/flops.py DIR        # DIR written by `runner export`: prints the count

Shared by `torch_train.py` and `compare_runner.sh`, so that the runner and PyTorch get their
GFLOP/s from the same count. Only matrix products are counted, with the reasoning of
`epochFLOPs` in Sources/bench/main.swift: a product of an m×k by a k×n matrix is 2·m·k·n.

Over the R = examples × steps rows of an epoch, a recurrent layer with G gate rows (3H for a GRU,
4H for an LSTM) on D inputs does, per direction, forward the input projection 2·R·D·G and the
per-step recurrent products 2·R·H·G; backward the weight gradients 2·R·G·(D + H), the recurrent
gradient through the steps 2·R·G·H, and the input gradient 2·R·G·D unless its input needs none.
A dense layer on `rows` rows (examples, or examples × steps on a sequence) does 2·rows·in·out
forward, as much for its weight gradient, and as much again for its input gradient when needed.
As in the engine (`Sequential.updateGradientFlow`), a layer needs its input gradient only when
some layer before it has trainable parameters: not the first recurrent layer after a frozen
embedding or on feature inputs. Elementwise work (gates, activations, dropout, the loss, the
optimizer) and the embedding lookup are not counted, nor is validation.
"""
import sys
from pathlib import Path

import yaml
from safetensors import safe_open

GATES = {"gru": 3, "lstm": 4}


def epoch_flops(config, examples, steps, input_width, trainable_input, classes):
    """FLOP of the matrix products of one training epoch over `examples` examples.

    `config` is an experiment's resolved spec (its `config.yaml` as a dict); each example is
    `steps` vectors of `input_width` entering the first layer (an embedding's, or features);
    `trainable_input` says whether they come from a trainable embedding, which makes the first
    layer compute its input gradient. The output layer is the one the runner adds for `classes`
    classes: 1 logit for 2, k for k.
    """
    width, upstream_trainable = input_width, trainable_input
    sequence = True
    total = 0.0

    def dense(inputs, units):
        rows = examples * (steps if sequence else 1)
        products = 3 if upstream_trainable else 2
        return products * 2.0 * rows * inputs * units

    for layer in config["model"]:
        (kind, settings), = layer.items()
        if kind in GATES:
            units = settings["units"]
            gates = GATES[kind] * units
            rows = examples * steps
            directions = 2 if settings.get("bidirectional", False) else 1
            forward = 2.0 * rows * width * gates + 2.0 * rows * units * gates
            backward = 2.0 * rows * gates * (width + units) + 2.0 * rows * gates * units
            if upstream_trainable:
                backward += 2.0 * rows * gates * width
            total += directions * (forward + backward)
            width = directions * units
            sequence = settings.get("return_sequences", False)
            upstream_trainable = True
        elif kind == "dense":
            total += dense(width, settings["units"])
            width = settings["units"]
            upstream_trainable = True
    total += dense(width, 1 if classes == 2 else classes)
    return total


def exported_flops(folder):
    """The FLOP of one training epoch of the experiment `runner export` wrote into `folder`."""
    config = yaml.safe_load((Path(folder) / "config.yaml").read_text())
    with safe_open(str(Path(folder) / "data.safetensors"), framework="pt") as data:
        shape = data.get_slice("train_inputs").get_shape()
        classes = int(data.metadata()["classes"])
        rows = data.get_slice("embedding").get_shape() if "embedding" in data.keys() else None
    if len(shape) == 3:
        return epoch_flops(config, shape[0], shape[1], shape[2], False, classes)
    embedding = config["embedding"]
    width = rows[1] if rows else embedding["dim"]
    return epoch_flops(config, shape[0], shape[1], width, embedding.get("trainable", False), classes)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: flops.py DIR   (a folder written by `runner export`)")
    print(f"{exported_flops(sys.argv[1]):.6e}")
