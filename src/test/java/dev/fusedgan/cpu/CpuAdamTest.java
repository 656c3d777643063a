package dev.fusedgan.cpu;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.AdamReference;
import dev.fusedgan.testing.TestData;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Adam over several steps against the documented formula evaluated in float64. */
class CpuAdamTest {

    @Test
    void severalStepsMatchTheDocumentedFormulaInFloat64() {
        SplittableRandom rng = new SplittableRandom(0xADA3);
        int rows = 16, cols = 25, n = rows * cols, steps = 7;
        AdamConfig config = new AdamConfig(2e-3f, 0.5f, 0.999f, 1e-8f); // beta1 = 0.5 as in DCGAN
        float[] initial = TestData.normal(rng, n);
        AdamReference reference = new AdamReference(config, initial);
        try (Backend cpu = new CpuBackend();
             Tensor param = cpu.upload(initial, rows, cols);
             Tensor grad = cpu.allocate(rows, cols);
             Tensor m = cpu.allocate(rows, cols);
             Tensor v = cpu.allocate(rows, cols)) {
            for (int step = 1; step <= steps; step++) {
                float[] g = TestData.normal(rng, n);
                // Gradients across six orders of magnitude, so that eps matters for some elements.
                for (int i = 0; i < n; i++) g[i] *= (float) Math.pow(10, -6 + 6 * ((i * 7919) % n) / (double) n);
                cpu.upload(g, grad);
                cpu.adamStep(config, step, param, grad, m, v);
                reference.step(g);
            }
            float[] p = cpu.download(param), mm = cpu.download(m), vv = cpu.download(v);
            for (int i = 0; i < n; i++) {
                final int at = i;
                // Tolerances: float32 rounding only, budgeted per step in AdamReference.
                Tolerance.assertClose(reference.m(i), mm[i], reference.mTolerance(i) + Float.MIN_VALUE, () -> "m[" + at + "]");
                Tolerance.assertClose(reference.v(i), vv[i], reference.vTolerance(i) + Float.MIN_VALUE, () -> "v[" + at + "]");
                Tolerance.assertClose(reference.param(i), p[i], reference.parameterTolerance(i), () -> "param[" + at + "]");
            }
        }
    }

    @Test
    void stepZeroAndMismatchedShapesAreRejected() {
        AdamConfig config = new AdamConfig(1e-3f, 0.9f, 0.999f, 1e-8f);
        try (Backend cpu = new CpuBackend();
             Tensor p = cpu.allocate(2, 3); Tensor g = cpu.allocate(2, 3); Tensor m = cpu.allocate(2, 3);
             Tensor v = cpu.allocate(3, 2)) {
            assertThrows(IllegalArgumentException.class, () -> cpu.adamStep(config, 0, p, g, m, m));
            assertThrows(IllegalArgumentException.class, () -> cpu.adamStep(config, 1, p, g, m, v));
        }
    }
}
