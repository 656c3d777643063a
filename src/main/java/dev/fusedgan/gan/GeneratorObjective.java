package dev.fusedgan.gan;

/**
 * What the generator minimises. The first four work on the discriminator's logits l = D(G(z)) of a fake
 * batch of m (formulas in {@link Objectives#generator}); {@link #FEATURE_MATCHING} works on D's last hidden
 * layer ({@link FeatureMatching}); the pixel losses compare G(z) with a data sample directly and involve no
 * discriminator at all (the foil that shows why a GAN needs one).
 */
public enum GeneratorObjective {
    /** 1/m sum softplus(-l) = -1/m sum log D(G(z)) (Goodfellow et al. 2014, the practical variant). */
    NON_SATURATING,
    /** 1/m sum log(1 - D(G(z))) = -1/m sum softplus(l): the original minimax game; saturates when D wins. */
    MINIMAX,
    /** 0.5 mean (l - 1)^2 on the raw output (LSGAN, Mao et al. 2017). */
    LEAST_SQUARES,
    /** -mean l (hinge GAN, Lim &amp; Ye 2017; Miyato et al. 2018). */
    HINGE,
    /** || mean_rows f(x_real) - mean_rows f(G(z)) ||^2, f = D's last hidden activation (Salimans et al. 2016). */
    FEATURE_MATCHING,
    /** mean (G(z) - x)^2 against a random data sample x; no discriminator. */
    PIXEL_MSE,
    /** mean |G(z) - x| against a random data sample x; no discriminator. */
    PIXEL_MAE;

    /** True for the objectives over D's logit, the ones {@link Objectives#generator} computes. */
    public boolean onLogits() {
        return this == NON_SATURATING || this == MINIMAX || this == LEAST_SQUARES || this == HINGE;
    }

    /** True for the pixel losses, which train G alone: D is neither used nor updated. */
    public boolean pixelLoss() {
        return this == PIXEL_MSE || this == PIXEL_MAE;
    }

    /**
     * The discriminator objective that pairs with this one when none is given: LSGAN with LSGAN, hinge with
     * hinge, cross-entropy otherwise (feature matching trains D as a classifier; the pixel losses ignore D).
     */
    public DiscriminatorObjective defaultDiscriminator() {
        return switch (this) {
            case LEAST_SQUARES -> DiscriminatorObjective.LEAST_SQUARES;
            case HINGE -> DiscriminatorObjective.HINGE;
            default -> DiscriminatorObjective.CROSS_ENTROPY;
        };
    }
}
