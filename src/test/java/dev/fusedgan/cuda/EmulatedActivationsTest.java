package dev.fusedgan.cuda;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.TestData;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static dev.fusedgan.cuda.KernelChecks.assertBitwise;
import static dev.fusedgan.cuda.KernelChecks.assertWithin;

/**
 * kernels/activations.cu (activate, activate_backward, bias_activate), emulated, against CpuBackend, launched with
 * CudaBackend's arguments and grid and on a few blocks that loop grid-stride, on logits with large magnitudes,
 * infinities, NaN and signed zeros.
 *
 * <p>Identity, relu and leaky relu forward, and every backward pass (fed the CPU's y), are the CPU's float
 * operations in the same order: bitwise equal. tanh and sigmoid forward use float tanhf/expf where the CPU
 * rounds a double result once; see {@link #TRANSCENDENTAL_ULPS}.
 */
class EmulatedActivationsTest extends EmulatedKernelTestBase {
    private static final List<Activation> ACTIVATIONS = List.of(Activation.IDENTITY, Activation.RELU,
            Activation.leakyRelu(0.2f), Activation.TANH, Activation.SIGMOID);

    /**
     * Float ulps allowed for tanh and sigmoid forward. tanhf: glibc's (and CUDA's) error bound is 2 ulp, the
     * CPU's rounding of Math.tanh 0.5 ulp. Sigmoid is expf (glibc 1 ulp, CUDA 2 ulp), an add and a divide
     * (0.5 ulp each), against the CPU's 0.5 ulp: at most 3.5 ulp of the kernel's value. Both rounded up to 4,
     * counted in ulps of the reference.
     */
    static final int TRANSCENDENTAL_ULPS = 4;

    @Test
    void forwardAndBackwardMatchTheCpu() {
        for (Activation f : ACTIVATIONS) {
            for (int[] s : EmulatedElementwiseTest.SHAPES) {
                int rows = s[0], cols = s[1], n = rows * cols;
                long seed = seed(300L * n + f.kind().ordinal());
                var rng = random(seed);
                float[] x = CudaTestSupport.withNonFinite(CudaTestSupport.logits(rng, n));
                if (n >= 6) TestData.withSpecials(x, rng);  // +-inf, NaN and +-0 at random places
                float[] dy = CudaTestSupport.normal(rng, n, 1);
                float[] y, dx;
                try (Tensor tx = cpu.upload(x, rows, cols); Tensor ty = cpu.allocate(rows, cols); Tensor tdy = cpu.upload(dy, rows, cols)) {
                    cpu.activate(f, tx, ty);
                    y = cpu.download(ty);
                    cpu.activateBackward(f, tx, ty, tdy, tdy);
                    dx = cpu.download(tdy);
                }
                boolean transcendental = f.kind() == Activation.Kind.TANH || f.kind() == Activation.Kind.SIGMOID;
                for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
                    String what = f + " " + rows + "x" + cols + " on " + gridNote(blocks) + ", " + seedNote(seed);
                    // CudaBackend.activate's launch; here y aliases x, which the kernel allows
                    MemorySegment inPlace = upload(x);
                    Launches.activate(emulator(blocks), f, inPlace.address(), inPlace.address(), n);
                    if (transcendental) {
                        assertWithin(what + " forward", y, floats(inPlace), i -> Tolerance.floatUlps(y[i], TRANSCENDENTAL_ULPS));
                    } else {
                        assertBitwise(what + " forward", y, floats(inPlace));
                    }
                    // CudaBackend.activateBackward's launch; dx aliases dy as in the CPU call
                    MemorySegment grad = upload(dy);
                    Launches.activateBackward(emulator(blocks), f, upload(x).address(), upload(y).address(), grad.address(),
                            grad.address(), n);
                    assertBitwise(what + " backward", dx, floats(grad));
                }
            }
        }
    }

    @Test
    void aSeparateOutputIsWrittenAndTheInputLeftAlone() {
        int n = 1001;
        long seed = seed(399);
        float[] x = CudaTestSupport.logits(random(seed), n);
        float[] expected;
        try (Tensor tx = cpu.upload(x, 1, n); Tensor ty = cpu.allocate(1, n)) {
            cpu.activate(Activation.leakyRelu(0.1f), tx, ty);
            expected = cpu.download(ty);
        }
        MemorySegment in = upload(x), out = output(n);
        Launches.activate(emulator(), Activation.leakyRelu(0.1f), in.address(), out.address(), n);
        assertBitwise("leaky relu into a separate output, " + seedNote(seed), expected, floats(out));
        assertBitwise("input untouched, " + seedNote(seed), x, floats(in));
    }

    /**
     * bias_activate (Backend.addBiasActivate on the GPU) against the CPU's addBias then activate: z + bias is the
     * same float add, so the pre-activation is bitwise the CPU's, and y is bitwise or within the activation's
     * bound as above.
     */
    @Test
    void biasThenActivationInOnePassMatchesTheTwoCpuCalls() {
        for (Activation f : ACTIVATIONS) {
            for (int[] s : EmulatedElementwiseTest.SHAPES) {
                int rows = s[0], cols = s[1], n = rows * cols;
                long seed = seed(500L * n + f.kind().ordinal());
                var rng = random(seed);
                float[] z = CudaTestSupport.withNonFinite(CudaTestSupport.logits(rng, n));
                float[] bias = CudaTestSupport.normal(rng, cols, 2);
                float[] pre, y;
                try (Tensor tz = cpu.upload(z, rows, cols); Tensor tb = cpu.upload(bias, 1, cols); Tensor ty = cpu.allocate(rows, cols)) {
                    cpu.addBias(tz, tb);
                    cpu.activate(f, tz, ty);
                    pre = cpu.download(tz);
                    y = cpu.download(ty);
                }
                boolean transcendental = f.kind() == Activation.Kind.TANH || f.kind() == Activation.Kind.SIGMOID;
                for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
                    String what = f + " " + rows + "x" + cols + " on " + gridNote(blocks)
                            + ", " + seedNote(seed);
                    MemorySegment dz = upload(z), out = output(n);
                    Launches.biasActivate(emulator(blocks), f, dz.address(), upload(bias).address(), out.address(), n, cols);
                    assertBitwise(what + " pre-activation", pre, floats(dz));
                    if (transcendental) {
                        assertWithin(what + " y", y, floats(out), i -> Tolerance.floatUlps(y[i], TRANSCENDENTAL_ULPS));
                    } else {
                        assertBitwise(what + " y", y, floats(out));
                    }
                }
            }
        }
    }
}
