// The CUDA surface that kernels/*.cu use, for compiling them as plain C++ with g++ (see native/README.md,
// "Kernel emulator"). Force-included (-include) before each kernel file; the runtime that gives these names
// their meaning is emulator.cpp.
//
// The emulator runs one block at a time, and the block's threads as cooperative fibers on one OS thread: a
// fiber runs until it reaches __syncthreads() or returns, then the next one runs. So:
//   - threadIdx/blockIdx/blockDim/gridDim are plain globals that the scheduler sets before resuming a fiber;
//     __syncthreads() is an out-of-line call, so the compiler must reload them (and any memory) after it.
//   - __shared__ is `static`: with one block in flight at a time, one copy per declaration is the block's
//     shared memory. Every __shared__ in kernels/ is a fixed-size array local to a function (common.cuh); a
//     dynamic `extern __shared__` array would not compile here, which is the point (the emulator has no model
//     of it). As on a GPU, it starts out holding whatever the previous block left there.
#pragma once

#include <math.h>  // isnan, expf, log1pf, tanhf, sqrtf, fmaxf, fmax, fabs, exp, log, sqrt, sin, cos, NAN (global names, as in CUDA)
#include <cmath>

#define __global__
#define __device__
#define __shared__ static
// __restrict__ is a GNU C++ keyword already, with the same meaning as in CUDA.

struct uint3 { unsigned int x, y, z; };
struct dim3 { unsigned int x, y, z; };

// CUDA's 16-byte vector type (aligned as in vector_types.h, so a misaligned float4 access is as wrong here as on
// the device) and its constructor.
struct alignas(16) float4 { float x, y, z, w; };
inline float4 make_float4(float x, float y, float z, float w) { return {x, y, z, w}; }

extern uint3 threadIdx;
extern uint3 blockIdx;
extern dim3 blockDim;
extern dim3 gridDim;

// Returns when every thread of the block has called it (the same call, as CUDA requires); see emulator.cpp.
void __syncthreads();

// The device intrinsics the kernels use, with their CUDA meaning on the host.

// High 32 bits of the 64-bit product of two unsigned 32-bit integers.
inline unsigned int __umulhi(unsigned int a, unsigned int b) {
    return (unsigned int)(((unsigned long long)a * b) >> 32);
}

// Round-to-nearest float multiply and add that nvcc never contracts into an FMA. The emulator is compiled
// with -ffp-contract=off, so a plain * and + round separately too.
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fadd_rn(float a, float b) { return a + b; }
