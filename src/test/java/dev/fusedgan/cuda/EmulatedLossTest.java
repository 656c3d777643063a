package dev.fusedgan.cuda;

import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.LossCase;
import dev.fusedgan.testing.LossReference;
import dev.fusedgan.testing.TestData;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.function.IntToDoubleFunction;

import static dev.fusedgan.cuda.KernelChecks.assertBitwise;
import static dev.fusedgan.cuda.KernelChecks.assertWithin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kernels/loss.cu and reduce_partials, emulated, against CpuBackend.loss: all five fused loss kernels in both
 * versions (3: float4, CudaBackend's default for aligned buffers; 2: the fallback) and the unfused BCE chain,
 * launched as CudaBackend launches them (see {@link EmulatedLoss}), with every option the
 * kernels take (tensor or scalar target, weight, pos_weight, one- and two-sided label smoothing, reductions
 * NONE/MEAN/SUM, scale, with and without gradient), at 1 element, odd sizes, and 300001 elements (more than
 * REDUCTION_GRID blocks of 256 threads hold, so the grid-stride loop runs), on logits up to |x| = 1e4, with
 * infinities and NaN.
 *
 * <p>Tolerances. Squared, absolute, hinge and linear evaluate in double with the CPU's operations, and the
 * unfused chain rounds step by step in float like the CPU's (its exp and log in double, rounded to float, on
 * both sides): per-element losses and gradients must be bitwise equal. (Both sides' double exp/log are within
 * a double ulp of exact; they could round to different floats only when the exact value lies within that of a
 * float rounding boundary, about 2^-28 per call, which these seeded data do not hit.) The fused BCE evaluates
 * in float32 with expf/log1pf; see {@link #bceLossTolerance} and {@link #bceGradientTolerance}. The reduced value
 * sums the same terms in another order; see {@link #valueTolerance}.
 */
class EmulatedLossTest extends EmulatedKernelTestBase {
    private static final double U = Tolerance.FLOAT_ROUNDOFF;
    private static final List<LabelSmoothing> SMOOTHINGS = List.of(LabelSmoothing.NONE, LabelSmoothing.oneSided(0.1f),
            LabelSmoothing.twoSided(0.2f));
    private static final int[] SMALL_SIZES = {1, 257, 1001};
    private static final int BIG = 300_001;

    /** Inputs, targets and weights for one loss, as CudaLossTest draws them, plus inputs exactly at the kinks. */
    private record Data(float[] x, float[] y, float[] w) {}

    private static Data data(LossFunction fn, int n, long seed) {
        var rng = random(seed);
        float[] x = CudaTestSupport.lossInputs(fn, rng, n);
        float[] y = CudaTestSupport.lossTargets(fn, rng, n);
        // Exact kinks, where the reference picks a side: x = y makes |x - y| and (for y = +-1) the hinge margin
        // 1 - y x exactly 0; x = +-1 does the same for the hinge's scalar targets, x = 0.75 for |x - 0.75|, and
        // x = +-0 is where the BCE switches branch.
        for (int i = 7; i < n; i += 53) x[i] = fn.isCrossEntropy() ? 0f : y[i];
        for (int i = 8; i < n; i += 53) x[i] = fn.isCrossEntropy() ? -0f : fn == LossFunction.HINGE ? 1f : 0.75f;
        for (int i = 9; i < n; i += 53) if (fn == LossFunction.HINGE) x[i] = -1f;
        return new Data(x, y, CudaTestSupport.uniform(rng, n, 0.01, 2));
    }


    /** The fused losses in both versions (CudaBackend's default, 3, and the fallback, 2); the unfused chain once. */
    private static List<EmulatedLoss.Choice> choices(LossFunction fn) {
        return fn == LossFunction.BCE_UNFUSED ? List.of(EmulatedLoss.Choice.DEFAULT)
                : List.of(EmulatedLoss.Choice.DEFAULT, EmulatedLoss.Choice.VERSION_2);
    }

    private static LossCase lossCase(LossFunction fn, Data d, Float scalarTarget, boolean weighted, float posWeight,
                                     LabelSmoothing smoothing, Reduction reduction, float scale) {
        return new LossCase(fn, 1, d.x.length, d.x, scalarTarget == null ? d.y : null, scalarTarget == null ? 0f : scalarTarget,
                weighted ? d.w : null, posWeight, smoothing, reduction, scale);
    }

    private static String describe(LossCase c, boolean withGrad, long seed) {
        return c.fn() + " n=" + c.input().length + (c.target() == null ? " target " + c.scalarTarget() : " tensor target")
                + (c.weight() != null ? " weighted" : "") + " p=" + c.posWeight() + " smoothing " + c.smoothing() + " "
                + c.reduction() + " scale " + c.scale() + (withGrad ? "" : " no gradient") + ", " + seedNote(seed);
    }

    // ---- the CPU reference ----------------------------------------------------------------------------------

    private record Reference(LossResult value, float[] grad, float[] elementLoss) {}

    private static Reference cpuLoss(LossCase c) {
        int n = c.input().length;
        boolean none = c.reduction() == Reduction.NONE;
        try (Tensor x = cpu.upload(c.input(), 1, n);
             Tensor t = c.target() == null ? null : cpu.upload(c.target(), 1, n);
             Tensor w = c.weight() == null ? null : cpu.upload(c.weight(), 1, n);
             Tensor grad = cpu.allocate(1, n);
             Tensor elementLoss = none ? cpu.allocate(1, n) : null) {
            Target target = t == null ? Target.scalar(c.scalarTarget()) : Target.of(t);
            var options = new LossOptions(w, c.posWeight(), c.smoothing(), c.reduction(), c.scale());
            LossResult value = cpu.loss(c.fn(), x, target, options, grad, elementLoss);
            return new Reference(value, cpu.download(grad), none ? cpu.download(elementLoss) : null);
        }
    }

    /** Sum over elements of |weighted unscaled loss|, from the CPU reference (what the value's bound scales with). */
    private static double sumOfAbsoluteTerms(LossCase c) {
        LossCase terms = new LossCase(c.fn(), c.rows(), c.cols(), c.input(), c.target(), c.scalarTarget(), c.weight(),
                c.posWeight(), c.smoothing(), Reduction.NONE, 1f);
        double sum = 0;
        for (float l : cpuLoss(terms).elementLoss) if (!Float.isNaN(l)) sum += Math.abs(l);
        return sum;
    }

    // ---- tolerances -------------------------------------------------------------------------------------------

    /**
     * Absolute error the fused BCE's float evaluation can add per element once e = expf(-|x|) is subnormal
     * (|x| &gt; 87): each rounding of e, c e and the weighted result is then up to Float.MIN_VALUE rather than
     * relative. Scaled by the weight and the coefficients it passes through.
     */
    private static double subnormalFloor(double coefficient, float posWeight) {
        return 8 * Math.abs(coefficient) * (1 + posWeight) * Float.MIN_VALUE;
    }

    /**
     * The fused BCE's per-element loss: the kernel evaluates c = p y + 1 - y (three roundings of terms up to
     * p y + 1, at most (2 p y + 1 + c) u / c &le; 8.5u relative for p &le; 2.5), log1pf(expf(-|x|)) (expf and
     * log1pf within 2 ulp each in glibc and in CUDA, 4u together; log1p's condition is at most 1), the products
     * and the sum of two non-negative terms (2u): at most 15u relative; the scaled element loss is rounded on
     * both sides (u each). So 17u of the reference, plus 2 ulp and the subnormal floor for tiny losses.
     */
    private static IntToDoubleFunction bceLossTolerance(LossCase c, float[] reference) {
        return i -> 17 * U * Math.abs(reference[i]) + Tolerance.floatUlps(reference[i], 2)
                + subnormalFloor(c.scale() * c.weightAt(i), c.posWeight());
    }

    /**
     * The fused BCE's gradient ((1-y) - p y e) / (1 + e) (or ((1-y) e - p y) / (1 + e)) cancels for soft
     * targets, so its error is relative to the terms, not to the result: about 6u of the terms
     * (1-y) sigmoid(x) + p y sigmoid(-x) (LossReference.bceGradientTerms) for the numerator's roundings and
     * expf, 2u of the result for 1 + e and the division, and both sides' final rounding. Allowed: 16u of the
     * terms times |factor w|, 4 ulp of the reference, and the subnormal floor.
     */
    private static IntToDoubleFunction bceGradientTolerance(LossCase c, float[] reference, double factor) {
        return i -> {
            double y = LossReference.smooth(c.targetAt(i), c.smoothing());
            double scale = factor * c.weightAt(i);
            return 16 * U * Math.abs(scale) * LossReference.bceGradientTerms(c.input()[i], y, c.posWeight())
                    + Tolerance.floatUlps(reference[i], 4) + subnormalFloor(scale, c.posWeight());
        };
    }

    /**
     * The reduced value: both sides sum the weighted terms in double, in different orders (the CPU's sequential,
     * the kernels' a grid-stride sum per thread, a tree per block and a tree over the blocks), each order within
     * (n-1) 2^-53 of the sum of |terms|: 2n 2^-53 sum|l| between them. The fused BCE's terms themselves differ by
     * up to 17u |l| each (see {@link #bceLossTolerance}). Times |factor|, plus 1 ulp for the two final roundings
     * to float.
     */
    private static double valueTolerance(LossCase c, double reference) {
        int n = c.input().length;
        double factor = Math.abs(c.scale() * (c.reduction() == Reduction.MEAN ? 1.0 / n : 1.0));
        double perTerm = c.fn() == LossFunction.BCE_WITH_LOGITS ? 17 * U : 0;
        double maxWeight = c.weight() == null ? 1 : 2;
        double floor = c.fn() == LossFunction.BCE_WITH_LOGITS ? n * subnormalFloor(maxWeight, c.posWeight()) : 0;
        return factor * ((perTerm + 2.0 * n * Tolerance.DOUBLE_ROUNDOFF) * sumOfAbsoluteTerms(c) + floor)
                + Tolerance.floatUlps(reference, 1);
    }

    // ---- one comparison ---------------------------------------------------------------------------------------

    /** Runs {@code c} on the emulator as CudaBackend does by default (and on the CPU), and checks everything. */
    private EmulatedLoss.Outputs compare(LossCase c, boolean withGrad, long seed) {
        return compare(c, withGrad, seed, EmulatedLoss.Choice.DEFAULT, 0);
    }

    /** As {@link #compare(LossCase, boolean, long)}, with the fused kernel choice and buffer offset given. */
    private EmulatedLoss.Outputs compare(LossCase c, boolean withGrad, long seed, EmulatedLoss.Choice choice, int offsetFloats) {
        Reference ref = cpuLoss(c);
        EmulatedLoss.Outputs got = new EmulatedLoss(emu, memory).run(c, withGrad, KernelEmulator.ASCENDING, choice, offsetFloats);
        String what = describe(c, withGrad, seed) + " (" + got.kernel() + ")";
        int n = c.input().length;
        double factor = c.scale() * (c.reduction() == Reduction.MEAN ? 1.0 / n : 1.0);
        boolean fusedBce = c.fn() == LossFunction.BCE_WITH_LOGITS;
        if (withGrad) {
            if (fusedBce) assertWithin(what + " gradient", ref.grad, got.grad(), bceGradientTolerance(c, ref.grad, factor));
            else assertBitwise(what + " gradient", ref.grad, got.grad());
        }
        if (c.reduction() == Reduction.NONE) {
            if (fusedBce) assertWithin(what + " element loss", ref.elementLoss, got.elementLoss(), bceLossTolerance(c, ref.elementLoss));
            else assertBitwise(what + " element loss", ref.elementLoss, got.elementLoss());
        }
        float expected = ref.value.value(), value = got.value().value();
        double tolerance = valueTolerance(c, expected);
        if (!KernelChecks.close(expected, value, tolerance)) {
            fail(what + " value: cpu " + expected + ", kernel " + value + " (tolerance " + tolerance + ")");
        }
        assertEquals(ref.value.nanInputs(), got.value().nanInputs(), what + " NaN count");
        // lossInto: the kernel's (float)(factor * sum) is the host's operation on the same sum, so bitwise.
        assertEquals(Float.floatToIntBits(value), Float.floatToIntBits(got.into()[0]),
                what + ": lossInto " + got.into()[0] + " vs loss " + value);
        assertEquals((float) got.value().nanInputs(), got.into()[1], what + ": lossInto NaN count");
        return got;
    }

    // ---- the tests --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void everyOptionCombinationMatchesTheCpu(LossFunction fn) {
        List<Float> targets = CudaTestSupport.targetChoices(fn);
        List<Float> posWeights = CudaTestSupport.posWeightChoices(fn);
        for (int n : SMALL_SIZES) {
            long seed = seed(1000L * fn.ordinal() + n);
            Data d = data(fn, n, seed);
            for (Float target : targets)
                for (boolean weighted : new boolean[] {false, true})
                    for (float p : posWeights)
                        for (LabelSmoothing s : SMOOTHINGS)
                            for (Reduction r : Reduction.values())
                                for (float scale : new float[] {1f, -0.5f})
                                    for (EmulatedLoss.Choice choice : choices(fn))
                                        compare(lossCase(fn, d, target, weighted, p, s, r, scale), true, seed, choice, 0);
        }
    }

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void withoutAGradientNothingElseChanges(LossFunction fn) {
        long seed = seed(2000L + fn.ordinal());
        Data d = data(fn, 1001, seed);
        float p = fn.isCrossEntropy() ? 2.5f : 1f;
        for (Reduction r : Reduction.values()) {
            for (Float target : new Float[] {null, CudaTestSupport.scalarTargets(fn).getFirst()}) {
                LossCase c = lossCase(fn, d, target, true, p, LabelSmoothing.twoSided(0.2f), r, 1.5f);
                EmulatedLoss.Outputs with = new EmulatedLoss(emu, memory).run(c, true);
                EmulatedLoss.Outputs without = compare(c, false, seed);
                String what = describe(c, false, seed);
                assertArrayEquals(with.partialSums(), without.partialSums(), what + ": partial sums");
                if (r == Reduction.NONE) assertBitwise(what + ": element loss", with.elementLoss(), without.elementLoss());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void largeInputsUseTheGridStrideLoopAndMatchTheCpu(LossFunction fn) {
        float p = fn.isCrossEntropy() ? 2f : 1f;
        for (int n : new int[] {65_537, BIG}) {
            long seed = seed(3000L * fn.ordinal() + n);
            Data d = data(fn, n, seed);
            compare(lossCase(fn, d, null, true, p, LabelSmoothing.oneSided(0.1f), Reduction.MEAN, 1f), true, seed);
            compare(lossCase(fn, d, CudaTestSupport.scalarTargets(fn).getLast(), false, 1f, LabelSmoothing.NONE, Reduction.NONE, -1f), true, seed);
        }
    }

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void infiniteAndNanInputsMatchTheCpu(LossFunction fn) {
        long seed = seed(4000L + fn.ordinal());
        var rng = random(seed);
        Data finite = data(fn, 31 * 97, seed);
        float[] x = TestData.withSpecials(CudaTestSupport.withNonFinite(finite.x), rng);
        // Zero weights where x is infinite: a zero coefficient times an infinite loss counts as 0 (fg_times).
        float[] w = finite.w.clone();
        for (int i = 0; i < x.length; i++) if (Float.isInfinite(x[i]) && rng.nextBoolean()) w[i] = 0f;
        Data d = new Data(x, finite.y, w);
        assertTrue(TestData.countNaN(x) > 2, "the data has NaN inputs");
        for (Reduction r : Reduction.values()) {
            for (float p : fn.isCrossEntropy() ? new float[] {1f, 2.5f} : new float[] {1f}) {
                LossCase c = lossCase(fn, d, null, true, p, LabelSmoothing.NONE, r, 1f);
                EmulatedLoss.Outputs got = compare(c, true, seed);
                assertTrue(Float.isNaN(got.value().value()), describe(c, true, seed) + ": NaN in should give NaN out");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = LossFunction.class, names = {"BCE_WITH_LOGITS", "BCE_UNFUSED", "SQUARED_ERROR"})
    void resultsAreBitwiseReproducibleWhateverTheThreadOrder(LossFunction fn) {
        long seed = seed(5000L + fn.ordinal());
        Data d = data(fn, 65_537, seed);
        float p = fn.isCrossEntropy() ? 1.5f : 1f;
        LossCase c = lossCase(fn, d, null, true, p, LabelSmoothing.twoSided(0.1f), Reduction.MEAN, 1f);
        String what = describe(c, true, seed);
        EmulatedLoss.Outputs first = new EmulatedLoss(emu, memory).run(c, true);
        for (int schedule : new int[] {KernelEmulator.ASCENDING, KernelEmulator.DESCENDING, 31337}) {
            EmulatedLoss.Outputs again = new EmulatedLoss(emu, memory).run(c, true, schedule, EmulatedLoss.Choice.DEFAULT, 0);
            String run = what + ", schedule " + schedule;
            assertArrayEquals(first.partialSums(), again.partialSums(), run + ": partial sums (compared bitwise)");
            assertArrayEquals(first.partialNans(), again.partialNans(), run + ": partial NaN counts");
            assertEquals(Float.floatToIntBits(first.value().value()), Float.floatToIntBits(again.value().value()), run + ": value");
            assertBitwise(run + ": gradient", first.grad(), again.grad());
        }
    }

    /**
     * kernels/loss.cu claims version 3 runs version 2's per-element code, so gradients and element losses are
     * bitwise version 2's at every n % 4, and the values differ only in the order of the partial sums. As in
     * CudaLossTest, version 2 is reached the way CudaBackend reaches it: buffers 4 bytes past a 16-byte boundary.
     */
    @ParameterizedTest
    @EnumSource(value = LossFunction.class, names = "BCE_UNFUSED", mode = EnumSource.Mode.EXCLUDE)
    void versionThreeEqualsVersionTwoElementByElement(LossFunction fn) {
        float p = fn.isCrossEntropy() ? 1.5f : 1f;
        for (int n : new int[] {1, 2, 3, 4, 5, 1023, 4098, BIG}) {
            long seed = seed(7000L * fn.ordinal() + n);
            LossCase c = lossCase(fn, data(fn, n, seed), null, true, p, LabelSmoothing.oneSided(0.1f), Reduction.NONE, 0.5f);
            var path = new EmulatedLoss(emu, memory);
            EmulatedLoss.Outputs v3 = path.run(c, true, KernelEmulator.ASCENDING, EmulatedLoss.Choice.DEFAULT, 0);
            EmulatedLoss.Outputs v2 = path.run(c, true, KernelEmulator.ASCENDING, EmulatedLoss.Choice.DEFAULT, 1);
            String what = describe(c, true, seed);
            assertTrue(v3.kernel().endsWith("_v3") && !v2.kernel().endsWith("_v3"),
                    what + ": aligned buffers take version 3, misaligned ones version 2, got " + v3.kernel() + " and " + v2.kernel());
            assertBitwise(what + " gradient v3 vs v2", v2.grad(), v3.grad());
            assertBitwise(what + " element loss v3 vs v2", v2.elementLoss(), v3.elementLoss());
            // Double sums of the same terms in two orders differ by at most 2n 2^-53 sum|terms|; then each is
            // rounded to float: one float ulp more.
            double sumAbs = 0;
            for (float l : v2.elementLoss()) if (!Float.isNaN(l)) sumAbs += Math.abs(l);
            double tolerance = Math.ulp(v2.value().value()) + 2.0 * n * Tolerance.DOUBLE_ROUNDOFF * sumAbs;
            assertTrue(KernelChecks.close(v2.value().value(), v3.value().value(), tolerance),
                    what + " value: v2 " + v2.value().value() + ", v3 " + v3.value().value() + " (tolerance " + tolerance + ")");
            assertEquals(v2.value().nanInputs(), v3.value().nanInputs(), what + " NaN count");
        }
    }

    /**
     * Version 3 with a grid far below what n needs (as on a GPU with few SMs), so each thread loops over many
     * groups of 4, and with an A100's wave of 864 blocks; at n % 4 = 1, 2, 3 so the tail runs.
     */
    @ParameterizedTest
    @EnumSource(value = LossFunction.class, names = "BCE_UNFUSED", mode = EnumSource.Mode.EXCLUDE)
    void versionThreeOnAnyWaveMatchesTheCpu(LossFunction fn) {
        float p = fn.isCrossEntropy() ? 2f : 1f;
        for (int wave : new int[] {3, 864}) {
            for (int n : new int[] {1001, 65_538, BIG + 2}) {
                long seed = seed(8000L * fn.ordinal() + n);
                Data d = data(fn, n, seed);
                var choice = new EmulatedLoss.Choice(3, wave);
                compare(lossCase(fn, d, null, true, p, LabelSmoothing.twoSided(0.2f), Reduction.NONE, 0.5f), true, seed, choice, 0);
                compare(lossCase(fn, d, CudaTestSupport.scalarTargets(fn).getFirst(), false, p, LabelSmoothing.NONE, Reduction.MEAN, -1f), true, seed, choice, 0);
            }
        }
    }

    @Test
    void theFusedLossIsTwoLaunchesAndTheUnfusedChainFour() {
        long seed = seed(6000);
        Data d = data(LossFunction.BCE_WITH_LOGITS, 64, seed);
        LossCase fused = lossCase(LossFunction.BCE_WITH_LOGITS, d, 1f, false, 1f, LabelSmoothing.NONE, Reduction.MEAN, 1f);
        LossCase unfused = lossCase(LossFunction.BCE_UNFUSED, d, 1f, false, 1f, LabelSmoothing.NONE, Reduction.MEAN, 1f);
        var path = new EmulatedLoss(emu, memory);
        assertEquals(2, path.run(fused, true).launches(), "fused: loss+gradient kernel, then the partials reduction");
        assertEquals(4, path.run(unfused, true).launches(), "unfused: sigmoid, loss, gradient, reduction");
        assertEquals(3, path.run(unfused, false).launches(), "unfused without a gradient: sigmoid, loss, reduction");
    }
}
