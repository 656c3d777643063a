package dev.fusedgan.cuda;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.fusedgan.cuda.KernelChecks.assertBitwise;

/**
 * kernels/optimizer.cu (adam), emulated, against CpuBackend.adamStep over several steps. The kernel's header
 * claims the CPU's float operations in the same order, so the parameters and both moments must be bitwise
 * equal (including where a NaN or infinite gradient makes them NaN).
 */
class EmulatedOptimizerTest extends EmulatedKernelTestBase {
    private static final int STEPS = 5;

    @Test
    void adamStepsAreBitwiseTheCpus() {
        var config = new AdamConfig(2e-4f, 0.5f, 0.999f, 1e-8f);
        for (int n : new int[] {1, 257, 1001, 65537}) {
            long seed = seed(800 + n);
            var rng = random(seed);
            float[] param = CudaTestSupport.normal(rng, n, 0.1);
            float[][] grads = new float[STEPS][];
            for (int s = 0; s < STEPS; s++) grads[s] = CudaTestSupport.normal(rng, n, 1e-2);
            grads[STEPS - 1] = CudaTestSupport.withNonFinite(grads[STEPS - 1]);
            float[][] expected = CudaTestSupport.adamSteps(cpu, config, param, grads);
            for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
                MemorySegment p = upload(param), g = output(n), m = upload(new float[n]), v = upload(new float[n]);
                for (int step = 1; step <= STEPS; step++) {
                    g.copyFrom(MemorySegment.ofArray(grads[step - 1]));
                    Launches.adam(emulator(blocks), config, step, p.address(), g.address(), m.address(), v.address(), n);
                }
                String what = "adam n=" + n + " on " + gridNote(blocks) + ", " + seedNote(seed);
                assertBitwise(what + " param", expected[0], floats(p));
                assertBitwise(what + " m", expected[1], floats(m));
                assertBitwise(what + " v", expected[2], floats(v));
            }
        }
    }

}
