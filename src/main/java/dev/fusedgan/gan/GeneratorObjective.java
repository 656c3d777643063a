package dev.fusedgan.gan;

/**
 * What the generator minimises over the discriminator's logits l = D(G(z)) of a fake batch of m;
 * the exact formulas are in {@link Objectives#generator}.
 */
public enum GeneratorObjective {
    /** 1/m sum softplus(-l) = -1/m sum log D(G(z)) (Goodfellow et al. 2014, the practical variant). */
    NON_SATURATING,
    /** 1/m sum log(1 - D(G(z))) = -1/m sum softplus(l): the original minimax game; saturates when D wins. */
    MINIMAX,
    /** 0.5 mean (l - 1)^2 on the raw output (LSGAN, Mao et al. 2017). */
    LEAST_SQUARES,
    /** -mean l (hinge GAN, Lim &amp; Ye 2017; Miyato et al. 2018). */
    HINGE
}
