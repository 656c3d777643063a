// Shared by the kernel files: launch geometry and a deterministic block reduction.
// Every kernel is launched with blockDim.x == FG_BLOCK (the host uses the same constant).
#pragma once

#define FG_BLOCK 256

// Sum of one double per thread over the block, in a fixed tree order (no atomics), so the result
// depends only on the inputs and the launch geometry. Returns the sum in thread 0 only.
__device__ inline double fg_block_sum(double v) {
    __shared__ double buf[FG_BLOCK];
    buf[threadIdx.x] = v;
    __syncthreads();
    for (int half = FG_BLOCK / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) buf[threadIdx.x] += buf[threadIdx.x + half];
        __syncthreads();
    }
    double total = buf[0];
    __syncthreads();
    return total;
}

__device__ inline unsigned long long fg_block_count(unsigned long long v) {
    __shared__ unsigned long long buf[FG_BLOCK];
    buf[threadIdx.x] = v;
    __syncthreads();
    for (int half = FG_BLOCK / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) buf[threadIdx.x] += buf[threadIdx.x + half];
        __syncthreads();
    }
    unsigned long long total = buf[0];
    __syncthreads();
    return total;
}

// Grid-stride loop over [0, n) with 64-bit indices (n may approach 2^31).
#define FG_FOR_EACH(i, n) \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (long long)(n); \
         i += (long long)gridDim.x * blockDim.x)

// a * b, except that a zero coefficient gives 0 even for an infinite b (reference: CpuLosses.times).
__device__ inline double fg_times(double a, double b) {
    return (a == 0.0 && !isnan(b)) ? 0.0 : a * b;
}

__device__ inline float fg_timesf(float a, float b) {
    return (a == 0.0f && !isnan(b)) ? 0.0f : a * b;
}
