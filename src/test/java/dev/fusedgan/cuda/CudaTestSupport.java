package dev.fusedgan.cuda;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.tensor.Tensor;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;

/** Fresh random data and tolerance checks for the GPU tests (which open the backend through testing.GpuBackends). */
final class CudaTestSupport {
    /** About 3 million elements, with both sides odd so no kernel can rely on round sizes. */
    static final int BIG_ROWS = 1733, BIG_COLS = 1731;

    private CudaTestSupport() {}

    static float[] normal(SplittableRandom rng, int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (gaussian(rng) * std);
        return out;
    }

    static float[] uniform(SplittableRandom rng, int n, double low, double high) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) rng.nextDouble(low, high);
        return out;
    }

    /**
     * Column sums in sum_rows version 2's order (kernels/reductions.cu): each chunk of {@code chunk} rows summed in
     * row order in double, then the chunk sums of the column in chunk order, rounded once to float.
     */
    static float[] chunkedColumnSums(float[] dy, int rows, int cols, int chunk) {
        float[] out = new float[cols];
        for (int c = 0; c < cols; c++) {
            double total = 0;
            for (int start = 0; start < rows; start += chunk) {
                double s = 0;
                for (int r = start; r < Math.min(rows, start + chunk); r++) s += dy[r * cols + c];
                total += s;
            }
            out[c] = (float) total;
        }
        return out;
    }

    /** The scalar targets each loss is tried with: its two labels, or one value. */
    static List<Float> scalarTargets(LossFunction fn) {
        return switch (fn) {
            case BCE_WITH_LOGITS, BCE_UNFUSED -> List.of(0f, 1f);
            case HINGE -> List.of(-1f, 1f);
            default -> List.of(0.75f);
        };
    }

    /** The scalar targets, then null for a target tensor: the target axis of the option matrix. */
    static List<Float> targetChoices(LossFunction fn) {
        List<Float> targets = new java.util.ArrayList<>(scalarTargets(fn));
        targets.add(null);
        return targets;
    }

    /** pos_weight values of the option matrix: 1 and 2.5 for the cross-entropies (the others ignore it). */
    static List<Float> posWeightChoices(LossFunction fn) {
        return fn.isCrossEntropy() ? List.of(1f, 2.5f) : List.of(1f);
    }

    /** Inputs of loss {@code fn}: {@link #logits} for the cross-entropies, Normal(0, 3) for the others. */
    static float[] lossInputs(LossFunction fn, SplittableRandom rng, int n) {
        return fn.isCrossEntropy() ? logits(rng, n) : normal(rng, n, 3);
    }

    /**
     * Targets of loss {@code fn}: for the cross-entropies 20% zeros, 20% ones and 60% soft labels in (0, 1); for the
     * hinge +-1; for the others Uniform(-2, 2).
     */
    static float[] lossTargets(LossFunction fn, SplittableRandom rng, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            y[i] = switch (fn) {
                case BCE_WITH_LOGITS, BCE_UNFUSED -> u < 0.2 ? 0f : u < 0.4 ? 1f : (float) rng.nextDouble();
                case HINGE -> u < 0.5 ? -1f : 1f;
                default -> (float) (4 * rng.nextDouble() - 2);
            };
        }
        return y;
    }

    /** Logits as a discriminator produces them, plus large magnitudes that exercise the stable branches. */
    static float[] logits(SplittableRandom rng, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double sign = rng.nextBoolean() ? 1 : -1;
            out[i] = (float) (u < 0.7 ? 4 * gaussian(rng) : u < 0.9 ? sign * rng.nextDouble(10, 100) : sign * rng.nextDouble(100, 1e4));
        }
        return out;
    }

    /** Sets some elements to +inf, -inf and NaN. */
    static float[] withNonFinite(float[] values) {
        float[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (i % 97 == 5) out[i] = Float.POSITIVE_INFINITY;
            else if (i % 97 == 11) out[i] = Float.NEGATIVE_INFINITY;
            else if (i % 89 == 3) out[i] = Float.NaN;
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /**
     * Element by element: |gpu - cpu| &le; atol + rtol |cpu|; NaN must meet NaN and an infinity the same infinity.
     */
    static void assertClose(String what, float[] cpu, float[] gpu, double atol, double rtol) {
        for (int i = 0; i < cpu.length; i++) {
            float r = cpu[i], g = gpu[i];
            boolean ok;
            if (Float.isNaN(r) || Float.isNaN(g)) ok = Float.isNaN(r) && Float.isNaN(g);
            else if (Float.isInfinite(r) || Float.isInfinite(g)) ok = r == g;
            else ok = Math.abs((double) g - r) <= atol + rtol * Math.abs(r);
            if (!ok) fail(what + ": element " + i + " of " + cpu.length + ": cpu " + r + ", gpu " + g
                    + " (atol " + atol + ", rtol " + rtol + ")");
        }
    }

    /** Bitwise equality (same float bits, so NaN payloads aside, the same values). */
    static void assertBitwise(String what, float[] cpu, float[] gpu) {
        for (int i = 0; i < cpu.length; i++) {
            if (Float.floatToIntBits(cpu[i]) != Float.floatToIntBits(gpu[i])) {
                fail(what + ": element " + i + " of " + cpu.length + ": cpu " + cpu[i] + ", gpu " + gpu[i] + " (expected bitwise equal)");
            }
        }
    }

    /** {@code grads.length} Adam steps of {@code param} on {@code be}, from zero moments: {param, m, v} after them. */
    static float[][] adamSteps(Backend be, AdamConfig config, float[] param, float[][] grads) {
        int n = param.length;
        try (Tensor p = be.upload(param, 1, n); Tensor g = be.allocate(1, n);
             Tensor m = be.allocate(1, n); Tensor v = be.allocate(1, n)) {
            for (int step = 1; step <= grads.length; step++) {
                be.upload(grads[step - 1], g);
                be.adamStep(config, step, p, g, m, v);
            }
            return new float[][] {be.download(p), be.download(m), be.download(v)};
        }
    }
}
