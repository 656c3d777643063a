package dev.fusedgan.cuda;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.SplittableRandom;

import static dev.fusedgan.cuda.CudaTestSupport.assertBitwise;
import static dev.fusedgan.cuda.CudaTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every loss and every option on the GPU against the CPU reference.
 *
 * <p>Tolerances, |gpu - cpu| &le; atol + rtol |cpu|: the fused BCE runs in float32 (expf, log1pf: a few ulp)
 * while the CPU runs in double and rounds once, so rtol = 1e-5 (about 80 float ulp, several times the
 * worst chain of roundings); the gradient's ((1-y) - p y e) can cancel for soft targets, so its atol is a
 * few ulp of the terms, 1e-6 |factor| max(w) (1 + p). The unfused chain rounds like the CPU (transcendentals
 * in double rounded to float on both) and the other losses are in double on both, so 1e-6 would do; they
 * share the BCE bounds where noted. The reduced value sums in a different order: 1e-5 of the sum of |terms|.
 */
class CudaLossTest extends CudaTestBase {
    /** Input, target and weight data on both backends. */
    private record Case(int rows, int cols, float[] x, float[] y, float[] w) {}

    private static Case data(LossFunction fn, int rows, int cols, long seed) {
        var rng = new SplittableRandom(seed);
        int n = rows * cols;
        float[] x = CudaTestSupport.lossInputs(fn, rng, n);
        float[] y = CudaTestSupport.lossTargets(fn, rng, n);
        return new Case(rows, cols, x, y, CudaTestSupport.uniform(rng, n, 0.01, 2));
    }


    private static double rtol(LossFunction fn) { return fn.isCrossEntropy() ? 1e-5 : 1e-6; }

    /** One option combination on both backends, compared. */
    private static void compare(LossFunction fn, Case c, Float scalarTarget, boolean weighted, float posWeight,
                                LabelSmoothing smoothing, Reduction reduction, float scale) {
        String what = fn + " " + c.rows + "x" + c.cols + (scalarTarget == null ? " tensor target" : " target " + scalarTarget)
                + (weighted ? " weighted" : "") + " p=" + posWeight + " smoothing " + smoothing + " " + reduction + " scale " + scale;
        Result ref = run(cpu, fn, c, scalarTarget, weighted, posWeight, smoothing, reduction, scale);
        Result got = run(gpu, fn, c, scalarTarget, weighted, posWeight, smoothing, reduction, scale);
        int n = c.x.length;
        double factor = Math.abs(scale) * (reduction == Reduction.MEAN ? 1.0 / n : 1.0);
        double maxW = weighted ? 2 : 1;
        assertClose(what + " gradient", ref.grad, got.grad, 1e-6 * factor * maxW * (1 + posWeight), rtol(fn));
        if (reduction == Reduction.NONE) {
            assertClose(what + " element loss", ref.elementLoss, got.elementLoss, 1e-6 * Math.abs(scale) * maxW, rtol(fn));
        }
        Result magnitude = run(cpu, fn, c, scalarTarget, weighted, posWeight, smoothing, Reduction.NONE, 1f);
        double sumAbs = 0;
        for (float l : magnitude.elementLoss) sumAbs += Math.abs(l);
        double tolerance = 1e-5 * factor * sumAbs + 1e-30;
        if (!(Math.abs((double) got.value.value() - ref.value.value()) <= tolerance)) {
            fail(what + " value: cpu " + ref.value.value() + ", gpu " + got.value.value() + " (tolerance " + tolerance + ")");
        }
        assertEquals(ref.value.nanInputs(), got.value.nanInputs(), what + " NaN count");
    }

    private record Result(LossResult value, float[] grad, float[] elementLoss) {}

    private static Result run(Backend b, LossFunction fn, Case c, Float scalarTarget, boolean weighted, float posWeight,
                              LabelSmoothing smoothing, Reduction reduction, float scale) {
        try (Tensor x = b.upload(c.x, c.rows, c.cols);
             Tensor y = b.upload(c.y, c.rows, c.cols);
             Tensor w = b.upload(c.w, c.rows, c.cols);
             Tensor grad = b.allocate(c.rows, c.cols);
             Tensor elementLoss = b.allocate(c.rows, c.cols)) {
            Target target = scalarTarget == null ? Target.of(y) : Target.scalar(scalarTarget);
            var options = new LossOptions(weighted ? w : null, posWeight, smoothing, reduction, scale);
            LossResult value = b.loss(fn, x, target, options, grad, reduction == Reduction.NONE ? elementLoss : null);
            return new Result(value, b.download(grad), b.download(elementLoss));
        }
    }

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void everyOptionCombinationMatchesTheCpu(LossFunction fn) {
        List<Float> targets = CudaTestSupport.targetChoices(fn);
        List<Float> posWeights = CudaTestSupport.posWeightChoices(fn);
        List<LabelSmoothing> smoothings = List.of(LabelSmoothing.NONE, LabelSmoothing.oneSided(0.1f), LabelSmoothing.twoSided(0.2f));
        for (int[] shape : new int[][] {{1, 1}, {9, 37}, {64, 65}}) {
            Case c = data(fn, shape[0], shape[1], 1000L * shape[0] + shape[1]);
            for (Float target : targets)
                for (boolean weighted : new boolean[] {false, true})
                    for (float p : posWeights)
                        for (LabelSmoothing s : smoothings)
                            for (Reduction r : Reduction.values())
                                for (float scale : new float[] {1f, -0.5f})
                                    compare(fn, c, target, weighted, p, s, r, scale);
        }
    }

    @ParameterizedTest
    @EnumSource(value = LossFunction.class, names = {"BCE_WITH_LOGITS", "SQUARED_ERROR", "HINGE"})
    void threeMillionElementsMatchTheCpu(LossFunction fn) {
        Case c = data(fn, CudaTestSupport.BIG_ROWS, CudaTestSupport.BIG_COLS, 7);
        float p = fn.isCrossEntropy() ? 2f : 1f;
        compare(fn, c, null, true, p, LabelSmoothing.oneSided(0.1f), Reduction.MEAN, 1f);
        compare(fn, c, null, false, p, LabelSmoothing.NONE, Reduction.NONE, -1f);
    }

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void infiniteAndNanInputsMatchTheCpu(LossFunction fn) {
        Case finite = data(fn, 31, 97, 11);
        Case c = new Case(finite.rows, finite.cols, CudaTestSupport.withNonFinite(finite.x), finite.y, finite.w);
        for (Reduction r : Reduction.values()) {
            Result ref = run(cpu, fn, c, null, true, 1f, LabelSmoothing.NONE, r, 1f);
            Result got = run(gpu, fn, c, null, true, 1f, LabelSmoothing.NONE, r, 1f);
            double factor = r == Reduction.MEAN ? 1.0 / c.x.length : 1.0;
            assertClose(fn + " " + r + " gradient", ref.grad, got.grad, 4e-6 * factor, rtol(fn));
            if (r == Reduction.NONE) assertClose(fn + " element loss", ref.elementLoss, got.elementLoss, 2e-6, rtol(fn));
            assertTrue(ref.value.hasNaN() && Float.isNaN(ref.value.value()), "the reference should see the NaN inputs");
            assertTrue(Float.isNaN(got.value.value()), fn + " " + r + ": NaN in should give NaN out, got " + got.value.value());
            assertEquals(ref.value.nanInputs(), got.value.nanInputs(), fn + " NaN count");
        }
    }

    @Test
    void fusedLossIsBitwiseReproducible() {
        Case c = data(LossFunction.BCE_WITH_LOGITS, CudaTestSupport.BIG_ROWS, CudaTestSupport.BIG_COLS, 5);
        Result first = run(gpu, LossFunction.BCE_WITH_LOGITS, c, null, true, 1.5f, LabelSmoothing.twoSided(0.1f), Reduction.MEAN, 1f);
        for (int repeat = 0; repeat < 3; repeat++) {
            Result again = run(gpu, LossFunction.BCE_WITH_LOGITS, c, null, true, 1.5f, LabelSmoothing.twoSided(0.1f), Reduction.MEAN, 1f);
            assertEquals(Float.floatToIntBits(first.value.value()), Float.floatToIntBits(again.value.value()), "loss value differs between runs");
            assertBitwise("gradient between runs", first.grad, again.grad);
        }
    }

    @Test
    void fusedLossIsTwoLaunchesAndTheUnfusedChainFour() {
        Case c = data(LossFunction.BCE_WITH_LOGITS, 64, 1, 3);
        try (Tensor x = gpu.upload(c.x, 64, 1); Tensor grad = gpu.allocate(64, 1)) {
            long before = gpu.launches();
            gpu.loss(LossFunction.BCE_WITH_LOGITS, x, Target.scalar(1f), LossOptions.MEAN, grad, null);
            assertEquals(2, gpu.launches() - before, "fused: loss+gradient kernel, then the partials reduction");
            before = gpu.launches();
            gpu.loss(LossFunction.BCE_UNFUSED, x, Target.scalar(1f), LossOptions.MEAN, grad, null);
            assertEquals(4, gpu.launches() - before, "unfused: sigmoid, loss, gradient, reduction");
        }
    }

    @Test
    void lossOnRowSliceViewsReadsTheRightRows() {
        Case c = data(LossFunction.BCE_WITH_LOGITS, 40, 3, 9);
        try (Tensor x = gpu.upload(c.x, 40, 3); Tensor xc = cpu.upload(c.x, 40, 3)) {
            LossResult got = gpu.loss(LossFunction.BCE_WITH_LOGITS, x.rowSlice(10, 25), Target.scalar(1f), LossOptions.MEAN, null, null);
            LossResult ref = cpu.loss(LossFunction.BCE_WITH_LOGITS, xc.rowSlice(10, 25), Target.scalar(1f), LossOptions.MEAN, null, null);
            assertEquals(ref.value(), got.value(), 1e-5 * Math.abs(ref.value()));
        }
    }

    /**
     * Version 3 (float4, aligned tensors) and version 2 (the same backend's fallback for a row slice that starts
     * 4 bytes into its buffer) run the same per-element code, so gradients and element losses agree bitwise at
     * every n % 4; the loss values differ only in the order of the double partial sums.
     */
    @ParameterizedTest
    @EnumSource(value = LossFunction.class, names = "BCE_UNFUSED", mode = EnumSource.Mode.EXCLUDE)
    void versionThreeEqualsVersionTwoElementByElement(LossFunction fn) {
        for (int n : new int[] {1, 2, 3, 4, 5, 1023, 4098, 300_001}) {
            Case c = data(fn, n, 1, 31L * n);
            float[] padded = new float[n + 1], paddedY = new float[n + 1], paddedW = new float[n + 1];
            System.arraycopy(c.x, 0, padded, 1, n);
            System.arraycopy(c.y, 0, paddedY, 1, n);
            System.arraycopy(c.w, 0, paddedW, 1, n);
            try (Tensor x = gpu.upload(c.x, n, 1); Tensor y = gpu.upload(c.y, n, 1); Tensor w = gpu.upload(c.w, n, 1);
                 Tensor g = gpu.allocate(n, 1); Tensor l = gpu.allocate(n, 1);
                 Tensor xp = gpu.upload(padded, n + 1, 1); Tensor yp = gpu.upload(paddedY, n + 1, 1);
                 Tensor wp = gpu.upload(paddedW, n + 1, 1); Tensor gp = gpu.allocate(n + 1, 1); Tensor lp = gpu.allocate(n + 1, 1)) {
                // pos_weight only where the loss takes it: Losses refuses it for all but the cross-entropies.
                float posWeight = fn.isCrossEntropy() ? 1.5f : 1f;
                LabelSmoothing smoothing = LabelSmoothing.oneSided(0.1f);
                var v3 = new LossOptions(w, posWeight, smoothing, Reduction.NONE, 0.5f);
                var v2 = new LossOptions(wp.rowSlice(1, n + 1), posWeight, smoothing, Reduction.NONE, 0.5f);
                LossResult a = gpu.loss(fn, x, Target.of(y), v3, g, l);
                LossResult b = gpu.loss(fn, xp.rowSlice(1, n + 1), Target.of(yp.rowSlice(1, n + 1)), v2, gp.rowSlice(1, n + 1),
                        lp.rowSlice(1, n + 1));
                float[] gb = gpu.download(gp), lb = gpu.download(lp);
                assertBitwise(fn + " n=" + n + " gradient v3 vs v2", java.util.Arrays.copyOfRange(gb, 1, n + 1), gpu.download(g));
                assertBitwise(fn + " n=" + n + " element loss v3 vs v2", java.util.Arrays.copyOfRange(lb, 1, n + 1), gpu.download(l));
                // Double sums of the same terms in two orders differ by at most n u sum|terms| (u = 2^-53), then
                // each rounds to float: one float ulp more.
                double sumAbs = 0;
                for (float v : lb) sumAbs += Math.abs(v);
                assertEquals(b.value(), a.value(), Math.ulp(b.value()) + n * 0x1p-53 * sumAbs, fn + " n=" + n + " loss value");
                assertEquals(b.nanInputs(), a.nanInputs());
            }
        }
    }
}
