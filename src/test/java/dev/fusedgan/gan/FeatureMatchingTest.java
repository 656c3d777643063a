package dev.fusedgan.gan;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.nn.Mlp;
import dev.fusedgan.nn.Parameter;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.FiniteDifference;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feature matching: the loss against its definition in double, and the whole chain (loss, D's layers from
 * the hidden layer down, G) against central finite differences of the loss over every G parameter.
 */
class FeatureMatchingTest {
    private static final int M = 5, NOISE = 3, DIM = 2, FEATURES = 4;

    /** ||mean f_real - mean f_fake||^2 in double from the host copies. */
    private static double definition(float[] real, float[] fake) {
        double loss = 0;
        for (int j = 0; j < FEATURES; j++) {
            double r = 0, f = 0;
            for (int i = 0; i < M; i++) {
                r += real[i * FEATURES + j];
                f += fake[i * FEATURES + j];
            }
            loss += (r / M - f / M) * (r / M - f / M);
        }
        return loss;
    }

    @Test
    void lossMatchesTheDefinitionAndGradientIsTwiceTheMeanGapOverM() {
        Random rnd = new Random(7);
        float[] real = new float[M * FEATURES], fake = new float[M * FEATURES];
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) (3 * rnd.nextGaussian());
            fake[i] = (float) (3 * rnd.nextGaussian() + 1);
        }
        try (Backend be = new CpuBackend(); FeatureMatching fm = new FeatureMatching(be, M, FEATURES);
             Tensor r = be.upload(real, M, FEATURES); Tensor f = be.upload(fake, M, FEATURES); Tensor g = be.allocate(M, FEATURES)) {
            double loss = fm.loss(r, f, g).value();
            double want = definition(real, fake);
            // float32 row sums of values ~3 and a float32 loss: relative error a few ulps of 2^-24 per add.
            assertEquals(want, loss, 1e-5 * want);
            float[] grad = be.download(g);
            for (int j = 0; j < FEATURES; j++) {
                double r0 = 0, f0 = 0;
                for (int i = 0; i < M; i++) {
                    r0 += real[i * FEATURES + j];
                    f0 += fake[i * FEATURES + j];
                }
                double expected = 2 * (f0 / M - r0 / M) / M;
                for (int i = 0; i < M; i++) assertEquals(expected, grad[i * FEATURES + j], 1e-5 * Math.abs(expected) + 1e-7, "row " + i + " col " + j);
            }
        }
    }

    @Test
    void generatorGradientThroughDiscriminatorHiddenLayerMatchesFiniteDifferences() {
        try (Backend be = new CpuBackend();
             Mlp g = new Mlp(be, "G", new int[] {NOISE, 6, DIM}, Activation.TANH, Activation.IDENTITY);
             Mlp d = new Mlp(be, "D", new int[] {DIM, 5, FEATURES, 1}, Activation.TANH, Activation.IDENTITY);
             FeatureMatching fm = new FeatureMatching(be, M, FEATURES);
             Tensor z = be.allocate(M, NOISE); Tensor real = be.allocate(M, DIM);
             Tensor dFeatures = be.allocate(M, FEATURES); Tensor dFake = be.allocate(M, DIM)) {
            g.initialise(11, 0);
            d.initialise(11, 10);
            be.fillNormal(z, 3, 100, 0f, 1f);
            be.fillNormal(real, 3, 101, 2f, 1.5f);
            Mlp.Workspace gw = g.workspace(M), dFakeWs = d.workspace(M), dRealWs = d.workspace(M);
            int layer = 1;

            d.forward(dRealWs, real);
            Tensor fake = g.forward(gw, z);
            d.forward(dFakeWs, fake);
            double loss = fm.loss(dRealWs.activation(layer), dFakeWs.activation(layer), dFeatures).value();
            assertTrue(loss > 1e-3, "a test with a vanishing loss could not fail: " + loss);
            d.backwardFrom(dFakeWs, fake, layer, dFeatures, dFake, false);
            g.backward(gw, z, dFake, null, true);

            int checked = 0;
            for (Parameter p : g.parameters()) {
                float[] value = be.download(p.value());
                float[] analytic = be.download(p.grad());
                for (int k = 0; k < value.length; k++) {
                    int at = k;
                    double numeric = FiniteDifference.central(x -> {
                        float[] v = value.clone();
                        v[at] = (float) x;
                        be.upload(v, p.value());
                        Tensor out = g.forward(gw, z);
                        d.forward(dFakeWs, out);
                        double l = fm.loss(dRealWs.activation(layer), dFakeWs.activation(layer), dFeatures).value();
                        be.upload(value, p.value());
                        return l;
                    }, value[k], 1e-2);
                    // h = 1e-2: truncation ~h^2 |f'''|/6 ~ 1e-5 for these O(1) tanh nets; float32 loss rounding
                    // ~1e-7 L / h ~ 1e-5. 3e-4 absolute plus 2% relative leaves room for both.
                    assertEquals(numeric, analytic[k], 3e-4 + 0.02 * Math.abs(numeric), p.name() + "[" + k + "]");
                    checked++;
                }
            }
            assertEquals(NOISE * 6 + 6 + 6 * DIM + DIM, checked);
        }
    }
}
