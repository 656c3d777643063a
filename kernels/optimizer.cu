// Optimizer updates. Compiled with --fmad=false and IEEE sqrtf/division, so every float operation
// rounds as the CPU's Java float arithmetic does, in the same order: the result is bitwise the CPU's.
#include "common.cuh"

// reference: CpuBackend.adamStep
// param, grad, m, v (n) -> param, m, v updated in place. bc1 = 1 - beta1^t and bc2 = 1 - beta2^t are
// computed on the host (AdamConfig.biasCorrection1/2) and passed in as floats.
extern "C" __global__ void adam(float* __restrict__ param, const float* __restrict__ grad, float* __restrict__ m,
                                float* __restrict__ v, int n, float lr, float b1, float b2, float eps, float bc1, float bc2) {
    FG_FOR_EACH(i, n) {
        float g = grad[i];
        float mi = b1 * m[i] + (1.0f - b1) * g;
        float vi = b2 * v[i] + (1.0f - b2) * g * g;
        m[i] = mi;
        v[i] = vi;
        float mHat = mi / bc1;
        float vHat = vi / bc2;
        param[i] = param[i] - lr * mHat / (sqrtf(vHat) + eps);
    }
}
