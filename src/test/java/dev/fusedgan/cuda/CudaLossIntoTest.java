package dev.fusedgan.cuda;

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

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The non-blocking loss: {@code lossInto} leaves on the device the value {@code loss} returns (bitwise: the
 * same kernels and reduction order, and the same double multiply rounded to float) and the NaN count, and
 * agrees with the CPU reference within CudaLossTest's bound for the reduced value: 1e-5 of the sum of
 * |terms|, which for these non-negative terms is 1e-5 of the value.
 */
class CudaLossIntoTest extends CudaTestBase {
    @ParameterizedTest
    @EnumSource(value = LossFunction.class, names = {"BCE_WITH_LOGITS", "BCE_UNFUSED", "SQUARED_ERROR"})
    void lossIntoMatchesLossAndTheCpuReference(LossFunction fn) {
        var rng = new SplittableRandom(0x10A + fn.ordinal());
        int rows = 1733, cols = 31, n = rows * cols;
        float[] x = CudaTestSupport.logits(rng, n);
        float[] y = CudaTestSupport.uniform(rng, n, 0, 1);
        float[] w = CudaTestSupport.uniform(rng, n, 0.01, 2);
        for (Reduction reduction : new Reduction[] {Reduction.MEAN, Reduction.SUM}) {
            try (Tensor xg = gpu.upload(x, rows, cols); Tensor yg = gpu.upload(y, rows, cols); Tensor wg = gpu.upload(w, rows, cols);
                 Tensor gg = gpu.allocate(rows, cols); Tensor result = gpu.allocate(1, 2);
                 Tensor xc = cpu.upload(x, rows, cols); Tensor yc = cpu.upload(y, rows, cols); Tensor wc = cpu.upload(w, rows, cols)) {
                float posWeight = fn.isCrossEntropy() ? 1.5f : 1f;
                LossOptions gpuOptions = new LossOptions(wg, posWeight, LabelSmoothing.oneSided(0.1f), reduction, 1f);
                LossOptions cpuOptions = gpuOptions.withWeight(wc);
                gpu.lossInto(fn, xg, Target.of(yg), gpuOptions, gg, null, result);
                float[] into = gpu.download(result);
                LossResult direct = gpu.loss(fn, xg, Target.of(yg), gpuOptions, gg, null);
                LossResult ref = cpu.loss(fn, xc, Target.of(yc), cpuOptions, null, null);
                String what = fn + " " + reduction;
                assertEquals(Float.floatToIntBits(direct.value()), Float.floatToIntBits(into[0]), what + ": lossInto " + into[0] + " vs loss " + direct.value());
                assertEquals(0f, into[1], what + ": no NaN inputs");
                assertEquals(ref.value(), into[0], 1e-5 * Math.abs(ref.value()), what + ": against the CPU");
            }
        }
    }

    @Test
    void lossIntoCountsNanInputsAndPropagatesNan() {
        var rng = new SplittableRandom(0x10B);
        int n = 100_003;
        float[] x = CudaTestSupport.withNonFinite(CudaTestSupport.logits(rng, n));
        long nans = 0;
        for (float v : x) if (Float.isNaN(v)) nans++;
        assertTrue(nans > 100, "the data has NaN inputs");
        try (Tensor xg = gpu.upload(x, n, 1); Tensor result = gpu.allocate(1, 2); Tensor xc = cpu.upload(x, n, 1)) {
            gpu.lossInto(LossFunction.BCE_WITH_LOGITS, xg, Target.scalar(1f), LossOptions.MEAN, null, null, result);
            float[] into = gpu.download(result);
            LossResult ref = cpu.loss(LossFunction.BCE_WITH_LOGITS, xc, Target.scalar(1f), LossOptions.MEAN, null, null);
            assertEquals(nans, ref.nanInputs());
            assertEquals((float) nans, into[1], "NaN count");
            assertTrue(Float.isNaN(into[0]) && Float.isNaN(ref.value()), "NaN in gives NaN out: gpu " + into[0] + ", cpu " + ref.value());
        }
    }

    @Test
    void fusedLossIntoIsTwoLaunchesLikeLoss() {
        var rng = new SplittableRandom(0x10C);
        float[] x = CudaTestSupport.logits(rng, 64);
        try (Tensor xg = gpu.upload(x, 64, 1); Tensor grad = gpu.allocate(64, 1); Tensor result = gpu.allocate(1, 2)) {
            long before = gpu.launches();
            gpu.lossInto(LossFunction.BCE_WITH_LOGITS, xg, Target.scalar(1f), LossOptions.MEAN, grad, null, result);
            assertEquals(2, gpu.launches() - before, "loss+gradient kernel, then the reduction writing the result tensor");
        }
    }
}
