package dev.fusedgan.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sample statistics of the mixtures: mode frequencies, offset mean and spread, reproducibility. */
class GaussianMixtureTest {

    /** Draws 8 batches of 1000, assigns each sample to its nearest mode and checks frequencies and offsets. */
    private static void checkStatistics(GaussianMixture mix, int expectedModes, float expectedSigma) {
        List<float[]> modes = mix.modes();
        assertEquals(expectedModes, modes.size());
        assertEquals(expectedSigma, mix.sigma());
        int n = 8000;
        int[] counts = new int[modes.size()];
        double sum = 0, sumSq = 0;
        float[] batch = new float[2000];
        for (int b = 0; b < 8; b++) {
            mix.sample(b, batch);
            for (int i = 0; i < 1000; i++) {
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int m = 0; m < modes.size(); m++) {
                    double d = Math.hypot(batch[2 * i] - modes.get(m)[0], batch[2 * i + 1] - modes.get(m)[1]);
                    if (d < bestD) { bestD = d; best = m; }
                }
                counts[best]++;
                for (int c = 0; c < 2; c++) {
                    double off = batch[2 * i + c] - modes.get(best)[c];
                    sum += off;
                    sumSq += off * off;
                }
            }
        }
        // Each mode count is Binomial(n, 1/K): allow 5 standard deviations.
        double p = 1.0 / modes.size(), sd = Math.sqrt(n * p * (1 - p));
        for (int c : counts) assertEquals(n * p, c, 5 * sd, "mode frequency");
        // 2n offsets of std sigma: the mean is within 5 sigma/sqrt(2n); the sample std within 5/sqrt(4n) relative.
        double mean = sum / (2 * n), std = Math.sqrt(sumSq / (2 * n) - mean * mean);
        assertEquals(0, mean, 5 * expectedSigma / Math.sqrt(2 * n), "offset mean");
        assertEquals(expectedSigma, std, expectedSigma * 5 / Math.sqrt(4 * n), "offset std");
    }

    @Test
    void ringHasEightEquallyLikelyModesOnTheUnitCircleWithSigmaOneHundredth() {
        GaussianMixture ring = GaussianMixture.ring(9);
        for (float[] m : ring.modes()) assertEquals(1.0, Math.hypot(m[0], m[1]), 1e-6, "mode radius");
        checkStatistics(ring, 8, 0.01f);
    }

    @Test
    void gridHasTwentyFiveModesTwoApartWithSigmaFiveHundredths() {
        GaussianMixture grid = GaussianMixture.grid(9);
        for (float[] m : grid.modes()) {
            assertTrue(m[0] % 2 == 0 && Math.abs(m[0]) <= 4 && m[1] % 2 == 0 && Math.abs(m[1]) <= 4, "grid mode " + m[0] + "," + m[1]);
        }
        checkStatistics(grid, 25, 0.05f);
    }

    @Test
    void aBatchIsAFunctionOfSeedAndBatchIndexOnly() {
        float[] a = new float[64], b = new float[64], c = new float[64], d = new float[64];
        GaussianMixture.ring(3).sample(5, a);
        GaussianMixture.ring(3).sample(5, b);
        GaussianMixture.ring(3).sample(6, c);
        GaussianMixture.ring(4).sample(5, d);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c), "another batch index gives other samples");
        assertFalse(java.util.Arrays.equals(a, d), "another seed gives other samples");
    }
}
