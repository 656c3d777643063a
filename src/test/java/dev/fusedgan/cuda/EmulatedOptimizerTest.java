package dev.fusedgan.cuda;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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

    /**
     * adam_multi (version 2: every tensor of a list in one launch, through the table Launches.adamTable builds)
     * against CpuBackend.adamStep on each tensor: bitwise, at sizes that differ by orders of magnitude, so in one
     * launch the grid-stride loop covers one tensor in a fraction of one pass and another in several.
     */
    @Test
    void adamMultiUpdatesEveryTensorOfTheListBitwiseAsTheCpusAdam() {
        var config = new AdamConfig(1e-3f, 0.9f, 0.999f, 1e-8f);
        int[] sizes = {257, 1, 65537, 1001};
        long seed = seed(900);
        var rng = random(seed);
        float[][] params = new float[sizes.length][];
        float[][][] grads = new float[sizes.length][STEPS][];
        float[][][] expected = new float[sizes.length][][];
        for (int t = 0; t < sizes.length; t++) {
            params[t] = CudaTestSupport.normal(rng, sizes[t], 0.1);
            for (int s = 0; s < STEPS; s++) grads[t][s] = CudaTestSupport.normal(rng, sizes[t], 1e-2);
            grads[t][STEPS - 1] = CudaTestSupport.withNonFinite(grads[t][STEPS - 1]);
            expected[t] = CudaTestSupport.adamSteps(cpu, config, params[t], grads[t]);
        }
        for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
            MemorySegment[][] buffers = new MemorySegment[sizes.length][];
            long[][] addresses = new long[sizes.length][];
            for (int t = 0; t < sizes.length; t++) {
                int n = sizes[t];
                buffers[t] = new MemorySegment[] {upload(params[t]), output(n), upload(new float[n]), upload(new float[n])};
                addresses[t] = new long[] {buffers[t][0].address(), buffers[t][1].address(), buffers[t][2].address(), buffers[t][3].address()};
            }
            MemorySegment table = memory.allocateFrom(ValueLayout.JAVA_LONG, Launches.adamTable(addresses, sizes));
            for (int step = 1; step <= STEPS; step++) {
                for (int t = 0; t < sizes.length; t++) buffers[t][1].copyFrom(MemorySegment.ofArray(grads[t][step - 1]));
                Launches.adamMulti(emulator(blocks), config, step, table.address(), sizes.length, 65537);
            }
            for (int t = 0; t < sizes.length; t++) {
                String what = "adam_multi tensor " + t + " (n=" + sizes[t] + ") on " + gridNote(blocks) + ", " + seedNote(seed);
                assertBitwise(what + " param", expected[t][0], floats(buffers[t][0]));
                assertBitwise(what + " m", expected[t][1], floats(buffers[t][2]));
                assertBitwise(what + " v", expected[t][2], floats(buffers[t][3]));
            }
        }
    }

}
