"""Shared helpers for the golden-fixture generators.

Every generator builds a small model in PyTorch, runs it, and writes the inputs, the
parameters (in the engine's layout), the outputs and every gradient to
Tests/EngineTests/Fixtures/<name>.json, which the Swift tests load and compare to 1e-4.
"""
import json
import os

import torch

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "EngineTests", "Fixtures")


def save(name, tensors):
    """Writes `tensors` (a dict of name -> torch tensor) as Fixtures/<name>.json."""
    out = {"name": name, "tensors": {}}
    for key in sorted(tensors):
        t = tensors[key].detach().to(torch.float32).contiguous()
        out["tensors"][key] = {
            "shape": list(t.shape),
            "data": [float(f"{v:.9g}") for v in t.reshape(-1).tolist()],
        }
    os.makedirs(FIXTURES, exist_ok=True)
    path = os.path.join(FIXTURES, name + ".json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print("wrote", os.path.relpath(path))


def seeded(seed=0):
    """A fixed seed so regenerating gives the same fixtures."""
    torch.manual_seed(seed)
    torch.set_default_dtype(torch.float32)
