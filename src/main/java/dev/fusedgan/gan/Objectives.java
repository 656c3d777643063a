package dev.fusedgan.gan;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;

/**
 * The GAN objectives as calls to {@link Backend#loss}, so the same code runs on every backend. Logits are
 * m x 1 (one per sample); gradients are dL/dlogit of the same shape, already divided by m. softplus(x) =
 * log(1 + e^x), and BCE_mean(l, y) = 1/m sum [softplus(l) - y l], so BCE_mean(l, 1) = 1/m sum softplus(-l)
 * and BCE_mean(l, 0) = 1/m sum softplus(l).
 *
 * <p>The cross-entropy objectives use the fused, stable {@link LossFunction#BCE_WITH_LOGITS} unless the
 * caller picks {@link LossFunction#BCE_UNFUSED} (the textbook sigmoid-then-log chain) to compare.
 */
public final class Objectives {
    private Objectives() {}

    /** G loss over fake logits (mean over the batch); writes dL/dlogit into dFake. Fused BCE. */
    public static LossResult generator(Backend be, GeneratorObjective o, Tensor fakeLogits, Tensor dFake) {
        return generator(be, o, LossFunction.BCE_WITH_LOGITS, fakeLogits, dFake);
    }

    /**
     * G loss with the cross-entropy computed by {@code bce} (fused or unfused):
     * <ul>
     * <li>NON_SATURATING: G = 1/m sum softplus(-l_fake) = BCE_mean(l_fake, 1).</li>
     * <li>MINIMAX: minimise 1/m sum log(1 - D(G(z))) = -1/m sum softplus(l_fake) = -BCE_mean(l_fake, 0)
     *     (scale -1). Its gradient dG/dl = -sigmoid(l_fake)/m vanishes as D(G(z)) goes to 0: the
     *     saturation the original paper warns about.</li>
     * <li>LEAST_SQUARES: G = 0.5 mean (l_fake - 1)^2 (SQUARED_ERROR, target 1, scale 0.5).</li>
     * <li>HINGE: G = -mean l_fake (LINEAR, target 1).</li>
     * </ul>
     */
    public static LossResult generator(Backend be, GeneratorObjective o, LossFunction bce, Tensor fakeLogits, Tensor dFake) {
        checkBce(bce);
        return switch (o) {
            case NON_SATURATING -> be.loss(bce, fakeLogits, Target.scalar(1f), LossOptions.MEAN, dFake, null);
            case MINIMAX -> be.loss(bce, fakeLogits, Target.scalar(0f), LossOptions.MEAN.withScale(-1f), dFake, null);
            case LEAST_SQUARES -> be.loss(LossFunction.SQUARED_ERROR, fakeLogits, Target.scalar(1f),
                    LossOptions.MEAN.withScale(0.5f), dFake, null);
            case HINGE -> be.loss(LossFunction.LINEAR, fakeLogits, Target.scalar(1f), LossOptions.MEAN, dFake, null);
            case FEATURE_MATCHING, PIXEL_MSE, PIXEL_MAE -> throw new IllegalArgumentException(
                    o + " is not a function of D's logit (see FeatureMatching and Trainer)");
        };
    }

    /** D loss; writes dL/dlogit for the real and the fake batch. Fused BCE. */
    public static LossResult discriminator(Backend be, DiscriminatorObjective o, Tensor realLogits, Tensor fakeLogits,
                                           Tensor dReal, Tensor dFake, LabelSmoothing smoothing) {
        return discriminator(be, o, LossFunction.BCE_WITH_LOGITS, realLogits, fakeLogits, dReal, dFake, smoothing);
    }

    /**
     * D loss with the cross-entropy computed by {@code bce}. The real and the fake batch each contribute
     * half of a two-class mean:
     * <ul>
     * <li>CROSS_ENTROPY: D = 1/(2m) sum [softplus(l_fake) + softplus(-l_real)]
     *     = 0.5 BCE_mean(l_real, 1) + 0.5 BCE_mean(l_fake, 0) (scale 0.5 each).</li>
     * <li>LEAST_SQUARES: D = 0.5 mean (l_real - 1)^2 + 0.5 mean l_fake^2 (SQUARED_ERROR, scale 0.5 each).</li>
     * <li>HINGE: D = mean relu(1 - l_real) + mean relu(1 + l_fake) (HINGE with targets +1 and -1).</li>
     * </ul>
     * Label smoothing applies to the real target (1 becomes 1 - amount); a two-sided smoothing also moves
     * the fake target (0 becomes amount / 2). The hinge targets are signs, not labels, so HINGE refuses
     * smoothing.
     */
    public static LossResult discriminator(Backend be, DiscriminatorObjective o, LossFunction bce, Tensor realLogits,
                                           Tensor fakeLogits, Tensor dReal, Tensor dFake, LabelSmoothing smoothing) {
        checkBce(bce);
        LabelSmoothing realSmoothing = smoothing == null ? LabelSmoothing.NONE : smoothing;
        LabelSmoothing fakeSmoothing = realSmoothing.twoSided() ? realSmoothing : LabelSmoothing.NONE;
        LossOptions half = LossOptions.MEAN.withScale(0.5f);
        return switch (o) {
            case CROSS_ENTROPY -> sum(
                    be.loss(bce, realLogits, Target.scalar(1f), half.withSmoothing(realSmoothing), dReal, null),
                    be.loss(bce, fakeLogits, Target.scalar(0f), half.withSmoothing(fakeSmoothing), dFake, null));
            case LEAST_SQUARES -> sum(
                    be.loss(LossFunction.SQUARED_ERROR, realLogits, Target.scalar(1f), half.withSmoothing(realSmoothing), dReal, null),
                    be.loss(LossFunction.SQUARED_ERROR, fakeLogits, Target.scalar(0f), half.withSmoothing(fakeSmoothing), dFake, null));
            case HINGE -> {
                if (realSmoothing.amount() != 0f) {
                    throw new IllegalArgumentException("label smoothing does not apply to the hinge discriminator loss");
                }
                yield sum(
                        be.loss(LossFunction.HINGE, realLogits, Target.scalar(1f), LossOptions.MEAN, dReal, null),
                        be.loss(LossFunction.HINGE, fakeLogits, Target.scalar(-1f), LossOptions.MEAN, dFake, null));
            }
        };
    }

    private static LossResult sum(LossResult real, LossResult fake) {
        return new LossResult(real.value() + fake.value(), real.nanInputs() + fake.nanInputs());
    }

    private static void checkBce(LossFunction bce) {
        if (bce == null || !bce.isCrossEntropy()) {
            throw new IllegalArgumentException("the GAN cross-entropy must be BCE_WITH_LOGITS or BCE_UNFUSED, got " + bce);
        }
    }
}
