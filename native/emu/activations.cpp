// Emulator translation unit for kernels/activations.cu: the kernel source itself (compiled by g++ with cuda_emu.hpp
// force-included), then every kernel in it registered by name. EmulatedKernelRegistryTest checks that no
// extern "C" __global__ kernel of kernels/activations.cu is missing here.
#include "activations.cu"
#include "registry.hpp"

FG_EMU_REGISTER(activate)
FG_EMU_REGISTER(activate_backward)
FG_EMU_REGISTER(bias_activate)
