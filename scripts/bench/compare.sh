#!/usr/bin/env bash
# Compares one training epoch of the IMDB recurrent workload: the engine (`bench`) against
# PyTorch (`torch_epoch.py`), same model, shapes and thread count.
#
#     scripts/bench/compare.sh [--cell gru|lstm] [--threads N] [--epochs N] [--rounds N]
#
# Builds `bench` in release, then runs the two alternately, ROUNDS times each (default 2) with
# EPOCHS epochs per run (default 2), so that a slow spell of a shared machine hits both. Prints
# every epoch's seconds side by side, then the medians and their ratio (engine / PyTorch).
set -euo pipefail

cell=gru threads=2 epochs=2 rounds=2
while [ $# -gt 0 ]; do
    case "$1" in
        --cell) cell=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --epochs) epochs=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        *) echo "usage: $0 [--cell gru|lstm] [--threads N] [--epochs N] [--rounds N]" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
swift build -c release --product bench >&2
bench=$(swift build -c release --show-bin-path)/bench

# The seconds of every "epoch N: S s" line.
seconds() { sed -n 's/^epoch [0-9]*: \([0-9.]*\) s.*/\1/p'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

engine=() torch=()
for round in $(seq "$rounds"); do
    echo "round $round: engine" >&2
    engine+=($("$bench" "$epochs" --cell "$cell" --threads "$threads" | tee >(cat >&2) | seconds))
    echo "round $round: pytorch" >&2
    torch+=($(python3 scripts/bench/torch_epoch.py "$epochs" --cell "$cell" --threads "$threads" | tee >(cat >&2) | seconds))
done

echo
echo "$cell, $threads threads: seconds per training epoch"
printf '%-8s %10s %10s\n' run engine pytorch
for i in "${!engine[@]}"; do printf '%-8s %10s %10s\n' "$((i + 1))" "${engine[$i]}" "${torch[$i]}"; done
engine_median=$(printf '%s\n' "${engine[@]}" | median)
torch_median=$(printf '%s\n' "${torch[@]}" | median)
printf '%-8s %10s %10s\n' median "$engine_median" "$torch_median"
awk -v e="$engine_median" -v t="$torch_median" 'BEGIN { printf "ratio engine/pytorch: %.2f\n", e / t }'
