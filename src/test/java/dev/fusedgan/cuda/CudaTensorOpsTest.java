package dev.fusedgan.cuda;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.fusedgan.cuda.CudaTestSupport.assertBitwise;
import static dev.fusedgan.cuda.CudaTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Memory, GEMM, bias, activations, axpy and sum of squares on the GPU against the CPU reference, at 1 element,
 * odd sizes and about 3 million. Kernels built with --fmad=false round like Java, so where the CPU does the
 * same float operations (axpy, addBias, relu, backward passes, sumRows in double in row order) the results
 * must be bitwise equal.
 */
class CudaTensorOpsTest extends CudaTestBase {
    private static final int[][] SHAPES = {{1, 1}, {7, 13}, {301, 129}, {CudaTestSupport.BIG_ROWS, CudaTestSupport.BIG_COLS}};




    @Test
    void uploadDownloadCopyAndFillRoundTrip() {
        var rng = new SplittableRandom(1);
        for (int[] s : SHAPES) {
            float[] data = CudaTestSupport.normal(rng, s[0] * s[1], 10);
            try (Tensor a = gpu.upload(data, s[0], s[1]); Tensor b = gpu.allocate(s[0], s[1])) {
                assertBitwise("fresh tensor is zero", new float[data.length], gpu.download(b));
                gpu.copy(a, b);
                assertBitwise("upload/copy/download", data, gpu.download(b));
                gpu.fill(b, -2.5f);
                float[] filled = new float[data.length];
                Arrays.fill(filled, -2.5f);
                assertBitwise("fill", filled, gpu.download(b));
            }
        }
    }

    @Test
    void rowSliceViewsAddressTheirRowsOnly() {
        try (Tensor t = gpu.allocate(10, 6)) {
            Tensor view = t.rowSlice(3, 7);
            gpu.fill(view, 2f);
            gpu.upload(new float[] {1, 2, 3, 4, 5, 6}, t.rowSlice(9, 10));
            float[] all = gpu.download(t);
            for (int i = 0; i < 60; i++) {
                float expected = i >= 18 && i < 42 ? 2f : i >= 54 ? i - 53 : 0f;
                assertEquals(expected, all[i], "element " + i);
            }
            view.close();
            assertEquals(2f, gpu.download(t)[20], "closing a view must not free the owner");
        }
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void gemmMatchesTheCpuForEveryTranspose(boolean transA, boolean transB) {
        var rng = new SplittableRandom(transA ? 3 : 4);
        for (int[] mnk : new int[][] {{1, 1, 1}, {7, 5, 3}, {33, 65, 17}, {257, 129, 300}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            int[] aShape = transA ? new int[] {k, m} : new int[] {m, k};
            int[] bShape = transB ? new int[] {n, k} : new int[] {k, n};
            float[] a = CudaTestSupport.normal(rng, m * k, 1), b = CudaTestSupport.normal(rng, k * n, 1);
            float[] c = CudaTestSupport.normal(rng, m * n, 1);
            for (float beta : new float[] {-0.5f, 0f}) {
                float[] c0 = beta == 0f ? nans(m * n) : c;
                float[] ref = gemm(cpu, transA, transB, 1.5f, a, aShape, b, bShape, beta, c0, m, n);
                float[] got = gemm(gpu, transA, transB, 1.5f, a, aShape, b, bShape, beta, c0, m, n);
                // Both sums of k products are within about k ulp of the exact one (different orders), so each
                // element may differ by (2k + 4) 2^-24 times the sum of the magnitudes it adds up.
                float[] magnitude = gemm(cpu, transA, transB, 1.5f, abs(a), aShape, abs(b), bShape, 0f, new float[m * n], m, n);
                for (int i = 0; i < m * n; i++) {
                    double tol = (2.0 * k + 4) * 0x1p-24 * (magnitude[i] + (beta == 0 ? 0 : Math.abs(beta * c0[i]))) + 1e-30;
                    assertEquals(ref[i], got[i], tol, "gemm " + m + "x" + n + "x" + k + " beta " + beta + " element " + i);
                }
            }
        }
    }

    private static float[] gemm(Backend be, boolean transA, boolean transB, float alpha, float[] a, int[] aShape,
                                float[] b, int[] bShape, float beta, float[] c, int m, int n) {
        try (Tensor ta = be.upload(a, aShape[0], aShape[1]); Tensor tb = be.upload(b, bShape[0], bShape[1]);
             Tensor tc = be.upload(c, m, n)) {
            be.gemm(transA, transB, alpha, ta, tb, beta, tc);
            return be.download(tc);
        }
    }

    @Test
    void addBiasSumRowsAndAxpyAreBitwiseTheCpus() {
        var rng = new SplittableRandom(5);
        for (int[] s : SHAPES) {
            int rows = s[0], cols = s[1];
            float[] x = CudaTestSupport.normal(rng, rows * cols, 5), y = CudaTestSupport.normal(rng, rows * cols, 5);
            float[] bias = CudaTestSupport.normal(rng, cols, 1);
            String shape = rows + "x" + cols;
            assertBitwise("addBias " + shape, apply(cpu, x, y, bias, rows, cols, Op.ADD_BIAS), apply(gpu, x, y, bias, rows, cols, Op.ADD_BIAS));
            assertBitwise("sumRows " + shape, apply(cpu, x, y, bias, rows, cols, Op.SUM_ROWS), apply(gpu, x, y, bias, rows, cols, Op.SUM_ROWS));
            assertBitwise("axpy " + shape, apply(cpu, x, y, bias, rows, cols, Op.AXPY), apply(gpu, x, y, bias, rows, cols, Op.AXPY));
        }
    }

    /** -Dfusedgan.cuda.sumRows=2: the chunked column sums, bitwise their own order (computed in Java). */
    @Test
    void chunkedSumRowsIsBitwiseItsOrder() {
        String previous = System.setProperty(CudaBackend.SUM_ROWS_PROPERTY, "2");
        try (CudaBackend chunked = CudaBackend.open()) {
            var rng = new SplittableRandom(25);
            for (int[] s : new int[][] {{33, 1}, {256, 512}, {512, 784}, {4096, 3}}) {
                int rows = s[0], cols = s[1];
                float[] dy = CudaTestSupport.normal(rng, rows * cols, 5);
                float[] expected = CudaTestSupport.chunkedColumnSums(dy, rows, cols, Launches.ROW_CHUNK);
                try (Tensor td = chunked.upload(dy, rows, cols); Tensor to = chunked.allocate(1, cols)) {
                    long before = chunked.launches();
                    chunked.sumRows(td, to);
                    assertEquals(2, chunked.launches() - before, "chunk sums, then the column totals");
                    assertBitwise("chunked sumRows " + rows + "x" + cols, expected, chunked.download(to));
                }
            }
        } finally {
            if (previous == null) System.clearProperty(CudaBackend.SUM_ROWS_PROPERTY);
            else System.setProperty(CudaBackend.SUM_ROWS_PROPERTY, previous);
        }
    }

    private enum Op { ADD_BIAS, SUM_ROWS, AXPY }

    private static float[] apply(Backend be, float[] x, float[] y, float[] bias, int rows, int cols, Op op) {
        try (Tensor tx = be.upload(x, rows, cols); Tensor ty = be.upload(y, rows, cols); Tensor tb = be.upload(bias, 1, cols)) {
            switch (op) {
                case ADD_BIAS -> { be.addBias(tx, tb); return be.download(tx); }
                case SUM_ROWS -> { be.sumRows(tx, tb); return be.download(tb); }
                case AXPY -> { be.axpy(-0.75f, tx, ty); return be.download(ty); }
            }
            throw new AssertionError(op);
        }
    }

    @Test
    void sumOfSquaresMatchesTheCpu() {
        var rng = new SplittableRandom(6);
        for (int[] s : SHAPES) {
            float[] x = CudaTestSupport.normal(rng, s[0] * s[1], 100);
            try (Tensor tg = gpu.upload(x, s[0], s[1]); Tensor tc = cpu.upload(x, s[0], s[1])) {
                double ref = cpu.sumOfSquares(tc);
                // Double sums of positive terms in another order: relative error below n 2^-53, under 1e-9 here.
                assertEquals(ref, gpu.sumOfSquares(tg), 1e-9 * ref, "sumOfSquares " + s[0] + "x" + s[1]);
            }
        }
    }

    @Test
    void sumOfSquaresOfAListIsOneWaitAndMatchesTheCpu() {
        var rng = new SplittableRandom(16);
        List<Tensor> onGpu = new java.util.ArrayList<>(), onCpu = new java.util.ArrayList<>();
        try {
            for (int[] s : SHAPES) {
                float[] x = CudaTestSupport.normal(rng, s[0] * s[1], 50);
                onGpu.add(gpu.upload(x, s[0], s[1]));
                onCpu.add(cpu.upload(x, s[0], s[1]));
            }
            onGpu.add(gpu.allocate(0, 3));
            onCpu.add(cpu.allocate(0, 3));
            double ref = cpu.sumOfSquares(onCpu);
            long before = gpu.launches();
            double got = gpu.sumOfSquares(onGpu);
            // the same bound as for one tensor: positive terms summed in another order
            assertEquals(ref, got, 1e-9 * ref, "sumOfSquares of " + SHAPES.length + " tensors");
            assertEquals(SHAPES.length + 1, gpu.launches() - before, "one partials launch per non-empty tensor, one reduction");
            assertEquals(0.0, gpu.sumOfSquares(List.of(onGpu.getLast())), "an empty list sums to 0");
            // Left on the device: the same double sum rounded once to float, and no wait until it is read.
            try (Tensor result = gpu.allocate(1, 2)) {
                long waits = gpu.hostWaits();
                gpu.sumOfSquaresInto(onGpu, result);
                assertEquals(waits, gpu.hostWaits(), "sumOfSquaresInto waits for nothing");
                float[] written = gpu.download(result);
                assertEquals((float) got, written[0], "sumOfSquaresInto writes (float) the sum");
                assertEquals(0f, written[1]);
                gpu.sumOfSquaresInto(List.of(onGpu.getLast()), result);
                assertEquals(0f, gpu.download(result)[0], "an empty list writes 0");
            }
        } finally {
            onGpu.forEach(Tensor::close);
            onCpu.forEach(Tensor::close);
        }
    }

    @Test
    void activationsAndTheirBackwardPassesMatchTheCpu() {
        var rng = new SplittableRandom(8);
        for (Activation f : List.of(Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.2f), Activation.TANH, Activation.SIGMOID)) {
            for (int[] s : SHAPES) {
                int n = s[0] * s[1];
                float[] x = CudaTestSupport.logits(rng, n), dy = CudaTestSupport.normal(rng, n, 1);
                float[][] ref = activation(cpu, f, x, dy, s[0], s[1]);
                float[][] got = activation(gpu, f, x, dy, s[0], s[1]);
                String what = f + " " + s[0] + "x" + s[1];
                // tanhf and expf are within 2 ulp; the CPU rounds a double result once: rtol 1e-6 covers both.
                boolean transcendental = f.kind() == Activation.Kind.TANH || f.kind() == Activation.Kind.SIGMOID;
                if (transcendental) assertClose(what + " forward", ref[0], got[0], 1e-38, 1e-6);
                else assertBitwise(what + " forward", ref[0], got[0]);
                // Backward is given the same x, y and dy on both sides and does the same float operations.
                assertBitwise(what + " backward", ref[1], got[1]);
            }
        }
    }

    @Test
    void biasAndActivationInOneKernelMatchTheCpusTwoCalls() {
        var rng = new SplittableRandom(18);
        for (Activation f : List.of(Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.2f), Activation.TANH, Activation.SIGMOID)) {
            for (int[] s : SHAPES) {
                int rows = s[0], cols = s[1];
                float[] z = CudaTestSupport.logits(rng, rows * cols), bias = CudaTestSupport.normal(rng, cols, 2);
                float[][] ref = biasActivate(cpu, f, z, bias, rows, cols), got = biasActivate(gpu, f, z, bias, rows, cols);
                String what = f + " " + rows + "x" + cols;
                assertBitwise(what + " pre-activation", ref[0], got[0]);
                // as in activationsAndTheirBackwardPassesMatchTheCpu: tanhf/expf within 2 ulp, rtol 1e-6
                boolean transcendental = f.kind() == Activation.Kind.TANH || f.kind() == Activation.Kind.SIGMOID;
                if (transcendental) assertClose(what + " y", ref[1], got[1], 1e-38, 1e-6);
                else assertBitwise(what + " y", ref[1], got[1]);
            }
        }
        try (Tensor z = gpu.allocate(4, 3); Tensor b = gpu.allocate(1, 3); Tensor y = gpu.allocate(4, 3)) {
            long before = gpu.launches();
            gpu.addBiasActivate(Activation.RELU, z, b, y);
            assertEquals(1, gpu.launches() - before, "bias and activation in one launch");
        }
    }

    /** {z + bias, f(z + bias)} from Backend.addBiasActivate. */
    private static float[][] biasActivate(Backend be, Activation f, float[] z, float[] bias, int rows, int cols) {
        try (Tensor tz = be.upload(z, rows, cols); Tensor tb = be.upload(bias, 1, cols); Tensor ty = be.allocate(rows, cols)) {
            be.addBiasActivate(f, tz, tb, ty);
            return new float[][] {be.download(tz), be.download(ty)};
        }
    }

    /** {forward y, backward dx}, the backward pass fed the CPU's y on both backends. */
    private static float[][] activation(Backend be, Activation f, float[] x, float[] dy, int rows, int cols) {
        float[] yRef;
        try (Tensor tx = cpu.upload(x, rows, cols); Tensor ty = cpu.allocate(rows, cols)) {
            cpu.activate(f, tx, ty);
            yRef = cpu.download(ty);
        }
        try (Tensor tx = be.upload(x, rows, cols); Tensor ty = be.allocate(rows, cols);
             Tensor tyRef = be.upload(yRef, rows, cols); Tensor tdy = be.upload(dy, rows, cols)) {
            be.activate(f, tx, ty);
            float[] y = be.download(ty);
            be.activateBackward(f, tx, tyRef, tdy, tdy);
            return new float[][] {y, be.download(tdy)};
        }
    }

    private static float[] nans(int n) {
        float[] out = new float[n];
        Arrays.fill(out, Float.NaN);
        return out;
    }

    private static float[] abs(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.abs(v[i]);
        return out;
    }
}
