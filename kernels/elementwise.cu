// Elementwise updates of row-major float32 tensors. Fill and copy need no kernel (cuMemsetD32Async,
// cuMemcpyDtoDAsync). Compiled with --fmad=false, so each a*b+c rounds twice exactly as Java does.
#include "common.cuh"

// reference: CpuBackend.axpy
// x (n), y (n) -> y (n): y += alpha * x
extern "C" __global__ void axpy(float alpha, const float* __restrict__ x, float* __restrict__ y, int n) {
    FG_FOR_EACH(i, n) y[i] = y[i] + alpha * x[i];
}

// reference: CpuBackend.addBias
// x (rows x cols), bias (cols) -> x (rows x cols): x[r][c] += bias[c]
extern "C" __global__ void add_bias(float* __restrict__ x, const float* __restrict__ bias, int n, int cols) {
    FG_FOR_EACH(i, n) x[i] = x[i] + bias[i % cols];
}
