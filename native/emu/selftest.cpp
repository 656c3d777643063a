// Kernels that test the emulator itself (EmulatorSoundnessTest), not the project's kernels: they show that
// __syncthreads() is a real barrier, that a missing barrier is exposed, that a barrier not reached by the whole
// block is refused, and that every thread sees its own coordinates. Named emu_* so they cannot be mistaken
// for kernels/ ones.
#include "common.cuh"
#include "registry.hpp"

// in (gridDim.x * blockDim.x) -> out (gridDim.x): each block's sum by common.cuh's fg_block_sum.
extern "C" __global__ void emu_block_sum(const double* in, double* out) {
    double total = fg_block_sum(in[blockIdx.x * blockDim.x + threadIdx.x]);
    if (threadIdx.x == 0) out[blockIdx.x] = total;
}

// fg_block_sum's tree with its __syncthreads() calls removed: a race (a thread may read buf[t + half] before
// thread t + half has written it), which running the threads in ascending order between barriers exposes.
extern "C" __global__ void emu_block_sum_unsynchronized(const double* in, double* out) {
    __shared__ double buf[FG_BLOCK];
    buf[threadIdx.x] = in[blockIdx.x * blockDim.x + threadIdx.x];
    for (int half = FG_BLOCK / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) buf[threadIdx.x] += buf[threadIdx.x + half];
    }
    if (threadIdx.x == 0) out[blockIdx.x] = buf[0];
}

// Only the even threads reach the barrier: undefined in CUDA, refused by the emulator.
extern "C" __global__ void emu_partial_barrier(int* out) {
    if (threadIdx.x % 2 == 0) __syncthreads();
    out[blockIdx.x * blockDim.x + threadIdx.x] = 1;
}

// Every thread reaches a barrier, but the two halves of the block reach different __syncthreads() calls:
// also undefined in CUDA, also refused. (The stores differ so the compiler cannot merge the two calls.)
extern "C" __global__ void emu_split_barrier(int* out) {
    unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (threadIdx.x < blockDim.x / 2) {
        out[i] = 1;
        __syncthreads();
    } else {
        __syncthreads();
        out[i] = 2;
    }
}

// out (6 per thread, at the thread's global index): threadIdx.x, blockIdx.x, blockDim.x, gridDim.x before a
// barrier, then threadIdx.x and blockIdx.x read again after it.
extern "C" __global__ void emu_coordinates(unsigned int* out) {
    unsigned long long i = (unsigned long long)blockIdx.x * blockDim.x + threadIdx.x;
    out[6 * i + 0] = threadIdx.x;
    out[6 * i + 1] = blockIdx.x;
    out[6 * i + 2] = blockDim.x;
    out[6 * i + 3] = gridDim.x;
    __syncthreads();
    out[6 * i + 4] = threadIdx.x;
    out[6 * i + 5] = blockIdx.x;
}

FG_EMU_REGISTER(emu_block_sum)
FG_EMU_REGISTER(emu_block_sum_unsynchronized)
FG_EMU_REGISTER(emu_partial_barrier)
FG_EMU_REGISTER(emu_split_barrier)
FG_EMU_REGISTER(emu_coordinates)
