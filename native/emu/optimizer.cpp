// Emulator translation unit for kernels/optimizer.cu: the kernel source itself (compiled by g++ with cuda_emu.hpp
// force-included), then every kernel in it registered by name. EmulatedKernelRegistryTest checks that no
// extern "C" __global__ kernel of kernels/optimizer.cu is missing here.
#include "optimizer.cu"
#include "registry.hpp"

FG_EMU_REGISTER(adam)
FG_EMU_REGISTER(adam_multi)
