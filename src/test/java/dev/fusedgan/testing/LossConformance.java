package dev.fusedgan.testing;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a {@link LossCase} on a backend and compares the value, the per-element losses (reduction NONE)
 * and the gradient with {@link LossReference}, element by element.
 *
 * <p>Tolerance per element: {@code ulps} float32 ulps of the reference, plus an absolute floor of
 * 8 * 2^-53 times the magnitude of the terms the quantity is a sum or difference of (the most a double
 * evaluation of either side can lose to cancellation; it only matters near a zero of the gradient). The
 * returned value is a sum over n elements, so its floor is n * 8 * 2^-53 * sum |l_i|, the standard bound
 * for recursive summation in double.
 */
public final class LossConformance {
    private LossConformance() {}

    private static final double CANCELLATION_FLOOR = 8 * Tolerance.DOUBLE_ROUNDOFF;

    public static void assertMatchesReference(Backend backend, LossCase c, int ulps) {
        int n = c.input().length;
        boolean none = c.reduction() == Reduction.NONE;
        try (Tensor x = backend.upload(c.input(), c.rows(), c.cols());
             Tensor t = c.target() == null ? null : backend.upload(c.target(), c.rows(), c.cols());
             Tensor w = c.weight() == null ? null : backend.upload(c.weight(), c.rows(), c.cols());
             Tensor grad = backend.allocate(c.rows(), c.cols());
             Tensor elementLoss = none ? backend.allocate(c.rows(), c.cols()) : null) {
            Target target = t == null ? Target.scalar(c.scalarTarget()) : Target.of(t);
            LossOptions options = new LossOptions(w, c.posWeight(), c.smoothing(), c.reduction(), c.scale());
            LossResult result = backend.loss(c.fn(), x, target, options, grad, elementLoss);
            float[] gradient = backend.download(grad);
            float[] losses = none ? backend.download(elementLoss) : null;

            double factor = c.scale() * (c.reduction() == Reduction.MEAN ? 1.0 / n : 1.0);
            double sum = 0, sumAbs = 0;
            for (int i = 0; i < n; i++) {
                final int at = i;
                float xi = c.input()[i];
                float yi = LossReference.smooth(c.targetAt(i), c.smoothing());
                double wi = c.weightAt(i);
                double li = LossReference.term(wi, LossReference.loss(c.fn(), xi, yi, c.posWeight()));
                sum += li;
                if (!Double.isNaN(li)) sumAbs += Math.abs(li);

                double gi = factor * wi * LossReference.gradient(c.fn(), xi, yi, c.posWeight());
                double gFloor = CANCELLATION_FLOOR * Math.abs(factor * wi) * LossReference.gradientTerms(c.fn(), xi, yi, c.posWeight());
                Tolerance.assertClose(gi, gradient[i], Tolerance.floatUlps(gi, ulps) + gFloor,
                        () -> "gradient[" + at + "] at x=" + xi + ", y=" + yi);
                if (none) {
                    double ref = c.scale() * li;
                    Tolerance.assertClose(ref, losses[i], Tolerance.floatUlps(ref, ulps),
                            () -> "loss[" + at + "] at x=" + xi + ", y=" + yi);
                }
            }
            double value = factor * sum;
            Tolerance.assertClose(value, result.value(),
                    Tolerance.floatUlps(value, ulps) + n * CANCELLATION_FLOOR * Math.abs(factor) * sumAbs,
                    () -> "reduced value");
            assertEquals(TestData.countNaN(c.input()), result.nanInputs(), "NaN inputs counted");
        }
    }
}
