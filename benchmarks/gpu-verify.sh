#!/usr/bin/env bash
# The first call of a session on a lent GPU machine: everything that checks the GPU backend, in one call.
# Here: ../shared/gpu/pack; then the device tool's run with carry [".gpu"] and the command
#   benchmarks/gpu-verify.sh "$OUT"
# 1. the machine: GPU, driver, nvcc, PyTorch                                   -> machine.txt
# 2. every GPU-tagged test (.gpu/test --include-tag gpu), with JUnit's XML report -> gpu-tests.log, junit/
# 3. the default training run on the GPU (the defaults of `fusedgan train`)     -> train/, train.log
# 4. the fused loss kernel, version 2 against version 3, at 2^20..2^27, loss suite only
#    (-Dfusedgan.cuda.lossKernel=2 or 3; see kernels/loss.cu)                   -> loss-v2/, loss-v3/
# 5. the GAN step at batches 256 and 4096 with column sums version 1 against 2
#    (-Dfusedgan.cuda.sumRows=1 or 2; see kernels/reductions.cu)                -> step-sumrows1/, step-sumrows2/
# The device tool brings back few files, so everything goes into OUT/verify.tar.gz; a short summary prints last
# (the tool returns the end of the output). The benchmarks against PyTorch are the second call:
# benchmarks/compare.sh "$OUT" (see benchmarks/README.md). Exit status 1 when any step failed.
# Each step has a time limit (timeout; exit 124 in its log) so that the archive is always written within the
# device tool's 10 minutes: info 30 s, tests 240 s, training 60 s, each loss benchmark 60 s, each step benchmark 50 s.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-${OUT:?give an output directory or set OUT}}
cd "$root"
[ -x .gpu/java ] || { echo "gpu-verify: no .gpu/ here; run ../shared/gpu/pack first and carry .gpu" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
status=0
step() { echo "== $1 ($(date -u +%H:%M:%S))" >&2; }

step machine
{
  date -u +"%Y-%m-%d %H:%M UTC"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,clocks.max.mem --format=csv
  nvcc --version 2>/dev/null | tail -2
  python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda)' 2>&1 | tail -1
  timeout 30 .gpu/java dev.fusedgan.cli.Main info
} > "$work/machine.txt" 2>&1

step "GPU tests"
timeout 240 .gpu/test --include-tag gpu --reports-dir "$work/junit" > "$work/gpu-tests.log" 2>&1 || status=1

step "default training run on the GPU"
start=$(date +%s)
timeout 60 .gpu/java dev.fusedgan.cli.Main train --device cuda --quiet --out "$work/train" > "$work/train.log" 2>&1 || status=1
echo "wall seconds (JVM start included): $(( $(date +%s) - start ))" >> "$work/train.log"

for v in 2 3; do
  step "loss kernel version $v"
  GPU_JAVA_OPTS="-Dfusedgan.cuda.lossKernel=$v" timeout 60 .gpu/java dev.fusedgan.cli.Main bench --device cuda --suite loss \
    --min-log2 20 --out "$work/loss-v$v" > "$work/loss-v$v.log" 2>&1 || status=1
done

for v in 1 2; do
  step "GAN step, column sums version $v"
  GPU_JAVA_OPTS="-Dfusedgan.cuda.sumRows=$v" timeout 50 .gpu/java dev.fusedgan.cli.Main bench --device cuda --suite step \
    --batches 256,4096 --out "$work/step-sumrows$v" > "$work/step-sumrows$v.log" 2>&1 || status=1
done

tar -C "$work" -czf "$out/verify.tar.gz" .
rm -rf "$work/junit"

echo
echo "---- summary (everything is in verify.tar.gz) ----"
cat "$work/machine.txt"
echo "-- GPU tests"
grep -E "tests (successful|failed|skipped|aborted|found)" "$work/gpu-tests.log" || tail -5 "$work/gpu-tests.log"
grep -E "✘|\[X\]" "$work/gpu-tests.log" | head -20
echo "-- default training run"
tail -4 "$work/train.log"
for v in 2 3; do
  echo "-- loss kernel version $v (fused rows, n >= 2^24, and the copy row)"
  grep -E "^(copy|loss +fused)" "$work/loss-v$v/report.txt" 2>/dev/null | awk '$1 == "copy" || $3 >= 16777216' \
    || tail -5 "$work/loss-v$v.log"
done
for v in 1 2; do
  echo "-- GAN step, column sums version $v"
  grep -E "^step +(fused|unfused) " "$work/step-sumrows$v/report.txt" 2>/dev/null || tail -5 "$work/step-sumrows$v.log"
done
exit $status
