package dev.fusedgan.cpu;

import dev.fusedgan.loss.LossFunction;

/**
 * The per-element formulas of every {@link LossFunction}, as the CPU reference computes them. The
 * stable forms run in double and are rounded once to float; the unfused chain deliberately runs in
 * float32, step by step, the way the textbook chain does on a GPU, so that its loss of accuracy shows.
 * Each returns the unweighted, unscaled loss and writes dL/dx to {@code grad[0]}.
 */
final class CpuLosses {
    private CpuLosses() {}

    /** PyTorch's BCELoss clamps log at -100 so that log(0) does not give an infinite loss. */
    static final float LOG_CLAMP = -100f;
    /** PyTorch's BCELoss backward divides by max(q (1-q), 1e-12). */
    static final float GRAD_EPS = 1e-12f;

    static double elementLoss(LossFunction fn, float x, float y, float posWeight, double[] grad) {
        return switch (fn) {
            case BCE_WITH_LOGITS -> bceWithLogits(x, y, posWeight, grad);
            case BCE_UNFUSED -> bceUnfused(x, y, posWeight, grad);
            case SQUARED_ERROR -> {
                double d = (double) x - y;
                grad[0] = 2 * d;
                yield d * d;
            }
            case ABSOLUTE_ERROR -> {
                double d = (double) x - y;
                grad[0] = Double.isNaN(d) ? Double.NaN : Math.signum(d);
                yield Math.abs(d);
            }
            case HINGE -> {
                double margin = 1 - (double) y * x;
                grad[0] = Double.isNaN(margin) ? Double.NaN : (margin > 0 ? -y : 0);
                yield Double.isNaN(margin) ? Double.NaN : Math.max(0, margin);
            }
            case LINEAR -> {
                grad[0] = Float.isNaN(x) ? Double.NaN : -y;
                yield times(-y, x);
            }
        };
    }

    /**
     * Fused, stable sigmoid cross-entropy with logits. With c = p y + 1 - y:
     * x &ge; 0: (1-y) x + c log1p(e^-x); x &lt; 0: -p y x + c log1p(e^x); gradient c sigmoid(x) - p y.
     * No exp overflows on either side, and a zero coefficient times an infinite logit counts as 0, so
     * x = +-inf gives the finite limit where one exists (e.g. loss 0 for x = +inf, y = 1).
     * The gradient is evaluated as (1-y) sigmoid(x) - p y sigmoid(-x), which equals c sigmoid(x) - p y but
     * does not subtract from 1: for y = 1 and x = 40 the latter gives 0 in double instead of -4.2e-18.
     */
    static double bceWithLogits(float xf, float yf, float posWeight, double[] grad) {
        double x = xf, y = yf, p = posWeight;
        double c = p * y + 1 - y;
        grad[0] = (1 - y) * sigmoid(x) - p * y * sigmoid(-x);
        if (x >= 0) return times(1 - y, x) + c * Math.log1p(Math.exp(-x));
        if (x < 0) return times(-p * y, x) + c * Math.log1p(Math.exp(x));
        return Double.NaN;
    }

    /** sigmoid(x) without overflow: 1/(1+e^-x) for x &ge; 0, e^x/(1+e^x) for x &lt; 0. */
    static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * The textbook chain in float32: q = 1/(1+e^-x); loss = -(p y max(log q, -100) + (1-y) max(log(1-q), -100));
     * then the backward pass dL/dq = (c q - p y) / max(q (1-q), 1e-12) and dL/dx = dL/dq * q (1-q).
     * From x ~ 16.6 q rounds to exactly 1 (y = 0: loss stuck at 100, gradient 0 where it should be 1);
     * below x ~ -27.6 the 1e-12 clamp shrinks the gradient by q/1e-12, and below x ~ -88.7 q underflows to 0
     * (y = 1: loss stuck at 100, gradient 0 where it should be -1).
     */
    static double bceUnfused(float x, float y, float p, double[] grad) {
        float q = 1f / (1f + (float) Math.exp(-x));
        float logQ = Math.max((float) Math.log(q), LOG_CLAMP);
        float log1mQ = Math.max((float) Math.log(1f - q), LOG_CLAMP);
        float loss = -(p * y * logQ + (1f - y) * log1mQ);
        float c = p * y + 1f - y;
        float dq = (c * q - p * y) / Math.max(q * (1f - q), GRAD_EPS);
        grad[0] = dq * (q * (1f - q));
        return loss;
    }

    /** a * b, except that a zero coefficient gives 0 even for an infinite b (the limit the formulas want). */
    static double times(double a, double b) {
        return a == 0 && !Double.isNaN(b) ? 0 : a * b;
    }
}
