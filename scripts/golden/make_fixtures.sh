#!/usr/bin/env bash
# Regenerates every golden fixture under Tests/EngineTests/Fixtures from PyTorch.
# Needs PyTorch and safetensors from pip:  pip install torch safetensors
set -euo pipefail
cd "$(dirname "$0")"
for script in gen_*.py; do
    python3 "$script"
done
