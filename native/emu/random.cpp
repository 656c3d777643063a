// Emulator translation unit for kernels/random.cu: the kernel source itself (compiled by g++ with cuda_emu.hpp
// force-included), then every kernel in it registered by name. EmulatedKernelRegistryTest checks that no
// extern "C" __global__ kernel of kernels/random.cu is missing here.
#include "random.cu"
#include "registry.hpp"

FG_EMU_REGISTER(fill_uniform)
FG_EMU_REGISTER(fill_normal)
