"""Trains an experiment's model in PyTorch on the data `runner export` wrote, timing each epoch.

    python3 scripts/bench/torch_train.py DIR [--epochs N] [--threads N]

DIR holds `config.yaml` (the resolved spec), `data.safetensors` and, for token data, `vocab.txt`
(see `runner export`). The model is the one the runner builds from the spec
(Sources/Experiments/ModelBuilder.swift):

- token ids go through an embedding: the exported rows (GloVe, one-hot), frozen unless
  `trainable`, or `vocabulary × dim` drawn uniform in ±0.05 as Keras (and the runner) draw it;
  feature sequences go straight into the first layer;
- `lstm` and `gru` layers (`nn.LSTM`, `nn.GRU`, `batch_first`, `bidirectional`), the last step
  (for the backward direction: the state after reading the whole reversed sequence, as the
  runner and Keras take it) unless `return_sequences`; `dense` layers with their activation;
  `dropout` layers;
- the output layer the builder adds: 1 logit with binary cross-entropy for 2 classes, k logits
  with softmax cross-entropy for k classes, both the mean over the batch;
- the optimizer with the spec's settings; the runner's optimizers follow PyTorch's update rules
  (Adam with Keras's epsilon 1e-7, L2 weight decay in the gradient), so they map one to one;
  `clip_norm` and the `step_decay` schedule too. Early stopping is not applied: every epoch runs.

Differences that do not change the arithmetic, hence not the timing: PyTorch's default
initialisers (the runner's are Keras's), and the recurrent layers' `dropout`, which Keras and
the runner apply as one mask per sequence over the input features while PyTorch has no such
option: an `nn.Dropout` on the layer's input (a fresh mask per element and step) stands in.
`nn.LSTM` has two biases per direction where the runner has one; the second (`bias_hh`) is held
at zero and frozen, so the models compute the same function with the same trainable parameters,
and it is left out of the parameter count. Options PyTorch's fused layers lack are refused:
`recurrent_dropout`, a `hard_sigmoid` gate activation, `stateful`.

Only the training loop is timed (time.perf_counter around the batches: indexing, forward, loss,
backward, optimizer step), as the runner's `train_seconds` is; making the tensors and building
the model are not, and there is no validation pass. Prints a header with the parameter count,
then one line per epoch: `epoch N: S s, loss L, FLOP F`, F from flops.py. `--epochs 0` prints
the header only.
"""
import argparse
import sys
import time
from pathlib import Path

import torch
import yaml
from safetensors import safe_open
from safetensors.torch import load_file
from torch import nn

from flops import exported_flops

ACTIVATIONS = {
    "linear": nn.Identity, "relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid,
    "hard_sigmoid": nn.Hardsigmoid, "softmax": lambda: nn.Softmax(dim=-1),
}


class Unsupported(Exception):
    """A setting of the spec this PyTorch model cannot reproduce."""


class Recurrent(nn.Module):
    """An LSTM or GRU layer as the runner's: input dropout, then the cell; the last step unless
    `return_sequences`."""

    def __init__(self, kind, inputs, settings):
        super().__init__()
        for key, allowed in (("recurrent_dropout", 0.0), ("recurrent_activation", "sigmoid"), ("stateful", False)):
            if settings.get(key, allowed) != allowed:
                raise Unsupported(f"{kind}: {key}: {settings[key]} (PyTorch's nn.{kind.upper()} has no such option)")
        self.units = settings["units"]
        self.return_sequences = settings.get("return_sequences", False)
        self.bidirectional = settings.get("bidirectional", False)
        self.dropout = nn.Dropout(settings.get("dropout", 0.0))
        cell = nn.LSTM if kind == "lstm" else nn.GRU
        self.cell = cell(inputs, self.units, batch_first=True, bidirectional=self.bidirectional)
        # The scalars of nn.LSTM's second bias, held at zero: the runner's LSTM has one bias.
        self.redundant = 0
        if kind == "lstm":
            for name, parameter in self.cell.named_parameters():
                if name.startswith("bias_hh"):
                    nn.init.zeros_(parameter)
                    parameter.requires_grad_(False)
                    self.redundant += parameter.numel()
        self.width = self.units * (2 if self.bidirectional else 1)

    def forward(self, x):
        out, _ = self.cell(self.dropout(x))
        if self.return_sequences:
            return out
        if not self.bidirectional:
            return out[:, -1]
        return torch.cat((out[:, -1, :self.units], out[:, 0, self.units:]), dim=1)


def build_model(config, data, vocabulary_size, classes):
    """The runner's model of `config` as an nn.Sequential, and the loss of its output layer."""
    layers = []
    if data["train_inputs"].dim() == 2:
        spec = config["embedding"]
        if "embedding" in data:
            trainable = spec.get("init") != "one_hot" and spec.get("trainable", True)
            layers.append(nn.Embedding.from_pretrained(data["embedding"], freeze=not trainable))
        else:
            embedding = nn.Embedding(vocabulary_size, spec["dim"])
            nn.init.uniform_(embedding.weight, -0.05, 0.05)
            embedding.weight.requires_grad_(spec.get("trainable", True))
            layers.append(embedding)
        width = layers[0].embedding_dim
    else:
        width = data["train_inputs"].shape[2]
    for layer in config["model"]:
        (kind, settings), = layer.items()
        if kind in ("lstm", "gru"):
            recurrent = Recurrent(kind, width, settings)
            layers.append(recurrent)
            width = recurrent.width
        elif kind == "dense":
            layers += [nn.Linear(width, settings["units"]), ACTIVATIONS[settings.get("activation", "linear")]()]
            width = settings["units"]
        elif kind == "dropout":
            layers.append(nn.Dropout(settings))
        else:
            raise Unsupported(f"layer type {kind}")
    binary = classes == 2
    layers.append(nn.Linear(width, 1 if binary else classes))
    return nn.Sequential(*layers), (nn.BCEWithLogitsLoss() if binary else nn.CrossEntropyLoss())


def make_optimizer(spec, parameters):
    """The optimizer `training.optimizer` names, with its settings as the runner reads them."""
    name, lr, decay = spec["name"], spec["learning_rate"], spec.get("weight_decay", 0.0)
    if name == "adam":
        return torch.optim.Adam(parameters, lr=lr, betas=(spec["beta_1"], spec["beta_2"]), eps=spec["epsilon"],
                                weight_decay=decay)
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr, momentum=spec["momentum"], nesterov=spec["nesterov"],
                               weight_decay=decay)
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, alpha=spec["rho"], eps=spec["epsilon"],
                                   momentum=spec["momentum"], weight_decay=decay)
    if name == "adagrad":
        return torch.optim.Adagrad(parameters, lr=lr, initial_accumulator_value=spec["initial_accumulator_value"],
                                   eps=spec["epsilon"], weight_decay=decay)
    raise Unsupported(f"optimizer {name}")


def parameter_count(model):
    """Every scalar of the model, trainable or frozen, but nn.LSTM's zero second bias."""
    total = sum(p.numel() for p in model.parameters())
    return total - sum(m.redundant for m in model if isinstance(m, Recurrent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="a folder written by `runner export`")
    parser.add_argument("--epochs", type=int, default=2, help="epochs to train; 0 prints the header only")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    args = parser.parse_args()

    folder = Path(args.folder)
    config = yaml.safe_load((folder / "config.yaml").read_text())
    data = load_file(str(folder / "data.safetensors"))
    with safe_open(str(folder / "data.safetensors"), framework="pt") as f:
        classes = int(f.metadata()["classes"])
    # One token per line, lines ended by "\n" only: a token may be "\x85", a line end to str.splitlines.
    vocabulary = folder / "vocab.txt"
    vocabulary_size = vocabulary.read_bytes().count(b"\n") if vocabulary.exists() else None
    training = config["training"]

    torch.set_num_threads(args.threads)
    torch.manual_seed(config["seed"])
    try:
        model, loss_fn = build_model(config, data, vocabulary_size, classes)
        optimizer = make_optimizer(training["optimizer"], [p for p in model.parameters() if p.requires_grad])
    except Unsupported as error:
        sys.exit(f"torch_train.py: {folder / 'config.yaml'}: cannot build in PyTorch: {error}")

    inputs = data["train_inputs"].long() if data["train_inputs"].dim() == 2 else data["train_inputs"]
    targets = data["train_targets"] if classes == 2 else data["train_targets"].long()
    examples, batch = len(targets), training["batch_size"]
    flops = exported_flops(folder)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"torch {torch.__version__}: {config['name']}, {examples} training examples, batch {batch}, "
          f"{args.threads} threads, params: {parameter_count(model)} (trainable {trainable})")

    schedule = training.get("lr_schedule")
    clip = training.get("clip_norm")
    order = torch.Generator().manual_seed(config["seed"])
    model.train()
    for epoch in range(1, args.epochs + 1):
        if schedule:
            for group in optimizer.param_groups:
                group["lr"] = training["optimizer"]["learning_rate"] * schedule["factor"] ** ((epoch - 1) // schedule["every"])
        permutation = torch.randperm(examples, generator=order) if training.get("shuffle", True) else torch.arange(examples)
        total = 0.0
        started = time.perf_counter()
        for start in range(0, examples, batch):
            indices = permutation[start:start + batch]
            x, y = inputs[indices], targets[indices]
            optimizer.zero_grad()
            logits = model(x)
            loss = loss_fn(logits.squeeze(1) if classes == 2 else logits, y)
            loss.backward()
            if clip:
                nn.utils.clip_grad_norm_(model.parameters(), clip)
            optimizer.step()
            total += loss.item() * len(y)
        seconds = time.perf_counter() - started
        print(f"epoch {epoch}: {seconds:.3f} s, loss {total / examples:.6f}, FLOP {flops:.6e}", flush=True)


if __name__ == "__main__":
    main()
