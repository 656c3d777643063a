// Pointwise activations and their backward passes. kind is Activation.Kind's ordinal:
// 0 identity, 1 relu, 2 leaky_relu (slope), 3 tanh, 4 sigmoid. The kind is the same for the whole
// launch, so the switch never diverges within a warp. tanh and sigmoid use float tanhf/expf (a few
// ulp from the CPU's double-then-round); the other branches round exactly as the CPU does.
#include "common.cuh"

__device__ inline float fg_sigmoidf(float x) {
    // Stable on both sides: exp never overflows. reference: CpuLosses.sigmoid
    if (x >= 0.0f) return 1.0f / (1.0f + expf(-x));
    float e = expf(x);
    return e / (1.0f + e);
}

// reference: CpuBackend.activate / CpuBackend.apply
// x (n) -> y (n); y may alias x
extern "C" __global__ void activate(int kind, float slope, const float* x, float* y, int n) {
    FG_FOR_EACH(i, n) {
        float v = x[i], out;
        switch (kind) {
            case 1: out = v > 0.0f ? v : 0.0f; break;
            case 2: out = v > 0.0f ? v : slope * v; break;
            case 3: out = tanhf(v); break;
            case 4: out = fg_sigmoidf(v); break;
            default: out = v; break;
        }
        y[i] = out;
    }
}

// reference: CpuBackend.activateBackward
// x (n), y = f(x) (n), dy (n) -> dx (n): dx = dy * f'(.); dx may alias dy
extern "C" __global__ void activate_backward(int kind, float slope, const float* x, const float* y,
                                             const float* dy, float* dx, int n) {
    FG_FOR_EACH(i, n) {
        float g = dy[i], d;
        switch (kind) {
            case 1: d = x[i] > 0.0f ? g : 0.0f; break;
            case 2: d = x[i] > 0.0f ? g : slope * g; break;
            case 3: { float yi = y[i]; d = g * (1.0f - yi * yi); break; }
            case 4: { float yi = y[i]; d = g * (yi * (1.0f - yi)); break; }
            default: d = g; break;
        }
        dx[i] = d;
    }
}
