package dev.fusedgan.cuda;

import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.TestData;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static dev.fusedgan.cuda.KernelChecks.assertBitwise;

/**
 * kernels/elementwise.cu (axpy, add_bias), emulated, against CpuBackend. Each is launched with CudaBackend's
 * arguments and grid, and again on {@link #STRIDED_GRID} blocks so that every thread loops grid-stride over
 * several elements. Both kernels do the CPU's float operations in the same order and the emulator is compiled
 * without FMA contraction (as nvcc --fmad=false), so the results must be bitwise equal, infinities and NaN
 * included.
 */
class EmulatedElementwiseTest extends EmulatedKernelTestBase {
    /** rows x cols: one element, odd sizes, one 65537 long row and a 65631-element matrix. */
    static final int[][] SHAPES = {{1, 1}, {1, 257}, {13, 77}, {1, 65537}, {131, 501}};
    /** Three blocks of 256 threads: any shape above 768 elements makes each thread handle several. */
    static final int STRIDED_GRID = 3;

    /** Normal values with +-inf and NaN at fixed strides and, from 6 elements, +-inf, NaN and +-0 at random places. */
    private static float[] data(long seed, int n, double std) {
        var rng = random(seed);
        float[] x = CudaTestSupport.withNonFinite(CudaTestSupport.normal(rng, n, std));
        return n >= 6 ? TestData.withSpecials(x, rng) : x;
    }

    @Test
    void axpyIsBitwiseTheCpus() {
        for (int[] s : SHAPES) {
            int n = s[0] * s[1];
            long seed = seed(100 + n);
            var rng = random(seed);
            float[] x = data(seed, n, 5), y = CudaTestSupport.normal(rng, n, 5);
            float alpha = (float) rng.nextDouble(-2, 2);
            float[] expected;
            try (Tensor tx = cpu.upload(x, s[0], s[1]); Tensor ty = cpu.upload(y, s[0], s[1])) {
                cpu.axpy(alpha, tx, ty);
                expected = cpu.download(ty);
            }
            for (int blocks : new int[] {0, STRIDED_GRID}) {
                MemorySegment dy = upload(y);
                Launches.axpy(emulator(blocks), alpha, upload(x).address(), dy.address(), n);
                assertBitwise("axpy n=" + n + " on " + gridNote(blocks) + ", " + seedNote(seed), expected, floats(dy));
            }
        }
    }

    @Test
    void addBiasIsBitwiseTheCpus() {
        for (int[] s : SHAPES) {
            int rows = s[0], cols = s[1], n = rows * cols;
            long seed = seed(200 + n);
            float[] x = data(seed, n, 5), bias = data(seed + 1, cols, 1);
            float[] expected;
            try (Tensor tx = cpu.upload(x, rows, cols); Tensor tb = cpu.upload(bias, 1, cols)) {
                cpu.addBias(tx, tb);
                expected = cpu.download(tx);
            }
            for (int blocks : new int[] {0, STRIDED_GRID}) {
                MemorySegment dx = upload(x);
                Launches.addBias(emulator(blocks), dx.address(), upload(bias).address(), n, cols);
                assertBitwise("addBias " + rows + "x" + cols + " on " + gridNote(blocks) + ", " + seedNote(seed), expected, floats(dx));
            }
        }
    }
}
