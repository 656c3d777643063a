package dev.fusedgan.nn;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backpropagation against central finite differences of L = sum(out * R) for a fixed random R, so
 * dL/dout = R. With h = 1e-2 in float32 the truncation error is O(h^2 |f'''|) ~ 1e-4 and the rounding error
 * ~ 6e-8 |L| / h ~ 1e-5 for |L| ~ 10, so |fd - analytic| <= 1e-3 + 1e-2 |analytic| has ample margin and
 * still catches a wrong transpose or a missing term (errors of order 1).
 */
class MlpGradientTest {
    private static final float H = 1e-2f;
    private final Backend be = new CpuBackend();

    @AfterEach
    void close() { be.close(); }

    private static float[] random(Random r, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (r.nextGaussian() * scale);
        return out;
    }

    private double objective(Mlp mlp, Mlp.Workspace ws, Tensor x, float[] weights) {
        float[] out = be.download(mlp.forward(ws, x));
        double s = 0;
        for (int i = 0; i < out.length; i++) s += (double) out[i] * weights[i];
        return s;
    }

    private static void assertClose(double fd, double analytic, String what) {
        assertTrue(Math.abs(fd - analytic) <= 1e-3 + 1e-2 * Math.abs(analytic),
                what + ": finite difference " + fd + ", backprop " + analytic);
    }

    private void checkMlp(Activation hidden, Activation output) {
        Random r = new Random(42);
        int rows = 6;
        try (Mlp mlp = new Mlp(be, "T", new int[] {3, 5, 4, 2}, hidden, output);
             Tensor x = be.upload(random(r, rows * 3, 1), rows, 3);
             Tensor dOut = be.upload(random(r, rows * 2, 1), rows, 2);
             Tensor dx = be.allocate(rows, 3)) {
            mlp.initialise(7, 0);
            for (Parameter p : mlp.parameters()) be.upload(random(r, p.value().size(), 0.7), p.value());
            float[] weights = be.download(dOut);
            Mlp.Workspace ws = mlp.workspace(rows);
            mlp.forward(ws, x);
            mlp.backward(ws, x, dOut, dx, true);

            for (Parameter p : mlp.parameters()) {
                float[] value = be.download(p.value());
                float[] grad = be.download(p.grad());
                for (int i = 0; i < value.length; i++) {
                    float keep = value[i];
                    value[i] = keep + H;
                    be.upload(value, p.value());
                    double plus = objective(mlp, ws, x, weights);
                    value[i] = keep - H;
                    be.upload(value, p.value());
                    double minus = objective(mlp, ws, x, weights);
                    value[i] = keep;
                    be.upload(value, p.value());
                    assertClose((plus - minus) / (2 * H), grad[i], p.name() + "[" + i + "] with " + hidden);
                }
            }
            float[] xs = be.download(x);
            float[] gx = be.download(dx);
            for (int i = 0; i < xs.length; i++) {
                float keep = xs[i];
                xs[i] = keep + H;
                be.upload(xs, x);
                double plus = objective(mlp, ws, x, weights);
                xs[i] = keep - H;
                be.upload(xs, x);
                double minus = objective(mlp, ws, x, weights);
                xs[i] = keep;
                be.upload(xs, x);
                assertClose((plus - minus) / (2 * H), gx[i], "dx[" + i + "] with " + hidden);
            }
        }
    }

    @Test
    void tanhMlpBackwardMatchesFiniteDifferences() {
        checkMlp(Activation.TANH, Activation.IDENTITY);
    }

    @Test
    void sigmoidOutputMlpBackwardMatchesFiniteDifferences() {
        checkMlp(Activation.TANH, Activation.SIGMOID);
    }

    @Test
    void leakyReluMlpBackwardMatchesFiniteDifferences() {
        // Kinks at 0 are met with probability ~0 for Gaussian inputs and weights at this h.
        checkMlp(Activation.leakyRelu(0.2f), Activation.IDENTITY);
    }

    @Test
    void linearForwardIsXTimesWPlusBiasThenTheActivation() {
        Random r = new Random(3);
        try (Linear lin = new Linear(be, "L", 4, 3);
             Tensor x = be.upload(random(r, 5 * 4, 1), 5, 4);
             Tensor y = be.allocate(5, 3);
             Tensor post = be.allocate(5, 3)) {
            float[] w = random(r, 12, 1), b = random(r, 3, 1);
            be.upload(w, lin.weight().value());
            be.upload(b, lin.bias().value());
            lin.forward(x, Activation.RELU, y, post);
            float[] xs = be.download(x), ys = be.download(y), ps = be.download(post);
            int negative = 0;
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 3; j++) {
                    double e = b[j];
                    for (int k = 0; k < 4; k++) e += (double) xs[i * 4 + k] * w[k * 3 + j];
                    assertEquals(e, ys[i * 3 + j], 1e-5 * (1 + Math.abs(e)), "y[" + i + "][" + j + "]");
                    assertEquals(Math.max(0f, ys[i * 3 + j]), ps[i * 3 + j], "relu(y)[" + i + "][" + j + "]");
                    if (ys[i * 3 + j] < 0) negative++;
                }
            }
            assertTrue(negative > 0 && negative < 15, "both sides of the ReLU are exercised: " + negative + " of 15 negative");
        }
    }

    @Test
    void glorotInitialisationStaysInItsBoundAndIsReproducible() {
        try (Mlp a = new Mlp(be, "A", new int[] {10, 30}, Activation.RELU, Activation.IDENTITY);
             Mlp b = new Mlp(be, "B", new int[] {10, 30}, Activation.RELU, Activation.IDENTITY)) {
            a.initialise(5, 100);
            b.initialise(5, 100);
            float[] wa = be.download(a.parameters().get(0).value());
            float bound = (float) Math.sqrt(6.0 / 40);
            double sumSq = 0;
            for (float v : wa) {
                assertTrue(Math.abs(v) < bound, "weight " + v + " outside +-" + bound);
                sumSq += v * v;
            }
            // Uniform(-a, a) has variance a^2/3; 300 draws put the sample variance within ~15% (3 sigma ~ 13%).
            assertEquals(bound * bound / 3, sumSq / wa.length, 0.15 * bound * bound / 3);
            for (float v : be.download(a.parameters().get(1).value())) assertEquals(0f, v, "initial bias");
            assertArrayEquals(wa, be.download(b.parameters().get(0).value()));
        }
    }

    @Test
    void adamMovesEachParameterAgainstItsGradient() {
        try (Mlp mlp = new Mlp(be, "A", new int[] {2, 3}, Activation.RELU, Activation.IDENTITY)) {
            mlp.initialise(1, 0);
            Parameter w = mlp.parameters().get(0);
            float[] before = be.download(w.value());
            float[] grad = {1, -2, 3, -4, 5, -6};
            be.upload(grad, w.grad());
            be.fill(mlp.parameters().get(1).grad(), 0f);
            Adam adam = new Adam(be, new AdamConfig(0.01f, 0.9f, 0.999f, 1e-8f), mlp.parameters());
            adam.step();
            float[] after = be.download(w.value());
            // The first bias-corrected Adam step is lr * g / (|g| + eps) = lr * sign(g).
            for (int i = 0; i < grad.length; i++) assertEquals(before[i] - 0.01f * Math.signum(grad[i]), after[i], 1e-6);
            assertEquals(1, adam.steps());
        }
    }
}
