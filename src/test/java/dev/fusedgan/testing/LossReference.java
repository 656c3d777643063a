package dev.fusedgan.testing;

import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;

/**
 * Float64 reference formulas for the pointwise losses, written independently of the backends: the
 * cross-entropy in the log-sigmoid form -[p y log sigmoid(x) + (1-y) log sigmoid(-x)] and its gradient
 * (1-y) sigmoid(x) - p y sigmoid(-x), in which neither term cancels against 1. Losses and gradients are
 * per element, unweighted and unscaled.
 */
public final class LossReference {
    private LossReference() {}

    /**
     * Label smoothing as documented on {@link LabelSmoothing}, in float32 because the contract says every
     * backend smooths in float32 (so the reference sees the same target the backend does).
     */
    public static float smooth(float y, LabelSmoothing s) {
        float a = s.amount();
        if (a == 0f) return y;
        return s.twoSided() ? y * (1f - a) + a * 0.5f : y * (1f - a);
    }

    /** log sigmoid(x) = -log(1 + e^-x), evaluated so that no exp overflows. */
    public static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    /** sigmoid via exp(log sigmoid): relative error about |x| * 2^-53 at worst, far below float32's. */
    public static double sigmoid(double x) {
        return Math.exp(logSigmoid(x));
    }

    /** -[p y log sigmoid(x) + (1-y) log sigmoid(-x)]; a zero coefficient drops its term even where the log is -inf. */
    public static double bceWithLogits(double x, double y, double p) {
        return -(term(p * y, logSigmoid(x)) + term(1 - y, logSigmoid(-x)));
    }

    /** d/dx of {@link #bceWithLogits}: (1-y) sigmoid(x) - p y sigmoid(-x). */
    public static double bceWithLogitsGradient(double x, double y, double p) {
        return (1 - y) * sigmoid(x) - p * y * sigmoid(-x);
    }

    /**
     * The magnitudes the gradient is a difference of, (1-y) sigmoid(x) + p y sigmoid(-x): a double
     * computation of the gradient can err by a few 2^-53 of this, which matters only near a zero of the
     * gradient (soft targets).
     */
    public static double bceGradientTerms(double x, double y, double p) {
        return Math.abs((1 - y) * sigmoid(x)) + Math.abs(p * y * sigmoid(-x));
    }

    /** The per-element loss of {@code fn} (not the unfused chain, whose float32 errors are its point). */
    public static double loss(LossFunction fn, double x, double y, double p) {
        return switch (fn) {
            case BCE_WITH_LOGITS -> bceWithLogits(x, y, p);
            case SQUARED_ERROR -> (x - y) * (x - y);
            case ABSOLUTE_ERROR -> Math.abs(x - y);
            case HINGE -> Double.isNaN(x) ? Double.NaN : Math.max(0, 1 - y * x);
            case LINEAR -> Double.isNaN(x) ? Double.NaN : term(-y, x);
            case BCE_UNFUSED -> throw new IllegalArgumentException("the unfused chain has no float64 reference");
        };
    }

    /** dL/dx of {@link #loss}. */
    public static double gradient(LossFunction fn, double x, double y, double p) {
        if (Double.isNaN(x)) return Double.NaN;
        return switch (fn) {
            case BCE_WITH_LOGITS -> bceWithLogitsGradient(x, y, p);
            case SQUARED_ERROR -> 2 * (x - y);
            case ABSOLUTE_ERROR -> x > y ? 1 : x < y ? -1 : 0;
            case HINGE -> 1 - y * x > 0 ? -y : 0;
            case LINEAR -> -y;
            case BCE_UNFUSED -> throw new IllegalArgumentException("the unfused chain has no float64 reference");
        };
    }

    /** Scale against which a double evaluation of the gradient can lose a few 2^-53 (see {@link #bceGradientTerms}). */
    public static double gradientTerms(LossFunction fn, double x, double y, double p) {
        return fn == LossFunction.BCE_WITH_LOGITS ? bceGradientTerms(x, y, p) : Math.abs(gradient(fn, x, y, p));
    }

    /** coefficient * value, where a zero coefficient contributes 0 even for an infinite value (the limit). */
    static double term(double coefficient, double value) {
        return coefficient == 0 && !Double.isNaN(value) ? 0 : coefficient * value;
    }
}
