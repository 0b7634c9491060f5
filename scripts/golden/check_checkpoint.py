"""Opens a checkpoint written by the Swift engine with PyTorch and checks it against the JSON of
expectations written beside it (same path, .json), printing OK.

    swift test --filter writesACheckpointForThePyTorchCheck
    python3 scripts/golden/check_checkpoint.py "${TMPDIR:-/tmp}/runner-checkpoint-test.safetensors"

CI has no PyTorch, so this is a manual check of interoperability.
"""
import json
import os
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file


def main(path):
    with open(os.path.splitext(path)[0] + ".json") as f:
        expected = json.load(f)
    tensors = load_file(path)
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata()

    problems = []
    if metadata != expected["metadata"]:
        problems.append(f"metadata {metadata} != {expected['metadata']}")
    if set(tensors) != set(expected["tensors"]):
        problems.append(f"names differ: {sorted(set(tensors) ^ set(expected['tensors']))}")
    for name, want in expected["tensors"].items():
        got = tensors.get(name)
        if got is None:
            continue
        if got.dtype != torch.float32 or list(got.shape) != want["shape"]:
            problems.append(f"{name}: {got.dtype} {list(got.shape)}, expected float32 {want['shape']}")
        elif got.reshape(-1)[: len(want["first"])].tolist() != want["first"]:
            problems.append(f"{name}: first values {got.reshape(-1)[:4].tolist()} != {want['first']}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"OK: {len(tensors)} tensors and {len(metadata)} metadata entries match in {path}")


if __name__ == "__main__":
    main(sys.argv[1])
