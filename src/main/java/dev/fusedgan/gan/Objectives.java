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
        Now now = new Now(be);
        generator(now, o, bce, fakeLogits, dFake);
        return now.total();
    }

    /**
     * {@link #generator(Backend, GeneratorObjective, LossFunction, Tensor, Tensor)} without a host sync: the loss
     * goes to {@code result} (1 x 2: value, NaN count) on the device, as {@link Backend#lossInto} writes it.
     */
    public static void generatorInto(Backend be, GeneratorObjective o, LossFunction bce, Tensor fakeLogits, Tensor dFake,
                                     Tensor result) {
        generator(new Into(be, result, 1), o, bce, fakeLogits, dFake);
    }

    private static void generator(Terms terms, GeneratorObjective o, LossFunction bce, Tensor fakeLogits, Tensor dFake) {
        checkBce(bce);
        switch (o) {
            case NON_SATURATING -> terms.add(bce, fakeLogits, Target.scalar(1f), LossOptions.MEAN, dFake);
            case MINIMAX -> terms.add(bce, fakeLogits, Target.scalar(0f), LossOptions.MEAN.withScale(-1f), dFake);
            case LEAST_SQUARES -> terms.add(LossFunction.SQUARED_ERROR, fakeLogits, Target.scalar(1f),
                    LossOptions.MEAN.withScale(0.5f), dFake);
            case HINGE -> terms.add(LossFunction.LINEAR, fakeLogits, Target.scalar(1f), LossOptions.MEAN, dFake);
            case FEATURE_MATCHING, PIXEL_MSE, PIXEL_MAE -> throw new IllegalArgumentException(
                    o + " is not a function of D's logit (see FeatureMatching and Trainer)");
        }
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
        Now now = new Now(be);
        discriminator(now, o, bce, realLogits, fakeLogits, dReal, dFake, smoothing);
        return now.total();
    }

    /**
     * {@link #discriminator(Backend, DiscriminatorObjective, LossFunction, Tensor, Tensor, Tensor, Tensor, LabelSmoothing)}
     * without a host sync: the real batch's term goes to row 0 of {@code result} (2 x 2: value, NaN count per
     * row) and the fake batch's to row 1, on the device; {@link #total} adds them up once downloaded.
     */
    public static void discriminatorInto(Backend be, DiscriminatorObjective o, LossFunction bce, Tensor realLogits,
                                         Tensor fakeLogits, Tensor dReal, Tensor dFake, LabelSmoothing smoothing, Tensor result) {
        discriminator(new Into(be, result, 2), o, bce, realLogits, fakeLogits, dReal, dFake, smoothing);
    }

    private static void discriminator(Terms terms, DiscriminatorObjective o, LossFunction bce, Tensor realLogits,
                                      Tensor fakeLogits, Tensor dReal, Tensor dFake, LabelSmoothing smoothing) {
        checkBce(bce);
        LabelSmoothing realSmoothing = smoothing == null ? LabelSmoothing.NONE : smoothing;
        LabelSmoothing fakeSmoothing = realSmoothing.twoSided() ? realSmoothing : LabelSmoothing.NONE;
        LossOptions half = LossOptions.MEAN.withScale(0.5f);
        switch (o) {
            case CROSS_ENTROPY -> {
                terms.add(bce, realLogits, Target.scalar(1f), half.withSmoothing(realSmoothing), dReal);
                terms.add(bce, fakeLogits, Target.scalar(0f), half.withSmoothing(fakeSmoothing), dFake);
            }
            case LEAST_SQUARES -> {
                terms.add(LossFunction.SQUARED_ERROR, realLogits, Target.scalar(1f), half.withSmoothing(realSmoothing), dReal);
                terms.add(LossFunction.SQUARED_ERROR, fakeLogits, Target.scalar(0f), half.withSmoothing(fakeSmoothing), dFake);
            }
            case HINGE -> {
                if (realSmoothing.amount() != 0f) {
                    throw new IllegalArgumentException("label smoothing does not apply to the hinge discriminator loss");
                }
                terms.add(LossFunction.HINGE, realLogits, Target.scalar(1f), LossOptions.MEAN, dReal);
                terms.add(LossFunction.HINGE, fakeLogits, Target.scalar(-1f), LossOptions.MEAN, dFake);
            }
        }
    }

    /**
     * The loss an objective wrote with {@link #generatorInto} or {@link #discriminatorInto}, from its downloaded
     * rows (value, NaN count per term): the terms' values added in order as floats, as the host-side objectives
     * add them, so it is bitwise their value.
     */
    public static LossResult total(float[] rows) {
        if (rows.length % 2 != 0) throw new IllegalArgumentException("loss rows come in (value, NaN count) pairs, got " + rows.length + " floats");
        float value = rows.length == 0 ? 0 : rows[0];
        long nans = 0;
        for (int i = 0; i < rows.length; i += 2) {
            if (i > 0) value += rows[i];
            nans += (long) rows[i + 1];
        }
        return new LossResult(value, nans);
    }

    /** Where an objective's loss terms go: the one place the two ways of computing them differ. */
    private interface Terms {
        void add(LossFunction fn, Tensor logits, Target target, LossOptions options, Tensor grad);
    }

    /** Each term computed now ({@link Backend#loss}: its value comes back to the host), the values added up. */
    private static final class Now implements Terms {
        private final Backend be;
        private float value;
        private long nans;
        private int terms;

        Now(Backend be) { this.be = be; }

        @Override
        public void add(LossFunction fn, Tensor logits, Target target, LossOptions options, Tensor grad) {
            LossResult r = be.loss(fn, logits, target, options, grad, null);
            value = terms == 0 ? r.value() : value + r.value();
            nans += r.nanInputs();
            terms++;
        }

        LossResult total() { return new LossResult(value, nans); }
    }

    /** Term i written to row i of a (terms x 2) result tensor on the device ({@link Backend#lossInto}). */
    private static final class Into implements Terms {
        private final Backend be;
        private final Tensor result;
        private int next;

        Into(Backend be, Tensor result, int terms) {
            if (result == null || result.rows() != terms || result.cols() != 2) {
                throw new IllegalArgumentException("the loss result must be " + terms + " x 2 (value, NaN count per term), got "
                        + (result == null ? "null" : result.shape()));
            }
            this.be = be;
            this.result = result;
        }

        @Override
        public void add(LossFunction fn, Tensor logits, Target target, LossOptions options, Tensor grad) {
            be.lossInto(fn, logits, target, options, grad, null, result.rowSlice(next, next + 1));
            next++;
        }
    }

    private static void checkBce(LossFunction bce) {
        if (bce == null || !bce.isCrossEntropy()) {
            throw new IllegalArgumentException("the GAN cross-entropy must be BCE_WITH_LOGITS or BCE_UNFUSED, got " + bce);
        }
    }
}
