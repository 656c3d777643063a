// Emulator translation unit for kernels/loss.cu: the kernel source itself (compiled by g++ with cuda_emu.hpp
// force-included), then every kernel in it registered by name. EmulatedKernelRegistryTest checks that no
// extern "C" __global__ kernel of kernels/loss.cu is missing here.
#include "loss.cu"
#include "registry.hpp"

FG_EMU_REGISTER(loss_bce_with_logits)
FG_EMU_REGISTER(loss_squared_error)
FG_EMU_REGISTER(loss_absolute_error)
FG_EMU_REGISTER(loss_hinge)
FG_EMU_REGISTER(loss_linear)
FG_EMU_REGISTER(loss_bce_with_logits_v3)
FG_EMU_REGISTER(loss_squared_error_v3)
FG_EMU_REGISTER(loss_absolute_error_v3)
FG_EMU_REGISTER(loss_hinge_v3)
FG_EMU_REGISTER(loss_linear_v3)
FG_EMU_REGISTER(bce_unfused_sigmoid)
FG_EMU_REGISTER(bce_unfused_loss)
FG_EMU_REGISTER(bce_unfused_grad)
