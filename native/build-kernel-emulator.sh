#!/usr/bin/env bash
# Build glue for the kernel emulator (tests only), called by Maven in generate-test-resources:
#   build-kernel-emulator.sh OUTPUT_DIR
# Compiles the real kernels/*.cu sources with g++ (one translation unit per file, native/emu/<name>.cpp, with
# native/emu/cuda_emu.hpp force-included) and the emulator runtime into OUTPUT_DIR/libfgkernels_emu.so, which
# the tests in dev.fusedgan.cuda (Emulated*Test) run against the CPU reference. See native/README.md.
# Without a C++ compiler, or if the compile fails, the build still passes: OUTPUT_DIR/NOT_BUILT says why and
# the emulated-kernel tests skip with that reason. CXX names the compiler; otherwise g++ on PATH.
# -ffp-contract=off -fno-fast-math: no a*b+c contraction and IEEE float semantics, as nvcc --fmad=false.
# -fno-strict-aliasing: the kernels read float arrays through float4 pointers, as CUDA code does.
# -Wno-sign-compare: the kernels compare the unsigned threadIdx.x with int bounds, as CUDA code does.
# -Wno-unknown-pragmas: #pragma unroll is an nvcc hint that g++ does not know.
set -euo pipefail
out=$1
root=$(cd "$(dirname "$0")/.." && pwd)
emu="$root/native/emu"
lib="$out/libfgkernels_emu.so"
mkdir -p "$out"
rm -f "$out/NOT_BUILT"
cxx=${CXX:-$(command -v g++ || true)}
if [ -z "$cxx" ] || ! command -v "$cxx" > /dev/null; then
  rm -f "$lib"
  echo "no C++ compiler found at build time (CXX, g++ on PATH)" > "$out/NOT_BUILT"
  echo "[kernel-emu] WARNING: no C++ compiler; kernel emulator not built, the emulated-kernel tests will skip" >&2
  exit 0
fi
# Rebuild only when a kernel source, an emulator source or this script is newer than the library.
if [ -f "$lib" ] && [ -z "$(find "$root/kernels" "$emu" "$0" -newer "$lib" | head -1)" ]; then
  exit 0
fi
echo "[kernel-emu] $cxx kernels/*.cu -> $lib" >&2
shopt -s nullglob
sources=("$emu"/*.cpp)
if ! log=$("$cxx" -std=c++20 -O2 -pthread -shared -fPIC -fvisibility=hidden -ffp-contract=off -fno-fast-math \
      -fno-strict-aliasing -Wall -Wno-sign-compare -Wno-unknown-pragmas -I"$root/kernels" -I"$emu" -include "$emu/cuda_emu.hpp" -o "$lib.tmp" "${sources[@]}" 2>&1); then
  rm -f "$lib" "$lib.tmp"
  { echo "the kernel emulator failed to compile with $cxx:"; echo "$log" | head -40; } > "$out/NOT_BUILT"
  echo "[kernel-emu] WARNING: kernel emulator failed to compile (see $out/NOT_BUILT); the emulated-kernel tests will skip" >&2
  exit 0
fi
[ -z "$log" ] || echo "$log" >&2
mv "$lib.tmp" "$lib"
