"""Golden fixtures for Embedding, Dense, and the losses.

Run from the repository root:  python3 scripts/golden/gen_layers.py

Parameters are saved in the engine's layout, which is PyTorch's: `embedding.weight` is
[vocab, dim], `dense.weight` is [units, in]. Every fixture holds the inputs, the parameters, the
outputs, and the gradient of every parameter (`<name>_grad`).
"""
import torch
import torch.nn.functional as F

from common import save, seeded

VOCAB, DIM, BATCH, TIME = 10, 4, 4, 5

ACTIVATIONS = {
    "linear": lambda z: z,
    "relu": torch.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "hard_sigmoid": F.hardsigmoid,
    "softmax": lambda z: torch.softmax(z, dim=-1),
}


def token_ids():
    """Ids with padding (0) and repeats within and across sequences."""
    ids = torch.randint(0, VOCAB, (BATCH, TIME))
    ids[0, :2] = 0
    ids[1, 1] = ids[1, 3] = 7
    return ids


def grads(prefix, module):
    return {f"{prefix}.{name}_grad": p.grad for name, p in module.named_parameters()}


def params(prefix, module):
    return {f"{prefix}.{name}": p for name, p in module.named_parameters()}


def dense_fixtures():
    """Dense with each activation on 3-D input, under L = Σ f(x Wᵀ + b) ⊙ w."""
    for name, f in ACTIVATIONS.items():
        seeded(1)
        dense = torch.nn.Linear(5, 4)
        # Wide enough that hard_sigmoid sees both its clipped and its linear part.
        x = (torch.randn(2, 3, 5) * 5).requires_grad_()
        w = torch.randn(2, 3, 4)
        y = f(dense(x))
        (y * w).sum().backward()
        save(f"dense_{name}", {
            "input": x, "output_grad": w, "output": y, "input_grad": x.grad,
            **params("dense", dense), **grads("dense", dense),
        })


def classifier_fixture(pool, head, targets, loss_fn):
    """Embedding → pool over time → head → loss."""
    ids = token_ids()
    embedding = torch.nn.Embedding(VOCAB, DIM)
    logits = head(pool(embedding(ids)))
    logits.retain_grad()
    loss = loss_fn(logits, targets)
    loss.backward()
    return ids, embedding, logits, loss


def embedding_fixtures():
    # Binary: mean over time, one Dense unit, BCE on logits.
    seeded(2)
    dense = torch.nn.Linear(DIM, 1)
    targets = torch.tensor([0.0, 1.0, 1.0, 0.0])
    ids, embedding, logits, loss = classifier_fixture(
        lambda e: e.mean(dim=1), dense, targets,
        lambda z, y: F.binary_cross_entropy_with_logits(z.squeeze(-1), y))
    save("embedding_mean_dense_bce", {
        "ids": ids, "targets": targets, "logits": logits, "loss": loss, "logits_grad": logits.grad,
        "correct": ((logits.squeeze(-1) > 0).float() == targets).sum(),
        **params("embedding", embedding), **grads("embedding", embedding),
        **params("dense", dense), **grads("dense", dense),
    })

    # Five classes: last step, Dense 8 relu, Dense 5, softmax cross-entropy.
    seeded(3)
    hidden, out = torch.nn.Linear(DIM, 8), torch.nn.Linear(8, 5)
    targets = torch.tensor([0, 3, 4, 1])
    ids, embedding, logits, loss = classifier_fixture(
        lambda e: e[:, -1], lambda h: out(torch.relu(hidden(h))), targets, F.cross_entropy)
    save("embedding_last_dense_softmax_ce", {
        "ids": ids, "targets": targets, "logits": logits, "loss": loss, "logits_grad": logits.grad,
        "correct": (logits.argmax(dim=-1) == targets).sum(),
        **params("embedding", embedding), **grads("embedding", embedding),
        **params("hidden", hidden), **grads("hidden", hidden),
        **params("output", out), **grads("output", out),
    })

    # Per step: Dense over every step to VOCAB classes, cross-entropy against [batch, time] targets.
    for reduction, divide in (("mean", lambda s: s.numel()), ("sum_over_steps", lambda s: s.shape[0])):
        seeded(4)
        dense = torch.nn.Linear(DIM, VOCAB)
        targets = torch.randint(0, VOCAB, (BATCH, TIME))
        ids, embedding, logits, loss = classifier_fixture(
            lambda e: e, dense, targets,
            lambda z, y: F.cross_entropy(z.reshape(-1, VOCAB), y.reshape(-1), reduction="sum") / divide(y))
        save(f"embedding_dense_per_step_ce_{reduction}", {
            "ids": ids, "targets": targets, "logits": logits, "loss": loss, "logits_grad": logits.grad,
            "correct": (logits.argmax(dim=-1) == targets).sum(),
            **params("embedding", embedding), **grads("embedding", embedding),
            **params("dense", dense), **grads("dense", dense),
        })


def loss_fixtures():
    """The losses alone on logits large enough to overflow a naive exp."""
    seeded(5)
    logits = torch.tensor([[-40.0], [-3.0], [0.0], [0.5], [12.0], [95.0]], requires_grad=True)
    targets = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    loss = F.binary_cross_entropy_with_logits(logits.squeeze(-1), targets)
    loss.backward()
    save("loss_bce", {"logits": logits, "targets": targets, "loss": loss, "logits_grad": logits.grad})

    logits = (torch.randn(4, 5) * 40).requires_grad_()
    targets = torch.tensor([1, 0, 4, 4])
    loss = F.cross_entropy(logits, targets)
    loss.backward()
    save("loss_softmax_ce", {"logits": logits, "targets": targets, "loss": loss, "logits_grad": logits.grad})


if __name__ == "__main__":
    dense_fixtures()
    embedding_fixtures()
    loss_fixtures()
