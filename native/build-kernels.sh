#!/usr/bin/env bash
# Build glue for the CUDA kernels, called by Maven in generate-resources:
#   build-kernels.sh KERNEL_SRC_DIR OUTPUT_DIR
# Compiles each KERNEL_SRC_DIR/*.cu into OUTPUT_DIR/<name>.fatbin (SASS for sm_80 and sm_90,
# plus PTX for compute_90 so newer GPUs can JIT it). The jar carries the fatbins and the GPU
# backend loads them with cuModuleLoadData; nvcc never runs at run time.
# Without nvcc the build still passes: OUTPUT_DIR/NOT_BUILT says why, and the GPU backend
# reports it. NVCC names the compiler; otherwise PATH, then /usr/local/cuda/bin/nvcc.
# --fmad=false: no a*b+c contraction, so float expressions round exactly as the Java reference's do
# (Adam and Philox are bitwise the CPU's); the kernels are memory-bound, so FMA buys nothing here.
set -euo pipefail
src=$1 out=$2
mkdir -p "$out"
rm -f "$out/NOT_BUILT"
nvcc=${NVCC:-$(command -v nvcc || true)}
[ -n "$nvcc" ] || { [ -x /usr/local/cuda/bin/nvcc ] && nvcc=/usr/local/cuda/bin/nvcc; } || true
if [ -z "$nvcc" ]; then
  echo "nvcc not found at build time (PATH, /usr/local/cuda/bin, NVCC)" > "$out/NOT_BUILT"
  echo "[kernels] WARNING: nvcc not found; CUDA kernels not built, the GPU backend will be unavailable" >&2
  exit 0
fi
shopt -s nullglob
for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  fatbin="$out/$name.fatbin"
  # Rebuild only when the source or a shared header is newer than the fatbin.
  if [ -f "$fatbin" ] && [ -z "$(find "$src" -name '*.cu*' -newer "$fatbin" -o -name '*.cuh' -newer "$fatbin" | head -1)" ]; then
    continue
  fi
  echo "[kernels] nvcc $name.cu" >&2
  "$nvcc" -fatbin -O3 -std=c++17 --fmad=false -I"$src" \
    -gencode arch=compute_80,code=sm_80 \
    -gencode arch=compute_90,code=sm_90 \
    -gencode arch=compute_90,code=compute_90 \
    -o "$fatbin" "$cu"
done
