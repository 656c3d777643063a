package dev.fusedgan.cpu;

import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lossInto writes exactly what loss returns (value bitwise, NaN count), and leaves the same gradient. */
class CpuLossIntoTest {
    private final CpuBackend cpu = new CpuBackend();

    @ParameterizedTest
    @EnumSource(LossFunction.class)
    void lossIntoWritesTheValueAndNanCountThatLossReturns(LossFunction fn) {
        SplittableRandom rng = new SplittableRandom(0x1A70 + fn.ordinal());
        int rows = 37, cols = 11, n = rows * cols;
        float[] x = TestData.withSpecials(TestData.logUniformLogits(rng, n, 1e-3, 1e3), rng);
        long nans = TestData.countNaN(x);
        assertTrue(nans > 0, "the data must contain NaN inputs for the count to be checked");
        float[] y = fn == LossFunction.HINGE ? TestData.hardTargets(rng, n) : TestData.uniform(rng, n, 0, 1);
        float[] w = TestData.uniform(rng, n, 0.25, 2);
        for (Reduction reduction : Reduction.values()) {
            try (Tensor xt = cpu.upload(x, rows, cols); Tensor yt = cpu.upload(y, rows, cols); Tensor wt = cpu.upload(w, rows, cols);
                 Tensor g1 = cpu.allocate(rows, cols); Tensor g2 = cpu.allocate(rows, cols);
                 Tensor e1 = cpu.allocate(rows, cols); Tensor e2 = cpu.allocate(rows, cols); Tensor result = cpu.allocate(1, 2)) {
                float posWeight = fn.isCrossEntropy() ? 1.75f : 1f;
                LossOptions options = new LossOptions(wt, posWeight, LabelSmoothing.oneSided(0.1f), reduction, -0.5f);
                LossResult expected = cpu.loss(fn, xt, Target.of(yt), options, g1, e1);
                cpu.lossInto(fn, xt, Target.of(yt), options, g2, e2, result);
                float[] got = cpu.download(result);
                String what = fn + " " + reduction;
                assertEquals(Float.floatToIntBits(expected.value()), Float.floatToIntBits(got[0]), what + ": value " + expected.value() + " vs " + got[0]);
                assertEquals(nans, expected.nanInputs(), what);
                assertEquals((float) nans, got[1], what + ": NaN count");
                assertArrayEquals(cpu.download(g1), cpu.download(g2), what + ": gradient");
                if (reduction == Reduction.NONE) assertArrayEquals(cpu.download(e1), cpu.download(e2), what + ": per-element loss");
            }
        }
    }

    @Test
    void lossIntoRefusesAResultThatIsNotOneByTwo() {
        try (Tensor x = cpu.upload(new float[] {0.5f, -2f}, 1, 2); Tensor wrong = cpu.allocate(2, 1)) {
            var e = assertThrows(IllegalArgumentException.class, () ->
                    cpu.lossInto(LossFunction.BCE_WITH_LOGITS, x, Target.scalar(1f), LossOptions.MEAN, null, null, wrong));
            assertTrue(e.getMessage().contains("1x2"), e.getMessage());
        }
    }
}
