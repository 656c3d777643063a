package dev.fusedgan.cpu;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.GemmReference;
import dev.fusedgan.testing.GemmReference.Matrix;
import dev.fusedgan.testing.TestData;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GEMM against a naive float64 triple loop, with the standard float32 dot-product error bound. */
class CpuGemmTest {
    private final Backend cpu = new CpuBackend();

    @AfterEach
    void close() { cpu.close(); }

    static Stream<Arguments> cases() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {65, 33, 17}};
        float[][] alphaBeta = {{1f, 0f}, {-0.75f, 1f}, {2f, -0.5f}};
        List<Arguments> all = new ArrayList<>();
        for (int[] s : shapes)
            for (boolean ta : new boolean[] {false, true})
                for (boolean tb : new boolean[] {false, true})
                    for (float[] ab : alphaBeta) all.add(Arguments.of(s[0], s[1], s[2], ta, tb, ab[0], ab[1]));
        return all.stream();
    }

    @ParameterizedTest(name = "m={0} k={1} n={2} transA={3} transB={4} alpha={5} beta={6}")
    @MethodSource("cases")
    void gemmMatchesFloat64TripleLoop(int m, int k, int n, boolean transA, boolean transB, float alpha, float beta) {
        SplittableRandom rng = new SplittableRandom(31L * m + 7L * k + n + (transA ? 1000 : 0) + (transB ? 2000 : 0) + (long) (alpha * 10));
        Matrix a = transA ? normal(rng, k, m) : normal(rng, m, k);
        Matrix b = transB ? normal(rng, n, k) : normal(rng, k, n);
        Matrix c = normal(rng, m, n);
        double[] expected = GemmReference.gemm(transA, transB, alpha, a, b, beta, c);
        double[] magnitude = GemmReference.magnitude(transA, transB, alpha, a, b, beta, c);
        float[] actual = run(transA, transB, alpha, a, b, beta, c);
        for (int i = 0; i < actual.length; i++) {
            final int at = i;
            // (k + 3) u |alpha| |op(a)||op(b)| + |beta c|: see GemmReference.magnitude.
            Tolerance.assertClose(expected[i], actual[i], (k + 3) * Tolerance.FLOAT_ROUNDOFF * magnitude[i], () -> "c[" + at + "]");
        }
    }

    @Test
    void betaZeroIgnoresNanAndInfinityInC() {
        SplittableRandom rng = new SplittableRandom(0xBE7A);
        Matrix a = normal(rng, 3, 4), b = normal(rng, 4, 5);
        float[] garbage = new float[15];
        Arrays.fill(garbage, Float.NaN);
        garbage[3] = Float.POSITIVE_INFINITY;
        float[] actual = run(false, false, 1.5f, a, b, 0f, new Matrix(garbage, 3, 5));
        double[] expected = GemmReference.gemm(false, false, 1.5, a, b, 0, null);
        double[] magnitude = GemmReference.magnitude(false, false, 1.5, a, b, 0, null);
        for (int i = 0; i < actual.length; i++) {
            final int at = i;
            assertTrue(Float.isFinite(actual[i]), "c[" + i + "] = " + actual[i]);
            Tolerance.assertClose(expected[i], actual[i], 7 * Tolerance.FLOAT_ROUNDOFF * magnitude[i], () -> "c[" + at + "]");
        }
    }

    @Test
    void gemmReadsAndWritesRowSliceViews() {
        SplittableRandom rng = new SplittableRandom(0x511CE);
        Matrix a = normal(rng, 6, 4), b = normal(rng, 4, 3);
        try (Tensor ta = cpu.upload(a.data(), 6, 4); Tensor tb = cpu.upload(b.data(), 4, 3); Tensor tc = cpu.allocate(6, 3)) {
            cpu.fill(tc, 9f);
            cpu.gemm(false, false, 1f, ta.rowSlice(2, 5), tb, 0f, tc.rowSlice(1, 4));
            float[] c = cpu.download(tc);
            double[] expected = GemmReference.gemm(false, false, 1, new Matrix(Arrays.copyOfRange(a.data(), 8, 20), 3, 4), b, 0, null);
            double[] magnitude = GemmReference.magnitude(false, false, 1, new Matrix(Arrays.copyOfRange(a.data(), 8, 20), 3, 4), b, 0, null);
            for (int i = 0; i < 18; i++) {
                final int at = i;
                if (i < 3 || i >= 12) {
                    assertTrue(c[i] == 9f, "rows outside the slice untouched, c[" + i + "] = " + c[i]);
                } else {
                    Tolerance.assertClose(expected[i - 3], c[i], 7 * Tolerance.FLOAT_ROUNDOFF * magnitude[i - 3], () -> "c[" + at + "]");
                }
            }
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        try (Tensor a = cpu.allocate(3, 4); Tensor b = cpu.allocate(5, 2); Tensor c = cpu.allocate(3, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, false, 1f, a, b, 0f, c));
            assertTrue(e.getMessage().startsWith("gemm:"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> cpu.gemm(false, true, 1f, a, b, 0f, c));
        }
    }

    /** The parallel path splits rows only and each row is summed in a fixed order, so reruns are bitwise equal. */
    @Test
    void largeGemmOnTheParallelPathIsBitwiseReproducible() {
        SplittableRandom rng = new SplittableRandom(0xDE7);
        int m = 300, k = 257, n = 190; // 14.6 M multiply-adds, far above the parallel threshold
        Matrix a = normal(rng, k, m), b = normal(rng, k, n), c = normal(rng, m, n);
        float[] first = run(true, false, 0.5f, a, b, 1f, c);
        float[] second = run(true, false, 0.5f, a, b, 1f, c);
        assertArrayEquals(first, second);
    }

    /**
     * Blocking rows changes which rows share a pass over b, never an element's sum: every c[i][j] must be
     * bitwise the float sum acc += a_ip * b_pj over p in order, then alpha * acc + beta * c. 61 rows is
     * not a multiple of the row block, so a partial block is covered too.
     */
    @Test
    void blockedGemmIsBitwiseTheInOrderFloatSumOfEachElement() {
        SplittableRandom rng = new SplittableRandom(0xB10C);
        int m = 61, k = 300, n = 45;
        Matrix a = normal(rng, m, k), b = normal(rng, k, n), c = normal(rng, m, n);
        float[] actual = run(false, false, 0.5f, a, b, 1f, c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) acc += a.data()[i * k + p] * b.data()[p * n + j];
                assertEquals(0.5f * acc + 1f * c.data()[i * n + j], actual[i * n + j], 0f, "c[" + i + "][" + j + "]");
            }
        }
    }

    private float[] run(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        try (Tensor ta = cpu.upload(a.data(), a.rows(), a.cols());
             Tensor tb = cpu.upload(b.data(), b.rows(), b.cols());
             Tensor tc = cpu.upload(c.data(), c.rows(), c.cols())) {
            cpu.gemm(transA, transB, alpha, ta, tb, beta, tc);
            return cpu.download(tc);
        }
    }

    private static Matrix normal(SplittableRandom rng, int rows, int cols) {
        return new Matrix(TestData.normal(rng, rows * cols), rows, cols);
    }
}
