package dev.fusedgan.cpu;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.LossCase;
import dev.fusedgan.testing.LossConformance;
import dev.fusedgan.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fused sigmoid cross-entropy with logits against the float64 log-sigmoid reference, over every option. */
class CpuLossFusedTest {
    private static final int ROWS = 37, COLS = 29;

    /**
     * The CPU engine evaluates in double and rounds once to float (at most 1/2 ulp); the reference's own
     * double error is below 1e-13 relative even at |x| = 700 (exp of log-sigmoid), i.e. far below an ulp.
     * 4 ulps leaves room for a backend that rounds twice (e.g. loss, then times weight) but fails any
     * formula mistake or cancellation.
     */
    private static final int ULPS = 4;

    enum TargetKind { SCALAR_ZERO, SCALAR_ONE, HARD_TENSOR, SOFT_TENSOR }

    static Stream<Arguments> everyOptionCombination() {
        List<Arguments> all = new ArrayList<>();
        LabelSmoothing[] smoothings = {LabelSmoothing.NONE, LabelSmoothing.oneSided(0.1f), LabelSmoothing.twoSided(0.2f)};
        for (boolean weighted : new boolean[] {false, true})
            for (float posWeight : new float[] {1f, 3.5f})
                for (LabelSmoothing smoothing : smoothings)
                    for (TargetKind target : TargetKind.values())
                        for (Reduction reduction : Reduction.values())
                            for (float scale : new float[] {1f, -0.5f})
                                all.add(Arguments.of(weighted, posWeight, smoothing, target, reduction, scale));
        return all.stream();
    }

    @ParameterizedTest(name = "weighted={0} pos_weight={1} smoothing={2} target={3} {4} scale={5}")
    @MethodSource("everyOptionCombination")
    void lossAndGradientMatchFloat64ReferenceFromTinyToHugeLogits(boolean weighted, float posWeight, LabelSmoothing smoothing,
                                                                  TargetKind targetKind, Reduction reduction, float scale) {
        SplittableRandom rng = new SplittableRandom(0xB0CE + 31L * targetKind.ordinal() + 7L * reduction.ordinal()
                + (weighted ? 1000 : 0) + (long) (posWeight * 10) + (smoothing.twoSided() ? 50 : 0) + (long) (smoothing.amount() * 100));
        int n = ROWS * COLS;
        float[] x = TestData.withSpecials(TestData.logUniformLogits(rng, n, 1e-8, 1e4), rng);
        float[] target = switch (targetKind) {
            case SCALAR_ZERO, SCALAR_ONE -> null;
            case HARD_TENSOR -> TestData.hardTargets(rng, n);
            case SOFT_TENSOR -> TestData.uniform(rng, n, 0, 1);
        };
        float scalarTarget = targetKind == TargetKind.SCALAR_ONE ? 1f : 0f;
        float[] weight = weighted ? TestData.uniform(rng, n, 0.25, 2) : null;
        LossCase c = new LossCase(LossFunction.BCE_WITH_LOGITS, ROWS, COLS, x, target, scalarTarget, weight,
                posWeight, smoothing, reduction, scale);
        try (Backend cpu = new CpuBackend()) {
            LossConformance.assertMatchesReference(cpu, c, ULPS);
        }
    }

    @Test
    void infiniteLogitsGiveTheFiniteLimitsAndFiniteGradients() {
        float inf = Float.POSITIVE_INFINITY;
        float[] x = {inf, -inf, inf, -inf};
        float[] y = {1, 0, 0, 1};
        try (Backend cpu = new CpuBackend();
             Tensor input = cpu.upload(x, 1, 4);
             Tensor target = cpu.upload(y, 1, 4);
             Tensor grad = cpu.allocate(1, 4);
             Tensor loss = cpu.allocate(1, 4)) {
            LossOptions options = LossOptions.MEAN.withReduction(Reduction.NONE).withPosWeight(2f);
            cpu.loss(LossFunction.BCE_WITH_LOGITS, input, Target.of(target), options, grad, loss);
            float[] l = cpu.download(loss);
            float[] g = cpu.download(grad);
            // Limits of -[p y log sigmoid(x) + (1-y) log sigmoid(-x)] and of (1-y) sigmoid(x) - p y sigmoid(-x), p = 2.
            assertEquals(0f, l[0], "x=+inf, y=1");
            assertEquals(0f, l[1], "x=-inf, y=0");
            assertEquals(inf, l[2], "x=+inf, y=0");
            assertEquals(inf, l[3], "x=-inf, y=1");
            assertEquals(0f, g[0], 0f, "gradient x=+inf, y=1");
            assertEquals(0f, g[1], 0f, "gradient x=-inf, y=0");
            assertEquals(1f, g[2], "gradient x=+inf, y=0");
            assertEquals(-2f, g[3], "gradient x=-inf, y=1");
        }
    }

    @Test
    void nanLogitsGiveNanLossAndGradientAndAreCounted() {
        float[] x = {0.5f, Float.NaN, -3f, Float.NaN, Float.NaN};
        try (Backend cpu = new CpuBackend();
             Tensor input = cpu.upload(x, 1, 5);
             Tensor grad = cpu.allocate(1, 5)) {
            LossResult result = cpu.loss(LossFunction.BCE_WITH_LOGITS, input, Target.scalar(1f), LossOptions.MEAN, grad, null);
            assertTrue(Float.isNaN(result.value()), "value " + result.value());
            assertEquals(3, result.nanInputs());
            assertTrue(result.hasNaN());
            float[] g = cpu.download(grad);
            assertTrue(Float.isNaN(g[1]) && Float.isNaN(g[3]) && Float.isNaN(g[4]));
            assertTrue(Float.isFinite(g[0]) && Float.isFinite(g[2]), "finite inputs keep finite gradients");
        }
    }

    @Test
    void emptyInputIsRejectedWithAClearMessage() {
        try (Backend cpu = new CpuBackend();
             Tensor input = cpu.allocate(0, 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> cpu.loss(LossFunction.BCE_WITH_LOGITS, input, Target.scalar(1f), LossOptions.MEAN, null, null));
            assertEquals("loss BCE_WITH_LOGITS: empty input (0x4)", e.getMessage());
        }
    }
}
