package dev.fusedgan.cuda;

import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.fusedgan.cuda.KernelChecks.assertBitwise;
import static dev.fusedgan.cuda.KernelChecks.assertWithin;

/**
 * kernels/random.cu (fill_uniform, fill_normal), emulated, against CpuBackend (dev.fusedgan.random.Philox),
 * launched as CudaBackend launches them (one thread per Philox block of 4 elements) and on a few blocks that
 * loop grid-stride. The Philox bits are integer arithmetic and the uniforms exact float arithmetic: bitwise.
 * The normals are double log/sqrt/cos/sin (glibc here, fdlibm's StrictMath on the CPU, each within a double ulp
 * or so of exact) rounded once to float, so they may differ by one float ulp.
 */
class EmulatedRandomTest extends EmulatedKernelTestBase {
    /** {seed, stream} pairs, including ones whose high words matter. */
    private static final long[][] SEEDS_AND_STREAMS = {{0, 0}, {42, 7}, {0xDEADBEEFCAFEBABEL, Long.MIN_VALUE + 3}};
    /** Sizes that end in every lane of a Philox block, and 4099: 1025 blocks, more than 3 x 256 threads. */
    private static final int[] SIZES = {1, 2, 3, 5, 257, 4099, 65537};

    @Test
    void uniformFillsAreBitwiseTheCpus() {
        for (long[] ss : SEEDS_AND_STREAMS) {
            for (int n : SIZES) {
                for (float[] range : new float[][] {{0f, 1f}, {-3f, 5f}}) {
                    float low = range[0], high = range[1];
                    float[] expected;
                    try (Tensor t = cpu.allocate(1, n)) {
                        cpu.fillUniform(t, ss[0], ss[1], low, high);
                        expected = cpu.download(t);
                    }
                    for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
                        MemorySegment out = output(n);
                        Launches.fillUniform(emulator(blocks), out.address(), n, ss[0], ss[1], low, high);
                        assertBitwise("uniform(" + low + "," + high + ") n=" + n + " seed " + ss[0] + " stream " + ss[1]
                                + " on " + gridNote(blocks), expected, floats(out));
                    }
                }
            }
        }
    }

    @Test
    void normalFillsAreWithinOneUlpOfTheCpus() {
        for (long[] ss : SEEDS_AND_STREAMS) {
            for (int n : SIZES) {
                float[] expected;
                try (Tensor t = cpu.allocate(1, n)) {
                    cpu.fillNormal(t, ss[0], ss[1], 0.5f, 2f);
                    expected = cpu.download(t);
                }
                for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
                    MemorySegment out = output(n);
                    Launches.fillNormal(emulator(blocks), out.address(), n, ss[0], ss[1], 0.5f, 2f);
                    assertWithin("normal n=" + n + " seed " + ss[0] + " stream " + ss[1] + " on " + gridNote(blocks),
                            expected, floats(out), i -> Math.ulp(expected[i]));
                }
            }
        }
    }
}
