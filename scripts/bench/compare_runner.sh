#!/usr/bin/env bash
# Times training epochs of whole experiments: the runner (release build) against the same model
# in PyTorch, on the same encoded data, with the same batch size and thread count.
#
#     scripts/bench/compare_runner.sh [EXPERIMENT...] [--epochs N] [--rounds N] [--threads N]
#
# EXPERIMENT is a file or the name of one in experiments/ (default: imdb_gru imdb_lstm
# fashion_mnist_lstm); any classification experiment works. The real datasets are found as a run
# finds them, so run from the repository's root with RUNNER_DATA set (RUNNER_DATA=../shared/data
# beside this repository's CI checkout). Needs PyTorch: pip install torch safetensors pyyaml.
#
# Builds the runner in release, then for each experiment: exports its data once
# (`runner export`, into a temporary folder), checks that both models have the same number of
# parameters, and runs ROUNDS rounds (default 2), each the runner (`runner run --set
# training.epochs=EPOCHS --threads THREADS`, `train_seconds` of timing.csv) and then
# `torch_train.py` on the exported data, EPOCHS epochs each (default 2), THREADS threads
# (default 2). Alternating lets a slow spell of a shared machine fall on both. Prints every
# epoch's training seconds side by side, the medians, GFLOP/s (the count of flops.py for both)
# and the ratio runner / PyTorch (of the medians, to three decimals, and of each round's own
# medians, to show how far it moves from one round to the next), then one summary line per
# experiment.
#
# Before and after each experiment it checks the machine: `fma_peak.c` on every core at once,
# the GFLOP/s of fused multiply-adds each core gets (half a second). The runner's products run
# close to that ceiling, so a shared host that takes part of a core slows the runner more than
# PyTorch: read each ratio beside those figures (BENCHMARKS.md, "The machine's two cores").
set -euo pipefail

usage="usage: $0 [EXPERIMENT...] [--epochs N] [--rounds N] [--threads N]"
fail_usage() { echo "$0: $1" >&2; echo "$usage" >&2; exit 2; }
# The value of option $1, $2, checked to be a whole number above 0.
count() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || fail_usage "$1 needs a whole number above 0"; echo "$2"; }
epochs=2 rounds=2 threads=2 experiments=()
while [ $# -gt 0 ]; do
    case "$1" in
        --epochs) epochs=$(count "$1" "${2:-}"); shift 2 ;;
        --rounds) rounds=$(count "$1" "${2:-}"); shift 2 ;;
        --threads) threads=$(count "$1" "${2:-}"); shift 2 ;;
        -h|--help) echo "$usage"; exit 0 ;;
        -*) fail_usage "unknown option $1" ;;
        *) experiments+=("$1"); shift ;;
    esac
done
[ ${#experiments[@]} -gt 0 ] || experiments=(imdb_gru imdb_lstm fashion_mnist_lstm)

root=$(cd "$(dirname "$0")/../.." && pwd)
bench="$root/scripts/bench"
if ! python3 -c "import torch, safetensors, yaml" 2>/dev/null; then
    echo "$0: PyTorch is needed for the reference: pip install torch safetensors pyyaml" >&2
    exit 2
fi

# The experiment file of an argument: a path as given, else experiments/NAME.yaml.
experiment_file() {
    if [ -f "$1" ]; then echo "$1"
    elif [ -f "$root/experiments/$1.yaml" ]; then echo "$root/experiments/$1.yaml"
    else echo "$0: no experiment file $1 (nor $root/experiments/$1.yaml)" >&2; exit 2
    fi
}
files=()
for experiment in "${experiments[@]}"; do files+=("$(experiment_file "$experiment")"); done

(cd "$root" && swift build -c release --product runner >&2)
runner=$(cd "$root" && swift build -c release --show-bin-path)/runner
work=$(mktemp -d "${TMPDIR:-/tmp}/compare_runner.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The seconds of every "epoch N: S s" line; a column of timing.csv by its name; a median.
seconds() { sed -n 's/^epoch [0-9]*: \([0-9.]*\) s.*/\1/p'; }
column() { awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } c { print $c }' "$2"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
torch_train() { OMP_NUM_THREADS=$threads python3 "$bench/torch_train.py" "$@" --threads "$threads"; }

# The FMA GFLOP/s of every core, measured on all of them at once (empty without gcc or AVX2).
host_check() {
    grep -qw fma /proc/cpuinfo 2>/dev/null && command -v gcc >/dev/null || return 0
    [ -x "$work/fma_peak" ] || gcc -O2 -march=native "$bench/fma_peak.c" -o "$work/fma_peak" || return 0
    local cores pin=() core
    cores=$(seq 0 $(($(getconf _NPROCESSORS_ONLN) - 1)))
    for core in $cores; do
        command -v taskset >/dev/null && pin=(taskset -c "$core")
        "${pin[@]}" "$work/fma_peak" >"$work/peak.$core" &
    done
    wait
    for core in $cores; do cat "$work/peak.$core"; done | paste -sd ' ' -
}

summary=()
for file in "${files[@]}"; do
    name=$(basename "$file" .yaml)
    data="$work/$name/data"
    if "$runner" sweep "$file" --list >/dev/null 2>&1; then
        echo "$0: $file is a sweep; compare one experiment (a trial's values set in a file of its own)" >&2
        exit 2
    fi
    echo "$name: exporting the data" >&2
    "$runner" export "$file" --output "$data" >&2
    runner_params=$("$runner" inspect "$file" | sed -n 's/^Total params: //p' | tr -d ,)
    torch_params=$(torch_train "$data" --epochs 0 | sed -n 's/.*params: \([0-9]*\).*/\1/p')
    flop=$(python3 "$bench/flops.py" "$data")
    if [ "$runner_params" != "$torch_params" ]; then
        echo "$0: $name: the runner's model has $runner_params parameters, PyTorch's $torch_params: not the same model" >&2
        exit 1
    fi

    host_before=$(host_check)
    ours=() theirs=()
    for round in $(seq "$rounds"); do
        echo "$name, round $round: runner" >&2
        rm -rf "$work/$name/run"
        "$runner" run "$file" --set "training.epochs=$epochs" --threads "$threads" --quiet --output "$work/$name/run"
        run_seconds=($(column train_seconds "$work/$name/run/timing.csv"))
        [ ${#run_seconds[@]} -eq "$epochs" ] || {
            echo "$0: $name: the runner's timing.csv has ${#run_seconds[@]} epochs with train_seconds, expected $epochs" >&2
            exit 1
        }
        ours+=("${run_seconds[@]}")
        echo "$name, round $round: pytorch" >&2
        theirs+=($(torch_train "$data" --epochs "$epochs" | tee >(cat >&2) | seconds))
    done

    echo
    echo "$name: $threads threads, params: $runner_params (runner) = $torch_params (pytorch), $flop FLOP per training epoch"
    printf '%-6s %-6s %10s %10s\n' round epoch runner pytorch
    for i in "${!ours[@]}"; do
        printf '%-6s %-6s %10s %10s\n' "$((i / epochs + 1))" "$((i % epochs + 1))" "${ours[$i]}" "${theirs[$i]:-}"
    done
    ours_median=$(printf '%s\n' "${ours[@]}" | median)
    theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
    round_ratios=()
    for round in $(seq 0 $((rounds - 1))); do
        o=$(printf '%s\n' "${ours[@]:$((round * epochs)):$epochs}" | median)
        t=$(printf '%s\n' "${theirs[@]:$((round * epochs)):$epochs}" | median)
        round_ratios+=("$(awk -v o="$o" -v t="$t" 'BEGIN { printf "%.3f", o / t }')")
    done
    spread=$(printf '%s\n' "${round_ratios[@]}" | sort -n | sed -n '1p;$p' | paste -sd '-' -)
    line=$(awk -v name="$name" -v o="$ours_median" -v t="$theirs_median" -v f="$flop" -v r="$spread" \
        'BEGIN { printf "%-24s %10.3f %10.3f %7.3f %13s %14.1f %14.1f", name, o, t, o / t, r, f / o / 1e9, f / t / 1e9 }')
    printf '%-13s %10s %10s\n' median "$ours_median" "$theirs_median"
    awk -v o="$ours_median" -v t="$theirs_median" -v f="$flop" \
        'BEGIN { printf "%-13s %10.1f %10.1f\nratio runner/pytorch: %.3f\n", "GFLOP/s", f / o / 1e9, f / t / 1e9, o / t }'
    echo "ratio of each round's medians: ${round_ratios[*]}"
    if [ -n "$host_before" ]; then
        host_after=$(host_check)
        echo "FMA GFLOP/s of each core, all at once: $host_before before, $host_after after"
        line+="   $host_before -> $host_after"
    fi
    summary+=("$line")
done

echo
echo "median seconds per training epoch, $threads threads, $epochs epochs x $rounds rounds"
printf '%-24s %10s %10s %7s %13s %14s %14s   %s\n' experiment runner pytorch ratio 'rounds' 'runner GFLOP/s' 'torch GFLOP/s' \
    'cores (fma_peak.c) before -> after'
printf '%s\n' "${summary[@]}"
