"""Golden fixtures for the optimizers, gradient clipping, StepLR and safetensors interop.

Each optimizer case starts from the same two parameters, applies three steps with three fixed
gradients (of norms about 3, 9 and 0.3, so clipping at 1 acts on the first two only), and
records the parameters after every step:

    initial.p0, initial.p1        the starting values
    grad{k}.p0, grad{k}.p1        the gradient of step k (1, 2, 3)
    step{k}.p0, step{k}.p1        the values after step k
    norm{k}                       (clipping) the global norm before clipping at step k
    lr{k}                         (StepLR) the learning rate used at step k

Tests/EngineTests/OptimizerTests.swift builds the same optimizers with the same hyperparameters.
It also writes optimizer_pytorch_checkpoint.safetensors, a checkpoint written by PyTorch that
the Swift tests load, with its expected values in optimizer_pytorch_checkpoint.json.
"""
import os

import torch
from safetensors.torch import save_file

from common import FIXTURES, save, seeded

seeded(0)
INITIAL = [torch.randn(2, 3), torch.randn(4)]
GRADIENTS = [[torch.randn(2, 3) * scale, torch.randn(4) * scale] for scale in (1.0, 3.0, 0.1)]

SGD, Adam, RMSprop, Adagrad = torch.optim.SGD, torch.optim.Adam, torch.optim.RMSprop, torch.optim.Adagrad

# name -> (optimizer factory, max_norm for clipping or None, StepLR arguments or None)
CASES = {
    "sgd": (lambda ps: SGD(ps, lr=0.1), None, None),
    "sgd_momentum": (lambda ps: SGD(ps, lr=0.1, momentum=0.9), None, None),
    "sgd_nesterov": (lambda ps: SGD(ps, lr=0.1, momentum=0.9, nesterov=True), None, None),
    "sgd_weight_decay": (lambda ps: SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.05), None, None),
    "adam": (lambda ps: Adam(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8), None, None),
    "adam_weight_decay": (lambda ps: Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=1e-7, weight_decay=0.1), None, None),
    "rmsprop": (lambda ps: RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-8), None, None),
    "rmsprop_momentum": (lambda ps: RMSprop(ps, lr=0.01, alpha=0.9, eps=1e-7, momentum=0.9), None, None),
    "adagrad": (lambda ps: Adagrad(ps, lr=0.1, initial_accumulator_value=0.1, eps=1e-10), None, None),
    "adagrad_weight_decay": (lambda ps: Adagrad(ps, lr=0.1, eps=1e-7, weight_decay=0.1), None, None),
    "clip": (lambda ps: SGD(ps, lr=0.1), 1.0, None),
    "step_lr": (lambda ps: SGD(ps, lr=0.1, momentum=0.9), None, dict(step_size=2, gamma=0.5)),
}


def run(name, make, max_norm, step_lr):
    params = [torch.nn.Parameter(t.clone()) for t in INITIAL]
    optimizer = make(params)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, **step_lr) if step_lr else None
    out = {"initial.p0": INITIAL[0], "initial.p1": INITIAL[1]}
    for k, grads in enumerate(GRADIENTS, start=1):
        for i, (p, g) in enumerate(zip(params, grads)):
            p.grad = g.clone()
            out[f"grad{k}.p{i}"] = g
        if max_norm is not None:
            out[f"norm{k}"] = torch.nn.utils.clip_grad_norm_(params, max_norm)
        if scheduler is not None:
            out[f"lr{k}"] = torch.tensor(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        for i, p in enumerate(params):
            out[f"step{k}.p{i}"] = p.detach().clone()
    save("optimizer_" + name, out)


def pytorch_checkpoint():
    """A small checkpoint written by PyTorch's safetensors, for the Swift loader."""
    tensors = {
        "affine.scale": torch.randn(2, 3),
        "affine.shift": torch.randn(3),
        "optimizer.affine.scale.momentum_buffer": torch.randn(2, 3),
        "optimizer.affine.shift.momentum_buffer": torch.randn(3),
    }
    path = os.path.join(FIXTURES, "optimizer_pytorch_checkpoint.safetensors")
    save_file(tensors, path, metadata={"written_by": "pytorch"})
    print("wrote", os.path.relpath(path))
    save("optimizer_pytorch_checkpoint", tensors)


for name, case in CASES.items():
    run(name, *case)
pytorch_checkpoint()
