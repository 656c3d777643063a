// Optimizer updates. Compiled with --fmad=false and IEEE sqrtf/division, so every float operation
// rounds as the CPU's Java float arithmetic does, in the same order: the result is bitwise the CPU's.
//
// The Adam update comes in two numbered launch versions, the same per-element code (fg_adam_element):
// version 1: adam, one tensor per launch (Backend.adamStep).
// version 2: adam_multi, every tensor of a list in one launch (Backend.adamSteps, what nn.Adam uses): the
//            tensors' addresses and sizes come from a table in device memory, uploaded once per list by the
//            host, and each thread walks each tensor in turn with the same grid-stride loop. One launch per
//            network instead of one per tensor (6 for a 3-layer MLP): 10 launches fewer per GAN step.
#include "common.cuh"

// reference: CpuBackend.adamStep, element i
__device__ inline void fg_adam_element(float* __restrict__ param, const float* __restrict__ grad, float* __restrict__ m,
                                       float* __restrict__ v, long long i, float lr, float b1, float b2, float eps,
                                       float bc1, float bc2) {
    float g = grad[i];
    float mi = b1 * m[i] + (1.0f - b1) * g;
    float vi = b2 * v[i] + (1.0f - b2) * g * g;
    m[i] = mi;
    v[i] = vi;
    float mHat = mi / bc1;
    float vHat = vi / bc2;
    param[i] = param[i] - lr * mHat / (sqrtf(vHat) + eps);
}

// reference: CpuBackend.adamStep
// param, grad, m, v (n) -> param, m, v updated in place. bc1 = 1 - beta1^t and bc2 = 1 - beta2^t are
// computed on the host (AdamConfig.biasCorrection1/2) and passed in as floats.
extern "C" __global__ void adam(float* __restrict__ param, const float* __restrict__ grad, float* __restrict__ m,
                                float* __restrict__ v, int n, float lr, float b1, float b2, float eps, float bc1, float bc2) {
    FG_FOR_EACH(i, n) fg_adam_element(param, grad, m, v, i, lr, b1, b2, eps, bc1, bc2);
}

// Entries per tensor in adam_multi's table: the addresses of param, grad, m, v, then n.
#define FG_ADAM_TABLE_ENTRIES 5

// reference: CpuBackend.adamStep on each tensor of the list
// table (tensors x FG_ADAM_TABLE_ENTRIES) -> every tensor's param, m, v updated in place, as adam does each.
extern "C" __global__ void adam_multi(const unsigned long long* __restrict__ table, int tensors, float lr, float b1,
                                      float b2, float eps, float bc1, float bc2) {
    for (int t = 0; t < tensors; t++) {
        const unsigned long long* e = table + (long long)t * FG_ADAM_TABLE_ENTRIES;
        float* param = (float*)e[0];
        const float* grad = (const float*)e[1];
        float* m = (float*)e[2];
        float* v = (float*)e[3];
        long long n = (long long)e[4];
        FG_FOR_EACH(i, n) fg_adam_element(param, grad, m, v, i, lr, b1, b2, eps, bc1, bc2);
    }
}
