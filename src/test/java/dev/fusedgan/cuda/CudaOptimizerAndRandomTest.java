package dev.fusedgan.cuda;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.fusedgan.cuda.CudaTestSupport.assertBitwise;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Adam and the Philox fills on the GPU against the CPU. Adam is the same float operations in the same order
 * without FMA contraction, and the Philox bits and uniforms are integer and exact float arithmetic, so all
 * must be bitwise equal. Normals use double log/sqrt/cos/sin (CUDA's vs fdlibm, a double ulp or two apart)
 * rounded once to float, so they may differ by one float ulp.
 */
class CudaOptimizerAndRandomTest extends CudaTestBase {
    @Test
    void adamStepsAreBitwiseTheCpus() {
        var rng = new SplittableRandom(2);
        var config = new AdamConfig(2e-4f, 0.5f, 0.999f, 1e-8f);
        for (int n : new int[] {1, 1001, 3_000_017}) {
            float[] param = CudaTestSupport.normal(rng, n, 0.1);
            float[][] grads = new float[5][];
            for (int s = 0; s < grads.length; s++) grads[s] = CudaTestSupport.normal(rng, n, 1e-2);
            float[][] ref = CudaTestSupport.adamSteps(cpu, config, param, grads);
            float[][] got = CudaTestSupport.adamSteps(gpu, config, param, grads);
            assertBitwise("adam param n=" + n, ref[0], got[0]);
            assertBitwise("adam m n=" + n, ref[1], got[1]);
            assertBitwise("adam v n=" + n, ref[2], got[2]);
        }
    }

    /**
     * adamSteps (one adam_multi launch for the list) against the CPU's adamStep per tensor: bitwise, one launch per
     * step, and a host wait only on the first step (its table upload), with an empty tensor in the list.
     */
    @Test
    void adamOverAListIsOneLaunchPerStepAndBitwiseTheCpus() {
        var rng = new SplittableRandom(3);
        var config = new AdamConfig(1e-3f, 0.9f, 0.999f, 1e-8f);
        int[] sizes = {512 * 784, 512, 0, 1, 784 * 3 + 1};
        java.util.List<Tensor> gp = new java.util.ArrayList<>(), gg = new java.util.ArrayList<>(), gm = new java.util.ArrayList<>(),
                gv = new java.util.ArrayList<>(), cp = new java.util.ArrayList<>(), cg = new java.util.ArrayList<>(),
                cm = new java.util.ArrayList<>(), cv = new java.util.ArrayList<>();
        try {
            for (int n : sizes) {
                float[] p = CudaTestSupport.normal(rng, n, 0.1);
                gp.add(gpu.upload(p, 1, n)); gg.add(gpu.allocate(1, n)); gm.add(gpu.allocate(1, n)); gv.add(gpu.allocate(1, n));
                cp.add(cpu.upload(p, 1, n)); cg.add(cpu.allocate(1, n)); cm.add(cpu.allocate(1, n)); cv.add(cpu.allocate(1, n));
            }
            for (int step = 1; step <= 3; step++) {
                for (int t = 0; t < sizes.length; t++) {
                    float[] g = CudaTestSupport.normal(rng, sizes[t], 1e-2);
                    gpu.upload(g, gg.get(t));
                    cpu.upload(g, cg.get(t));
                }
                long launches = gpu.launches(), waits = gpu.hostWaits();
                gpu.adamSteps(config, step, gp, gg, gm, gv);
                org.junit.jupiter.api.Assertions.assertEquals(1, gpu.launches() - launches, "launches for the whole list");
                if (step > 1) org.junit.jupiter.api.Assertions.assertEquals(waits, gpu.hostWaits(), "the table is uploaded once");
                cpu.adamSteps(config, step, cp, cg, cm, cv);
            }
            for (int t = 0; t < sizes.length; t++) {
                assertBitwise("adam list param " + t, cpu.download(cp.get(t)), gpu.download(gp.get(t)));
                assertBitwise("adam list m " + t, cpu.download(cm.get(t)), gpu.download(gm.get(t)));
                assertBitwise("adam list v " + t, cpu.download(cv.get(t)), gpu.download(gv.get(t)));
            }
        } finally {
            for (var list : java.util.List.of(gp, gg, gm, gv, cp, cg, cm, cv)) list.forEach(Tensor::close);
        }
    }

    private static final long[][] SEEDS_AND_STREAMS = {{0, 0}, {42, 7}, {0xDEADBEEFCAFEBABEL, Long.MIN_VALUE + 3}};
    private static final int[] SIZES = {1, 2, 3, 5, 4099, 3_000_001};

    @Test
    void uniformFillsAreBitwiseTheCpus() {
        for (long[] ss : SEEDS_AND_STREAMS) {
            for (int n : SIZES) {
                assertBitwise("uniform(0,1) bits n=" + n + " seed " + ss[0], uniform(cpu, n, ss, 0f, 1f), uniform(gpu, n, ss, 0f, 1f));
                assertBitwise("uniform(-3,5) n=" + n + " seed " + ss[0], uniform(cpu, n, ss, -3f, 5f), uniform(gpu, n, ss, -3f, 5f));
            }
        }
    }

    private static float[] uniform(Backend be, int n, long[] seedAndStream, float low, float high) {
        try (Tensor t = be.allocate(1, n)) {
            be.fillUniform(t, seedAndStream[0], seedAndStream[1], low, high);
            return be.download(t);
        }
    }

    @Test
    void normalFillsAreWithinOneUlpOfTheCpus() {
        for (long[] ss : SEEDS_AND_STREAMS) {
            for (int n : SIZES) {
                float[] ref = normal(cpu, n, ss), got = normal(gpu, n, ss);
                for (int i = 0; i < n; i++) {
                    if (!(Math.abs(got[i] - ref[i]) <= Math.ulp(ref[i]))) {
                        fail("normal n=" + n + " seed " + ss[0] + " element " + i + ": cpu " + ref[i] + ", gpu " + got[i] + " (1 ulp allowed)");
                    }
                }
            }
        }
    }

    private static float[] normal(Backend be, int n, long[] seedAndStream) {
        try (Tensor t = be.allocate(1, n)) {
            be.fillNormal(t, seedAndStream[0], seedAndStream[1], 0.5f, 2f);
            return be.download(t);
        }
    }
}
