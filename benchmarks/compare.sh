#!/usr/bin/env bash
# One command on a GPU machine: fusedgan's benchmarks, the same cases in PyTorch, and the side-by-side
# comparison with speedup columns and the targets.
#   benchmarks/compare.sh [OUT_DIR] [-- extra args for 'fusedgan bench']
# OUT_DIR defaults to $OUT (set by the device tool) or runs/compare-<timestamp>. Writes
# OUT_DIR/java/{bench.csv,loss.png,report.txt}, OUT_DIR/torch/{torch.csv,torch-report.txt}, OUT_DIR/compare.txt.
# Java runs through ./fusedgan where Maven is installed (it rebuilds when sources changed), else through the
# packed runtime .gpu/java (the GPU machine has no JDK or Maven; see benchmarks/README.md).
# PYTHON may name the interpreter that has torch (default python3); TORCH_ARGS adds bench_torch.py options.
# DEVICE=cpu makes it a dry run on the CPU (both sides), to check the scripts on a machine without a GPU.
# Exit status: 0, or 1 when either side reported a FAILED row (the comparison is still printed).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${OUT:-$root/runs/compare-$(date +%Y%m%d-%H%M%S)}
if [ $# -gt 0 ] && [ "$1" != "--" ]; then out=$1; shift; fi
[ "${1:-}" = "--" ] && shift
mkdir -p "$out"

if [ -x "$root/.gpu/java" ] && ! command -v mvn >/dev/null 2>&1; then
  fusedgan=("$root/.gpu/java" dev.fusedgan.cli.Main)
else
  fusedgan=("$root/fusedgan")
fi

status=0
echo "== fusedgan bench" >&2
"${fusedgan[@]}" bench --device "${DEVICE:-cuda}" --out "$out/java" "$@" || status=1
echo "== PyTorch" >&2
# shellcheck disable=SC2086
"${PYTHON:-python3}" "$root/benchmarks/pytorch/bench_torch.py" --device "${DEVICE:-cuda}" --out "$out/torch" ${TORCH_ARGS:-} || status=1
echo "== comparison" >&2
if [ -f "$out/java/bench.csv" ] && [ -f "$out/torch/torch.csv" ]; then
  "${fusedgan[@]}" bench compare --java "$out/java/bench.csv" --torch "$out/torch/torch.csv" --out "$out/compare.txt" || status=1
else
  echo "compare.sh: a side wrote no CSV (see its messages above); nothing to compare" >&2
  status=1
fi
exit $status
