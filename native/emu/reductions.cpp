// Emulator translation unit for kernels/reductions.cu: the kernel source itself (compiled by g++ with cuda_emu.hpp
// force-included), then every kernel in it registered by name. EmulatedKernelRegistryTest checks that no
// extern "C" __global__ kernel of kernels/reductions.cu is missing here.
#include "reductions.cu"
#include "registry.hpp"

FG_EMU_REGISTER(sum_rows)
FG_EMU_REGISTER(sum_rows_chunks)
FG_EMU_REGISTER(sum_rows_finish)
FG_EMU_REGISTER(sum_of_squares_partials)
FG_EMU_REGISTER(reduce_partials)
