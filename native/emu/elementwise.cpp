// Emulator translation unit for kernels/elementwise.cu: the kernel source itself (compiled by g++ with cuda_emu.hpp
// force-included), then every kernel in it registered by name. EmulatedKernelRegistryTest checks that no
// extern "C" __global__ kernel of kernels/elementwise.cu is missing here.
#include "elementwise.cu"
#include "registry.hpp"

FG_EMU_REGISTER(axpy)
FG_EMU_REGISTER(add_bias)
