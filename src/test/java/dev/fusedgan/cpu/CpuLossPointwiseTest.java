package dev.fusedgan.cpu;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The non-logistic losses (squared, absolute, hinge, linear) against their float64 definitions. */
class CpuLossPointwiseTest {
    /** One rounding of a double evaluation, as for the fused BCE (see CpuLossFusedTest). */
    private static final int ULPS = 4;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (LossFunction fn : new LossFunction[] {LossFunction.SQUARED_ERROR, LossFunction.ABSOLUTE_ERROR, LossFunction.HINGE, LossFunction.LINEAR})
            for (boolean weighted : new boolean[] {false, true})
                for (boolean tensorTarget : new boolean[] {false, true})
                    for (Reduction reduction : Reduction.values())
                        all.add(Arguments.of(fn, weighted, tensorTarget, reduction));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} weighted={1} tensorTarget={2} {3}")
    @MethodSource("cases")
    void lossAndGradientMatchFloat64Definitions(LossFunction fn, boolean weighted, boolean tensorTarget, Reduction reduction) {
        SplittableRandom rng = new SplittableRandom(0x9017 + 100L * fn.ordinal() + (weighted ? 10 : 0) + (tensorTarget ? 20 : 0) + reduction.ordinal());
        int rows = 16, cols = 16, n = rows * cols;
        float[] x = TestData.withSpecials(TestData.logUniformLogits(rng, n, 1e-4, 1e3), rng);
        float[] y = null;
        if (tensorTarget) {
            y = fn == LossFunction.HINGE ? TestData.hardTargets(rng, n) : TestData.uniform(rng, n, -2, 2);
            if (fn == LossFunction.HINGE) for (int i = 0; i < n; i++) y[i] = 2 * y[i] - 1;
        }
        // Hinge labels are +-1; the generator's LINEAR loss uses y = 1.
        float scalar = fn == LossFunction.HINGE ? -1f : 1f;
        float[] w = weighted ? TestData.uniform(rng, n, 0.25, 2) : null;
        LossCase c = new LossCase(fn, rows, cols, x, y, scalar, w, 1f, LabelSmoothing.NONE, reduction, -0.5f);
        try (Backend cpu = new CpuBackend()) {
            LossConformance.assertMatchesReference(cpu, c, ULPS);
        }
    }

    @Test
    void posWeightIsRefusedForLossesOtherThanTheCrossEntropies() {
        try (Backend cpu = new CpuBackend(); Tensor x = cpu.allocate(2, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    cpu.loss(LossFunction.SQUARED_ERROR, x, Target.scalar(0f), LossOptions.MEAN.withPosWeight(2f), null, null));
            assertTrue(e.getMessage().contains("pos_weight"), e.getMessage());
        }
    }

    @Test
    void mismatchedTargetWeightGradientAndMissingElementLossAreRefused() {
        try (Backend cpu = new CpuBackend(); Tensor x = cpu.allocate(2, 3); Tensor wrong = cpu.allocate(3, 2)) {
            assertThrows(IllegalArgumentException.class, () -> cpu.loss(LossFunction.LINEAR, x, Target.of(wrong), LossOptions.MEAN, null, null));
            assertThrows(IllegalArgumentException.class, () -> cpu.loss(LossFunction.LINEAR, x, Target.scalar(1f), LossOptions.MEAN.withWeight(wrong), null, null));
            assertThrows(IllegalArgumentException.class, () -> cpu.loss(LossFunction.LINEAR, x, Target.scalar(1f), LossOptions.MEAN, wrong, null));
            assertThrows(IllegalArgumentException.class, () -> cpu.loss(LossFunction.LINEAR, x, Target.scalar(1f), LossOptions.MEAN.withReduction(Reduction.NONE), null, null));
        }
    }
}
