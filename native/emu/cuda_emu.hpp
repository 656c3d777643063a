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

// Records a 16-byte access at an address that is not a multiple of 16 (emulator.cpp): on a GPU such a load or
// store faults (CUDA_ERROR_MISALIGNED_ADDRESS); here the launch that made it fails and names the address.
void fg_emu_misaligned(const void* address);

// CUDA's 16-byte vector type, aligned as in vector_types.h. Every copy out of memory (a load through a float4
// pointer) checks the source's alignment and every assignment (a store) the destination's, as the GPU does.
struct alignas(16) float4 {
    float x, y, z, w;
    float4() = default;
    float4(float x_, float y_, float z_, float w_) : x(x_), y(y_), z(z_), w(w_) {}
    float4(const float4& o) { copy(this, &o); }
    float4& operator=(const float4& o) {
        copy(this, &o);
        return *this;
    }
private:
    static bool misaligned(const void* p) { return reinterpret_cast<unsigned long long>(p) % 16 != 0; }
    // The 16 bytes, after reporting a misaligned end. The empty asm hides where the pointers came from, so the
    // compiler cannot assume float4's alignment and emit an aligned SSE move (which would crash the JVM where
    // the GPU would report a fault).
    static void copy(void* to, const void* from) {
        if (misaligned(from) || misaligned(to)) fg_emu_misaligned(misaligned(from) ? from : to);
        asm volatile("" : "+r"(to), "+r"(from));
        __builtin_memcpy(to, from, 16);
    }
};
inline float4 make_float4(float x, float y, float z, float w) { return float4(x, y, z, w); }

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
