package dev.fusedgan.loss;

/**
 * Label smoothing applied to the target before the loss: one-sided (Salimans et al. 2016, the usual GAN
 * practice) maps y to y (1 - amount), so 1 becomes 1 - amount and 0 stays 0; two-sided maps y to
 * y (1 - amount) + amount / 2, so 1 becomes 1 - amount/2 and 0 becomes amount/2.
 */
public record LabelSmoothing(float amount, boolean twoSided) {
    public static final LabelSmoothing NONE = new LabelSmoothing(0f, false);

    public LabelSmoothing {
        if (!(amount >= 0 && amount < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + amount);
        }
    }

    public static LabelSmoothing oneSided(float amount) { return new LabelSmoothing(amount, false); }

    public static LabelSmoothing twoSided(float amount) { return new LabelSmoothing(amount, true); }

    /** The smoothed target, computed in float32 exactly as every backend does. */
    public float apply(float y) {
        if (amount == 0f) return y;
        return twoSided ? y * (1f - amount) + amount * 0.5f : y * (1f - amount);
    }
}
