package dev.fusedgan.cpu;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.ActivationReference;
import dev.fusedgan.testing.TestData;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Activations, fills, copies, axpy, sums of squares, views and shape checks of the CPU engine. */
class CpuElementwiseTest {
    private final Backend cpu = new CpuBackend();

    @AfterEach
    void close() { cpu.close(); }

    static Stream<Activation> activations() {
        return Stream.of(Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.2f), Activation.TANH, Activation.SIGMOID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationMatchesFloat64DefinitionAcrossMagnitudes(Activation f) {
        SplittableRandom rng = new SplittableRandom(0xAC71 + f.kind().ordinal());
        float[] x = TestData.logUniformLogits(rng, 1000, 1e-6, 100);
        float[] y;
        try (Tensor t = cpu.upload(x, 20, 50)) {
            cpu.activate(f, t, t);
            y = cpu.download(t);
        }
        for (int i = 0; i < x.length; i++) {
            final int at = i;
            double expected = ActivationReference.apply(f, x[i]);
            // The CPU evaluates in double (or exactly, or with one float product for leaky relu) and rounds
            // once: within 1/2 ulp, plus the double library's ~1e-16; one ulp states that.
            Tolerance.assertClose(expected, y[i], Tolerance.floatUlps(expected, 1), () -> f + " at x=" + x[at]);
        }
    }

    @Test
    void fillCopyAxpyAndSumOfSquaresAreExactOrWithinOneRounding() {
        SplittableRandom rng = new SplittableRandom(0xF111);
        float[] x = TestData.normal(rng, 60), y = TestData.normal(rng, 60);
        try (Tensor tx = cpu.upload(x, 6, 10); Tensor ty = cpu.upload(y, 6, 10); Tensor tz = cpu.allocate(6, 10)) {
            cpu.fill(tz, -2.5f);
            for (float v : cpu.download(tz)) assertEquals(-2.5f, v);
            cpu.copy(tx, tz);
            assertArrayEquals(x, cpu.download(tz));
            cpu.axpy(-0.3f, tx, ty);
            float[] r = cpu.download(ty);
            double sumSq = 0;
            for (int i = 0; i < 60; i++) {
                final int at = i;
                double expected = y[i] + (-0.3) * x[i];
                // Two float roundings (product, sum) of values bounded by |y| + 0.3 |x|.
                Tolerance.assertClose(expected, r[i], 2 * Tolerance.FLOAT_ROUNDOFF * (Math.abs(y[i]) + 0.3 * Math.abs(x[i])), () -> "axpy[" + at + "]");
                sumSq += (double) x[i] * x[i];
            }
            // Accumulated in double: 60 additions of positive terms, relative error <= 60 * 2^-53.
            assertEquals(sumSq, cpu.sumOfSquares(tx), 60 * Tolerance.DOUBLE_ROUNDOFF * sumSq);
        }
    }

    @Test
    void rowSliceViewsWriteIntoTheirParent() {
        float[] base = TestData.normal(new SplittableRandom(0x5CE), 24);
        try (Tensor parent = cpu.upload(base, 6, 4)) {
            Tensor view = parent.rowSlice(2, 4);
            assertTrue(view.isView());
            assertEquals(2, view.rows());
            cpu.fill(view, 7f);
            Tensor nested = parent.rowSlice(3, 6).rowSlice(1, 2); // row 4 of the parent
            cpu.upload(new float[] {1, 2, 3, 4}, nested);
            float[] after = cpu.download(parent);
            for (int i = 0; i < 24; i++) {
                float expected = i >= 8 && i < 16 ? 7f : i >= 16 && i < 20 ? i - 15 : base[i];
                assertEquals(expected, after[i], "element " + i);
            }
            assertArrayEquals(new float[] {7, 7, 7, 7, 7, 7, 7, 7}, cpu.download(view));
            view.close();
            assertEquals(7f, cpu.download(parent)[8], "closing a view leaves the parent usable");
            assertThrows(IndexOutOfBoundsException.class, () -> parent.rowSlice(4, 7));
        }
    }

    @Test
    void shapeMismatchesThrowIllegalArgumentNamingTheOperation() {
        try (Tensor a = cpu.allocate(2, 3); Tensor b = cpu.allocate(3, 2); Tensor bias = cpu.allocate(1, 4)) {
            assertMessageStarts("copy:", () -> cpu.copy(a, b));
            assertMessageStarts("axpy:", () -> cpu.axpy(1f, a, b));
            assertMessageStarts("activate:", () -> cpu.activate(Activation.TANH, a, b));
            assertMessageStarts("activateBackward:", () -> cpu.activateBackward(Activation.TANH, a, a, b, a));
            assertMessageStarts("addBias:", () -> cpu.addBias(a, bias));
            assertMessageStarts("sumRows:", () -> cpu.sumRows(a, bias));
            assertMessageStarts("upload:", () -> cpu.upload(new float[5], a));
            assertMessageStarts("download:", () -> cpu.download(a, new float[5]));
        }
    }

    private static void assertMessageStarts(String prefix, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(prefix), "message '" + e.getMessage() + "' should start with " + prefix);
    }

    @Test
    void sumOfSquaresIntoWritesTheListSumRoundedToFloat() {
        SplittableRandom rng = new SplittableRandom(77);
        float[] a = new float[301], b = new float[17];
        for (int i = 0; i < a.length; i++) a[i] = (float) (rng.nextGaussian() * (i % 7 == 0 ? 1e3 : 1));
        for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextGaussian();
        try (Tensor ta = cpu.upload(a, 7, 43); Tensor tb = cpu.upload(b, 1, 17); Tensor result = cpu.allocate(1, 2);
             Tensor wrong = cpu.allocate(2, 1)) {
            double sum = cpu.sumOfSquares(java.util.List.of(ta, tb));
            cpu.sumOfSquaresInto(java.util.List.of(ta, tb), result);
            assertArrayEquals(new float[] {(float) sum, 0f}, cpu.download(result));
            var e = assertThrows(IllegalArgumentException.class, () -> cpu.sumOfSquaresInto(java.util.List.of(ta), wrong));
            assertEquals("sumOfSquaresInto: the result tensor must be 1x2, got 2x1", e.getMessage());
        }
    }
}
