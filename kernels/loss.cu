// Pointwise losses with their gradients. reference: CpuBackend.loss and CpuLosses (the per-element formulas).
//
// Sigmoid cross-entropy has two rival kernels, chosen by the caller (LossFunction.BCE_UNFUSED vs BCE_WITH_LOGITS):
// version 1: unfused chain, 4 launches (bce_unfused_sigmoid, bce_unfused_loss on probabilities with the log
//            clamp, bce_unfused_grad, reduce_partials), float32 step by step like CpuLosses.bceUnfused
// version 2: fused loss+gradient, one pass (loss_bce_with_logits), two-stage deterministic reduction
//            (per-block partials here, reduce_partials in reductions.cu); one element per thread per iteration,
//            4-byte loads
// version 3: version 2 with 16-byte accesses (loss_bce_with_logits_v3): each thread takes 4 consecutive
//            elements per iteration with float4 loads of x, target and weight and float4 stores of grad and
//            elem_loss, so each thread has 4x the bytes in flight; the host sizes the grid to one full wave
//            (SMs x resident blocks) instead of a fixed 1024 blocks. Same per-element code as version 2
//            (fg_loss_element), so every gradient and element loss is bitwise version 2's; only the order in
//            which a block's partial sum is accumulated differs. Needs 16-byte-aligned pointers: the host uses
//            version 2 for misaligned row slices.
// Each loss (BCE with logits, squared, absolute, hinge, linear) has a version-2 and a version-3 kernel.
//
// Fusion assumption: the gradient's factor (scale, times 1/n for the mean) is known on the host before the
// kernel runs (dloss = scale/n does not depend on the loss value), so the gradient is written in the same
// pass as the loss, and the loss value is only needed for reporting.
//
// Every loss kernel takes the same arguments:
//   x (n), target (n, or null: then scalar_target is used and no target tensor is read),
//   weight (n, or null = 1), pos_weight, label smoothing (amount, two_sided), scale, grad_factor,
//   grad (n, or null = no gradient), elem_loss (n, or null unless reduction NONE), n,
//   partial_sums / partial_nans (gridDim.x each): per block, the sum of the weighted unscaled losses and
//   the number of NaN inputs. No floating-point atomics: reduce_partials adds them in a fixed order.
// The weighting and scaling epilogue runs in double and rounds once, exactly like the CPU reference.
// Compiled with --fmad=false so float expressions round as the Java ones do.
#include "common.cuh"

// reference: LabelSmoothing.apply (float32)
__device__ inline float fg_smooth(float y, float amount, int two_sided) {
    if (amount == 0.0f) return y;
    return two_sided ? y * (1.0f - amount) + amount * 0.5f : y * (1.0f - amount);
}

// Java's Math.max(float, float): NaN if either is NaN (fmaxf would drop the NaN).
__device__ inline float fg_max_nan(float a, float b) {
    return (isnan(a) || isnan(b)) ? NAN : fmaxf(a, b);
}

__device__ inline float fg_target(const float* target, float scalar_target, long long i, float amount, int two_sided) {
    return fg_smooth(target != nullptr ? target[i] : scalar_target, amount, two_sided);
}

// reference: CpuLosses.bceWithLogits, in float32. With c = p y + 1 - y and e = exp(-|x|) (never overflows):
//   x >= 0: loss (1-y) x + c log1p(e),  grad c sigmoid(x) - p y = ((1-y) - p y e) / (1 + e)
//   x <  0: loss -p y x + c log1p(e),   grad                    = ((1-y) e - p y) / (1 + e)
// The gradient forms are c sigmoid(x) - p y with the sigmoid's denominator pulled out, which avoids the
// cancellation of sigmoid(x) - 1 at large x. A zero coefficient times an infinite logit counts as 0.
struct BceWithLogits {
    __device__ static double eval(float x, float y, float p, double* grad) {
        float c = p * y + 1.0f - y;
        float loss, g;
        if (x >= 0.0f) {
            float e = expf(-x);
            loss = fg_timesf(1.0f - y, x) + c * log1pf(e);
            g = ((1.0f - y) - p * y * e) / (1.0f + e);
        } else if (x < 0.0f) {
            float e = expf(x);
            loss = fg_timesf(-(p * y), x) + c * log1pf(e);
            g = ((1.0f - y) * e - p * y) / (1.0f + e);
        } else {
            loss = NAN;
            g = NAN;
        }
        *grad = g;
        return loss;
    }
};

// reference: CpuLosses.elementLoss SQUARED_ERROR (double, as the CPU)
struct SquaredError {
    __device__ static double eval(float x, float y, float, double* grad) {
        double d = (double)x - y;
        *grad = 2.0 * d;
        return d * d;
    }
};

// reference: CpuLosses.elementLoss ABSOLUTE_ERROR (double; Math.signum keeps the sign of zero)
struct AbsoluteError {
    __device__ static double eval(float x, float y, float, double* grad) {
        double d = (double)x - y;
        *grad = isnan(d) ? NAN : (d > 0.0 ? 1.0 : (d < 0.0 ? -1.0 : d));
        return fabs(d);
    }
};

// reference: CpuLosses.elementLoss HINGE (double)
struct Hinge {
    __device__ static double eval(float x, float y, float, double* grad) {
        double margin = 1.0 - (double)y * x;
        *grad = isnan(margin) ? NAN : (margin > 0.0 ? -(double)y : 0.0);
        return isnan(margin) ? NAN : fmax(0.0, margin);
    }
};

// reference: CpuLosses.elementLoss LINEAR (double)
struct Linear {
    __device__ static double eval(float x, float y, float, double* grad) {
        *grad = isnan(x) ? NAN : -(double)y;
        return fg_times(-(double)y, (double)x);
    }
};

// One element, shared by versions 2 and 3: the smoothed target y, weight w (1 when there is none), the
// weighted unscaled loss returned (for the partial sum), the scaled element loss and the gradient (times
// grad_factor) written to *loss_out and *grad_out. The epilogue runs in double and rounds once, like the CPU.
template <typename Loss>
__device__ inline double fg_loss_element(float xi, float y, double w, float pos_weight, float scale, double grad_factor,
                                         float* loss_out, float* grad_out) {
    double g;
    double l = fg_times(w, Loss::eval(xi, y, pos_weight, &g));
    *loss_out = (float)((double)scale * l);
    *grad_out = (float)(grad_factor * fg_times(w, g));
    return l;
}

// Element i read and written through the pointers, added to this thread's *sum and *nans (version 2's loop
// body, version 3's tail).
template <typename Loss>
__device__ inline void fg_loss_at(long long i, const float* __restrict__ x, const float* __restrict__ target,
                                  float scalar_target, const float* __restrict__ weight, float pos_weight,
                                  float smooth_amount, int smooth_two_sided, float scale, double grad_factor,
                                  float* __restrict__ grad, float* __restrict__ elem_loss, double* sum,
                                  unsigned long long* nans) {
    float xi = x[i];
    if (isnan(xi)) (*nans)++;
    float y = fg_target(target, scalar_target, i, smooth_amount, smooth_two_sided);
    double w = weight != nullptr ? (double)weight[i] : 1.0;
    float li, gi;
    *sum += fg_loss_element<Loss>(xi, y, w, pos_weight, scale, grad_factor, &li, &gi);
    if (elem_loss != nullptr) elem_loss[i] = li;
    if (grad != nullptr) grad[i] = gi;
}

// The block's partial sum and NaN count, written by thread 0 (every loss kernel ends with this).
__device__ inline void fg_write_partials(double sum, unsigned long long nans, double* __restrict__ partial_sums,
                                         unsigned long long* __restrict__ partial_nans) {
    double block_sum = fg_block_sum(sum);
    unsigned long long block_nans = fg_block_count(nans);
    if (threadIdx.x == 0) {
        partial_sums[blockIdx.x] = block_sum;
        partial_nans[blockIdx.x] = block_nans;
    }
}

// Version 2: one element per thread per iteration, then the block partials.
template <typename Loss>
__device__ void fg_loss(const float* __restrict__ x, const float* __restrict__ target, float scalar_target,
                        const float* __restrict__ weight, float pos_weight, float smooth_amount, int smooth_two_sided,
                        float scale, double grad_factor, float* __restrict__ grad, float* __restrict__ elem_loss,
                        int n, double* __restrict__ partial_sums, unsigned long long* __restrict__ partial_nans) {
    double sum = 0.0;
    unsigned long long nans = 0;
    FG_FOR_EACH(i, n) {
        fg_loss_at<Loss>(i, x, target, scalar_target, weight, pos_weight, smooth_amount, smooth_two_sided, scale,
                         grad_factor, grad, elem_loss, &sum, &nans);
    }
    fg_write_partials(sum, nans, partial_sums, partial_nans);
}

// Version 3: groups of 4 elements through float4, then the n % 4 tail one element at a time (the first
// threads of the grid take it), then the block partials. Every pointer that is not null is 16-byte aligned.
template <typename Loss>
__device__ void fg_loss_v3(const float* __restrict__ x, const float* __restrict__ target, float scalar_target,
                           const float* __restrict__ weight, float pos_weight, float smooth_amount, int smooth_two_sided,
                           float scale, double grad_factor, float* __restrict__ grad, float* __restrict__ elem_loss,
                           int n, double* __restrict__ partial_sums, unsigned long long* __restrict__ partial_nans) {
    double sum = 0.0;
    unsigned long long nans = 0;
    long long groups = n / 4;
    FG_FOR_EACH(j, groups) {
        float4 x4 = reinterpret_cast<const float4*>(x)[j];
        float4 t4 = target != nullptr ? reinterpret_cast<const float4*>(target)[j]
                                      : make_float4(scalar_target, scalar_target, scalar_target, scalar_target);
        float4 w4 = weight != nullptr ? reinterpret_cast<const float4*>(weight)[j] : make_float4(1.0f, 1.0f, 1.0f, 1.0f);
        float xs[4] = {x4.x, x4.y, x4.z, x4.w}, ts[4] = {t4.x, t4.y, t4.z, t4.w}, ws[4] = {w4.x, w4.y, w4.z, w4.w};
        float ls[4], gs[4];
#pragma unroll
        for (int k = 0; k < 4; k++) {
            if (isnan(xs[k])) nans++;
            float y = fg_smooth(ts[k], smooth_amount, smooth_two_sided);
            // weight null: w = 1.0 exactly as in version 2 (the float 1.0f widens to the double 1.0)
            sum += fg_loss_element<Loss>(xs[k], y, (double)ws[k], pos_weight, scale, grad_factor, &ls[k], &gs[k]);
        }
        if (elem_loss != nullptr) reinterpret_cast<float4*>(elem_loss)[j] = make_float4(ls[0], ls[1], ls[2], ls[3]);
        if (grad != nullptr) reinterpret_cast<float4*>(grad)[j] = make_float4(gs[0], gs[1], gs[2], gs[3]);
    }
    long long tail = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (tail < n % 4) {
        fg_loss_at<Loss>(4 * groups + tail, x, target, scalar_target, weight, pos_weight, smooth_amount, smooth_two_sided,
                         scale, grad_factor, grad, elem_loss, &sum, &nans);
    }
    fg_write_partials(sum, nans, partial_sums, partial_nans);
}

#define FG_LOSS_KERNEL(name, Loss)                                                                              \
    extern "C" __global__ void name(const float* x, const float* target, float scalar_target, const float* weight, \
                                    float pos_weight, float smooth_amount, int smooth_two_sided, float scale,       \
                                    double grad_factor, float* grad, float* elem_loss, int n,                       \
                                    double* partial_sums, unsigned long long* partial_nans) {                       \
        fg_loss<Loss>(x, target, scalar_target, weight, pos_weight, smooth_amount, smooth_two_sided, scale,         \
                      grad_factor, grad, elem_loss, n, partial_sums, partial_nans);                                 \
    }

#define FG_LOSS_KERNEL_V3(name, Loss)                                                                           \
    extern "C" __global__ void name(const float* x, const float* target, float scalar_target, const float* weight, \
                                    float pos_weight, float smooth_amount, int smooth_two_sided, float scale,       \
                                    double grad_factor, float* grad, float* elem_loss, int n,                       \
                                    double* partial_sums, unsigned long long* partial_nans) {                       \
        fg_loss_v3<Loss>(x, target, scalar_target, weight, pos_weight, smooth_amount, smooth_two_sided, scale,      \
                         grad_factor, grad, elem_loss, n, partial_sums, partial_nans);                              \
    }

FG_LOSS_KERNEL(loss_bce_with_logits, BceWithLogits)
FG_LOSS_KERNEL(loss_squared_error, SquaredError)
FG_LOSS_KERNEL(loss_absolute_error, AbsoluteError)
FG_LOSS_KERNEL(loss_hinge, Hinge)
FG_LOSS_KERNEL(loss_linear, Linear)
FG_LOSS_KERNEL_V3(loss_bce_with_logits_v3, BceWithLogits)
FG_LOSS_KERNEL_V3(loss_squared_error_v3, SquaredError)
FG_LOSS_KERNEL_V3(loss_absolute_error_v3, AbsoluteError)
FG_LOSS_KERNEL_V3(loss_hinge_v3, Hinge)
FG_LOSS_KERNEL_V3(loss_linear_v3, Linear)

// ---- version 1: the unfused chain (reference: CpuLosses.bceUnfused), float32 step by step ----------------
// Transcendentals are evaluated in double and rounded to float, as the CPU does with (float) Math.exp, so
// both backends round the chain identically; what this version shows is the float32 chain's own loss of
// accuracy (q rounds to 0 or 1 once |x| > ~17), not library differences.

// step 1: x (n) -> q (n) = sigmoid(x), the naive way
extern "C" __global__ void bce_unfused_sigmoid(const float* __restrict__ x, float* __restrict__ q, int n) {
    FG_FOR_EACH(i, n) q[i] = 1.0f / (1.0f + (float)exp((double)(-x[i])));
}

// step 2: q (n) -> loss on probabilities with PyTorch's log clamp at -100; same arguments and partials as the
// fused kernels (x is read only to count NaN inputs), but no gradient
extern "C" __global__ void bce_unfused_loss(const float* __restrict__ x, const float* __restrict__ q,
                                            const float* __restrict__ target, float scalar_target,
                                            const float* __restrict__ weight, float p, float smooth_amount,
                                            int smooth_two_sided, float scale, float* __restrict__ elem_loss, int n,
                                            double* __restrict__ partial_sums, unsigned long long* __restrict__ partial_nans) {
    double sum = 0.0;
    unsigned long long nans = 0;
    FG_FOR_EACH(i, n) {
        if (isnan(x[i])) nans++;
        float y = fg_target(target, scalar_target, i, smooth_amount, smooth_two_sided);
        float qi = q[i];
        float log_q = fg_max_nan((float)log((double)qi), -100.0f);
        float log_1mq = fg_max_nan((float)log((double)(1.0f - qi)), -100.0f);
        float loss = -(p * y * log_q + (1.0f - y) * log_1mq);
        double w = weight != nullptr ? (double)weight[i] : 1.0;
        double l = fg_times(w, loss);
        sum += l;
        if (elem_loss != nullptr) elem_loss[i] = (float)((double)scale * l);
    }
    fg_write_partials(sum, nans, partial_sums, partial_nans);
}

// step 3 (step 4 is reduce_partials): the separate backward pass, dL/dq = (c q - p y) / max(q (1-q), 1e-12)
// times dq/dx = q (1-q), then weight and grad_factor
extern "C" __global__ void bce_unfused_grad(const float* __restrict__ q, const float* __restrict__ target, float scalar_target,
                                            const float* __restrict__ weight, float p, float smooth_amount,
                                            int smooth_two_sided, double grad_factor, float* __restrict__ grad, int n) {
    FG_FOR_EACH(i, n) {
        float y = fg_target(target, scalar_target, i, smooth_amount, smooth_two_sided);
        float qi = q[i];
        float c = p * y + 1.0f - y;
        float dq = (c * qi - p * y) / fg_max_nan(qi * (1.0f - qi), 1e-12f);
        float g = dq * (qi * (1.0f - qi));
        double w = weight != nullptr ? (double)weight[i] : 1.0;
        grad[i] = (float)(grad_factor * fg_times(w, g));
    }
}
