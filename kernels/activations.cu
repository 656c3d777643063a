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

// reference: CpuBackend.apply
__device__ inline float fg_activate(int kind, float slope, float v) {
    switch (kind) {
        case 1: return v > 0.0f ? v : 0.0f;
        case 2: return v > 0.0f ? v : slope * v;
        case 3: return tanhf(v);
        case 4: return fg_sigmoidf(v);
        default: return v;
    }
}

// reference: CpuBackend.activate
// x (n) -> y (n); y may alias x
extern "C" __global__ void activate(int kind, float slope, const float* x, float* y, int n) {
    FG_FOR_EACH(i, n) y[i] = fg_activate(kind, slope, x[i]);
}

// A layer's epilogue in one pass instead of add_bias then activate (one launch and one read of z fewer).
// reference: Backend.addBiasActivate, i.e. CpuBackend.addBias then CpuBackend.activate
// z (rows x cols), bias (cols) -> z += bias (the pre-activation, kept for the backward pass), y = f(z)
extern "C" __global__ void bias_activate(int kind, float slope, float* __restrict__ z, const float* __restrict__ bias,
                                         float* __restrict__ y, int n, int cols) {
    FG_FOR_EACH(i, n) {
        float v = z[i] + bias[i % cols];
        z[i] = v;
        y[i] = fg_activate(kind, slope, v);
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
