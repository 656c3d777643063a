package dev.fusedgan.loss;

import dev.fusedgan.tensor.Tensor;

/**
 * Options shared by every loss.
 *
 * @param weight    per-element weight tensor of the input's shape, or null for none
 * @param posWeight weight of the positive term (the log sigmoid(x) term) of the cross-entropies; 1 = none.
 *                  Correct for soft targets: only the y log sigmoid(x) part is scaled.
 * @param smoothing label smoothing applied to the target first
 * @param reduction none, mean or sum
 * @param scale     multiplies the returned loss and the gradient (the upstream gradient dL/dloss),
 *                  e.g. -1 for the minimax generator, 1/2 for LSGAN
 */
public record LossOptions(Tensor weight, float posWeight, LabelSmoothing smoothing, Reduction reduction, float scale) {
    public static final LossOptions MEAN = new LossOptions(null, 1f, LabelSmoothing.NONE, Reduction.MEAN, 1f);

    public LossOptions {
        if (!(posWeight > 0) || !Float.isFinite(posWeight)) throw new IllegalArgumentException("pos_weight must be finite and > 0, got " + posWeight);
        if (smoothing == null) throw new IllegalArgumentException("label smoothing is null (use LabelSmoothing.NONE)");
        if (reduction == null) throw new IllegalArgumentException("reduction is null");
        if (!Float.isFinite(scale)) throw new IllegalArgumentException("loss scale must be finite, got " + scale);
    }

    /** What the gradient and the reduced value are multiplied by: scale, times 1/n for the mean. */
    public double factor(int n) {
        return scale * (reduction == Reduction.MEAN ? 1.0 / n : 1.0);
    }

    public LossOptions withWeight(Tensor w) { return new LossOptions(w, posWeight, smoothing, reduction, scale); }

    public LossOptions withPosWeight(float p) { return new LossOptions(weight, p, smoothing, reduction, scale); }

    public LossOptions withSmoothing(LabelSmoothing s) { return new LossOptions(weight, posWeight, s, reduction, scale); }

    public LossOptions withReduction(Reduction r) { return new LossOptions(weight, posWeight, smoothing, r, scale); }

    public LossOptions withScale(float s) { return new LossOptions(weight, posWeight, smoothing, reduction, s); }
}
