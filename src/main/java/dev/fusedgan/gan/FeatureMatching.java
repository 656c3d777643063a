package dev.fusedgan.gan;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Losses;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;

/**
 * The feature-matching generator loss (Salimans et al. 2016) over Backend operations only, so it runs on
 * every backend: with f the discriminator's last hidden activation on a real and a fake batch of m rows,
 * <pre>
 *   L = || mean_rows f(x) - mean_rows f(G(z)) ||^2
 *     = (1/m^2) sum_j (S_fake,j - S_real,j)^2,     S = sumRows(f)
 * </pre>
 * which is SQUARED_ERROR on S_fake with target S_real, reduction SUM, scale 1/m^2. Its gradient
 * dL/dS_fake = 2 (S_fake - S_real) / m^2 = 2 (mean_fake - mean_real) / m is also dL/df for every fake row
 * (S sums the rows with weight 1), so it is broadcast over the rows by a GEMM with a column of ones. The
 * real features are a constant target: no gradient flows into them.
 */
public final class FeatureMatching implements AutoCloseable {
    private final Backend be;
    private final int rows;
    private final Tensor realSum;
    private final Tensor fakeSum;
    private final Tensor sumGrad;
    private final Tensor ones;

    /** Buffers for batches of {@code rows} feature rows of width {@code features}. */
    public FeatureMatching(Backend be, int rows, int features) {
        this.be = be;
        this.rows = rows;
        realSum = be.allocate(1, features);
        fakeSum = be.allocate(1, features);
        sumGrad = be.allocate(1, features);
        ones = be.allocate(rows, 1);
        be.fill(ones, 1f);
    }

    /** The loss of fake features against real ones (both rows x features); writes dL/dfake into dFake. */
    public LossResult loss(Tensor realFeatures, Tensor fakeFeatures, Tensor dFake) {
        return apply(realFeatures, fakeFeatures, dFake, null);
    }

    /** {@link #loss} without a host wait: the loss goes to {@code result} (1 x 2: value, NaN count) on the device. */
    public void lossInto(Tensor realFeatures, Tensor fakeFeatures, Tensor dFake, Tensor result) {
        Losses.checkResult(LossFunction.SQUARED_ERROR, result);
        apply(realFeatures, fakeFeatures, dFake, result);
    }

    /** The loss returned (result null) or written to {@code result}; dL/dfake into dFake either way. */
    private LossResult apply(Tensor realFeatures, Tensor fakeFeatures, Tensor dFake, Tensor result) {
        be.sumRows(realFeatures, realSum);
        be.sumRows(fakeFeatures, fakeSum);
        LossOptions sum = LossOptions.MEAN.withReduction(Reduction.SUM).withScale(1f / ((float) rows * rows));
        LossResult r = null;
        if (result == null) r = be.loss(LossFunction.SQUARED_ERROR, fakeSum, Target.of(realSum), sum, sumGrad, null);
        else be.lossInto(LossFunction.SQUARED_ERROR, fakeSum, Target.of(realSum), sum, sumGrad, null, result);
        be.gemm(false, false, 1f, ones, sumGrad, 0f, dFake);
        return r;
    }

    @Override
    public void close() {
        realSum.close();
        fakeSum.close();
        sumGrad.close();
        ones.close();
    }
}
