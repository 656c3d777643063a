package dev.fusedgan.cpu;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.LossReference;
import dev.fusedgan.testing.TestData;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The textbook chain (sigmoid, clamped logs, separate backward) against the fused loss: close for moderate
 * logits, and visibly wrong where its float32 sigmoid saturates, which is why the fused form exists.
 */
class CpuLossUnfusedTest {
    private static final double U = Tolerance.FLOAT_ROUNDOFF;

    @ParameterizedTest(name = "pos_weight={0}")
    @ValueSource(floats = {1f, 2.5f})
    void agreesWithFusedForModerateLogits(float posWeight) {
        SplittableRandom rng = new SplittableRandom(0x0F05ED + (long) (posWeight * 10));
        int rows = 50, cols = 40, n = rows * cols;
        float[] x = TestData.uniform(rng, n, -10, 10);
        float[] y = TestData.uniform(rng, n, 0, 1);
        for (int i = 0; i < n; i += 2) y[i] = rng.nextBoolean() ? 1f : 0f;
        float[][] fused = lossAndGradient(LossFunction.BCE_WITH_LOGITS, x, y, rows, cols, posWeight);
        float[][] unfused = lossAndGradient(LossFunction.BCE_UNFUSED, x, y, rows, cols, posWeight);
        for (int i = 0; i < n; i++) {
            final int at = i;
            double c = posWeight * y[i] + 1 - y[i];
            // q = sigmoid(x) in float32 carries ~3 roundings (exp, 1+, 1/), so 1-q is off by up to 3u absolutely,
            // i.e. 3u (1+e^x) relatively, and log(1-q) by that much absolutely; log q likewise with e^-x. The
            // logs and the final combination add a few u of the result. Hence, per element:
            double lossTolerance = 4 * U * (posWeight * y[i] * (1 + Math.exp(-x[i])) + (1 - y[i]) * (1 + Math.exp(x[i])))
                    + 8 * U * Math.abs(fused[0][i]) + Tolerance.floatUlps(fused[0][i], 2);
            // The gradient is (c q - p y) up to a division and multiplication by q(1-q) (which stays far above
            // the 1e-12 clamp for |x| <= 10): the error of q times c, plus a few u of each term.
            double gradTolerance = 8 * U * (c + posWeight * y[i]);
            Tolerance.assertClose(fused[0][i], unfused[0][i], lossTolerance, () -> "loss at x=" + x[at] + " y=" + y[at]);
            Tolerance.assertClose(fused[1][i], unfused[1][i], gradTolerance, () -> "gradient at x=" + x[at] + " y=" + y[at]);
        }
    }

    @Test
    void positiveLogitBeyondSeventeenSaturatesLossAndKillsGradient() {
        // x = 30, y = 0: the true loss is 30 + log1p(e^-30) and the gradient sigmoid(30) ~ 1. In float32
        // sigmoid(30) rounds to exactly 1 (it does from x ~ 16.64, where e^-x < 2^-24), log(1 - q) = log 0 is
        // clamped to -100 and q (1 - q) = 0 zeroes the gradient.
        float[][] fused = lossAndGradient(LossFunction.BCE_WITH_LOGITS, new float[] {30f}, new float[] {0f}, 1, 1, 1f);
        float[][] unfused = lossAndGradient(LossFunction.BCE_UNFUSED, new float[] {30f}, new float[] {0f}, 1, 1, 1f);
        assertEquals(30.0, fused[0][0], 1e-5);
        assertEquals(1.0, fused[1][0], 1e-12);
        assertEquals(100f, unfused[0][0], "the clamped log(0)");
        assertEquals(0f, unfused[1][0], 0f, "q(1-q) = 0 kills the gradient");
    }

    @Test
    void negativeLogitShrinksGradientThroughTheEpsilonClampLongBeforeUnderflow() {
        // x = -30, y = 1: q = sigmoid(-30) = 9.4e-14 is still a normal float, so log q and the loss (30) are
        // right, but the backward divides by max(q (1-q), 1e-12) = 1e-12 and multiplies by q (1-q): the
        // gradient comes out as -q / 1e-12 = -0.094 instead of ~ -1. This starts once q < 1e-12 (x < -27.6).
        float[][] fused = lossAndGradient(LossFunction.BCE_WITH_LOGITS, new float[] {-30f}, new float[] {1f}, 1, 1, 1f);
        float[][] unfused = lossAndGradient(LossFunction.BCE_UNFUSED, new float[] {-30f}, new float[] {1f}, 1, 1, 1f);
        assertEquals(30.0, fused[0][0], 1e-5);
        assertEquals(-1.0, fused[1][0], 1e-12);
        assertEquals(30.0, unfused[0][0], 1e-5, "log q is still accurate here");
        double expectedShrunk = -LossReference.sigmoid(-30) / 1e-12;
        assertEquals(expectedShrunk, unfused[1][0], 1e-3 * Math.abs(expectedShrunk), "gradient shrunk by q / 1e-12");
        assertTrue(Math.abs(unfused[1][0]) < 0.1, "unfused gradient " + unfused[1][0] + " is an order of magnitude too small");
    }

    @Test
    void veryNegativeLogitUnderflowsToClampedLossAndZeroGradient() {
        // x = -120, y = 1: the true loss is ~120 and the gradient ~ -1. In float32 e^120 overflows, q = 0,
        // log q is clamped to -100 and the gradient is 0 (from x ~ -88.7 on).
        float[][] fused = lossAndGradient(LossFunction.BCE_WITH_LOGITS, new float[] {-120f}, new float[] {1f}, 1, 1, 1f);
        float[][] unfused = lossAndGradient(LossFunction.BCE_UNFUSED, new float[] {-120f}, new float[] {1f}, 1, 1, 1f);
        assertEquals(120.0, fused[0][0], 1e-4);
        assertEquals(-1.0, fused[1][0], 1e-12);
        assertEquals(100f, unfused[0][0]);
        assertEquals(0f, unfused[1][0], 0f);
    }

    /** Per-element losses and gradient, reduction NONE, no weight, scale 1. */
    private static float[][] lossAndGradient(LossFunction fn, float[] x, float[] y, int rows, int cols, float posWeight) {
        try (Backend cpu = new CpuBackend();
             Tensor input = cpu.upload(x, rows, cols);
             Tensor target = cpu.upload(y, rows, cols);
             Tensor grad = cpu.allocate(rows, cols);
             Tensor loss = cpu.allocate(rows, cols)) {
            LossOptions options = LossOptions.MEAN.withReduction(Reduction.NONE).withPosWeight(posWeight);
            cpu.loss(fn, input, Target.of(target), options, grad, loss);
            return new float[][] {cpu.download(loss), cpu.download(grad)};
        }
    }
}
