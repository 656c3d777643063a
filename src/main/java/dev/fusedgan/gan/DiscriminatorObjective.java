package dev.fusedgan.gan;

/**
 * What the discriminator minimises over its logits on a real and a fake batch; the exact formulas are
 * in {@link Objectives#discriminator}.
 */
public enum DiscriminatorObjective {
    /** Sigmoid cross-entropy with logits: real labelled 1, fake labelled 0, each half of the loss. */
    CROSS_ENTROPY,
    /** 0.5 mean (D(x) - 1)^2 + 0.5 mean D(G(z))^2 on the raw output (LSGAN). */
    LEAST_SQUARES,
    /** mean relu(1 - D(x)) + mean relu(1 + D(G(z))). */
    HINGE
}
