// Pointwise losses with their gradients. reference: CpuBackend.loss and CpuLosses (the per-element formulas).
//
// Sigmoid cross-entropy has two rival kernels, chosen by the caller (LossFunction.BCE_UNFUSED vs BCE_WITH_LOGITS):
// version 1: unfused chain, 4 launches (bce_unfused_sigmoid, bce_unfused_loss on probabilities with the log
//            clamp, bce_unfused_grad, reduce_partials), float32 step by step like CpuLosses.bceUnfused
// version 2: fused loss+gradient, one pass (loss_bce_with_logits), two-stage deterministic reduction
//            (per-block partials here, reduce_partials in reductions.cu)
// The other losses (squared, absolute, hinge, linear) have one kernel each, of the version-2 shape.
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

// Shared epilogue: weight, element loss (scaled), gradient (times grad_factor), and the block partials.
template <typename Loss>
__device__ void fg_loss(const float* __restrict__ x, const float* __restrict__ target, float scalar_target,
                        const float* __restrict__ weight, float pos_weight, float smooth_amount, int smooth_two_sided,
                        float scale, double grad_factor, float* __restrict__ grad, float* __restrict__ elem_loss,
                        int n, double* __restrict__ partial_sums, unsigned long long* __restrict__ partial_nans) {
    double sum = 0.0;
    unsigned long long nans = 0;
    FG_FOR_EACH(i, n) {
        float xi = x[i];
        if (isnan(xi)) nans++;
        float y = fg_target(target, scalar_target, i, smooth_amount, smooth_two_sided);
        double w = weight != nullptr ? (double)weight[i] : 1.0;
        double g;
        double l = fg_times(w, Loss::eval(xi, y, pos_weight, &g));
        sum += l;
        if (elem_loss != nullptr) elem_loss[i] = (float)((double)scale * l);
        if (grad != nullptr) grad[i] = (float)(grad_factor * fg_times(w, g));
    }
    double block_sum = fg_block_sum(sum);
    unsigned long long block_nans = fg_block_count(nans);
    if (threadIdx.x == 0) {
        partial_sums[blockIdx.x] = block_sum;
        partial_nans[blockIdx.x] = block_nans;
    }
}

#define FG_LOSS_KERNEL(name, Loss)                                                                              \
    extern "C" __global__ void name(const float* x, const float* target, float scalar_target, const float* weight, \
                                    float pos_weight, float smooth_amount, int smooth_two_sided, float scale,       \
                                    double grad_factor, float* grad, float* elem_loss, int n,                       \
                                    double* partial_sums, unsigned long long* partial_nans) {                       \
        fg_loss<Loss>(x, target, scalar_target, weight, pos_weight, smooth_amount, smooth_two_sided, scale,         \
                      grad_factor, grad, elem_loss, n, partial_sums, partial_nans);                                 \
    }

FG_LOSS_KERNEL(loss_bce_with_logits, BceWithLogits)
FG_LOSS_KERNEL(loss_squared_error, SquaredError)
FG_LOSS_KERNEL(loss_absolute_error, AbsoluteError)
FG_LOSS_KERNEL(loss_hinge, Hinge)
FG_LOSS_KERNEL(loss_linear, Linear)

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
    double block_sum = fg_block_sum(sum);
    unsigned long long block_nans = fg_block_count(nans);
    if (threadIdx.x == 0) {
        partial_sums[blockIdx.x] = block_sum;
        partial_nans[blockIdx.x] = block_nans;
    }
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
