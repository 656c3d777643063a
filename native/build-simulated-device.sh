#!/usr/bin/env bash
# Build glue for the simulated device (tests only), called by Maven in generate-test-resources after the kernel
# emulator:   build-simulated-device.sh OUTPUT_DIR KERNEL_EMU_DIR
# Compiles native/sim/driver.cpp into OUTPUT_DIR/libcuda.so.1 (the CUDA driver API entry points JCuda calls,
# kernels run by KERNEL_EMU_DIR/libfgkernels_emu.so) and native/sim/cublas.cpp into OUTPUT_DIR/libcublas.so.13.
# The "simulated-device" surefire run puts OUTPUT_DIR on LD_LIBRARY_PATH, so JCuda's native library and the
# cuBLAS binding load these instead of NVIDIA's, and the @Tag("gpu") tests run the whole GPU backend on the host.
# See native/README.md, "Simulated device". Without a C++ compiler or the emulator, the build still passes:
# OUTPUT_DIR/NOT_BUILT says why, and the simulated-device run's GPU tests skip as they do without a GPU.
set -euo pipefail
out=$1 emu_dir=$(cd "$2" 2>/dev/null && pwd || echo "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
sim="$root/native/sim"
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out/NOT_BUILT"
not_built() {
  rm -f "$out/libcuda.so.1" "$out/libcublas.so.13"
  echo "$1" > "$out/NOT_BUILT"
  echo "[sim-device] WARNING: simulated device not built: $1" >&2
  exit 0
}
cxx=${CXX:-$(command -v g++ || true)}
[ -n "$cxx" ] && command -v "$cxx" > /dev/null || not_built "no C++ compiler found at build time (CXX, g++ on PATH)"
[ -f "$emu_dir/libfgkernels_emu.so" ] || not_built "the kernel emulator was not built ($emu_dir/NOT_BUILT says why)"
driver="$out/libcuda.so.1" blas="$out/libcublas.so.13"
if [ -f "$driver" ] && [ -f "$blas" ] && [ -z "$(find "$sim" "$0" "$emu_dir/libfgkernels_emu.so" -newer "$driver" | head -1)" ] \
    && [ -z "$(find "$sim" "$0" -newer "$blas" | head -1)" ]; then
  exit 0
fi
echo "[sim-device] $cxx native/sim -> $out" >&2
flags=(-std=c++20 -O2 -shared -fPIC -fvisibility=hidden -Wall)
if ! log=$("$cxx" "${flags[@]}" -Wl,-soname,libcuda.so.1 -o "$driver.tmp" "$sim/driver.cpp" \
      -L"$emu_dir" -l:libfgkernels_emu.so -Wl,-rpath,"$emu_dir" -pthread 2>&1); then
  not_built "the simulated driver failed to compile: $(echo "$log" | grep -m1 error || echo "$log" | head -1)"
fi
mv "$driver.tmp" "$driver"
if ! log=$("$cxx" "${flags[@]}" -Wl,-soname,libcublas.so.13 -o "$blas.tmp" "$sim/cublas.cpp" \
      -L"$out" -l:libcuda.so.1 -Wl,-rpath,"$out" 2>&1); then
  not_built "the simulated cuBLAS failed to compile: $(echo "$log" | grep -m1 error || echo "$log" | head -1)"
fi
mv "$blas.tmp" "$blas"
