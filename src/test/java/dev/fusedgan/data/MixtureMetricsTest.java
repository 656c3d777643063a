package dev.fusedgan.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The metrics on sample sets whose answers are known by construction. */
class MixtureMetricsTest {
    private final GaussianMixture ring = GaussianMixture.ring(1);

    /** {@code n} samples, sample i at mode (i % modes) shifted by (dx, 0). */
    private float[] onModes(int n, int modes, float dx) {
        List<float[]> centres = ring.modes();
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            float[] c = centres.get(i % modes);
            out[2 * i] = c[0] + dx;
            out[2 * i + 1] = c[1];
        }
        return out;
    }

    @Test
    void samplesSpreadEvenlyOnAllModesGiveFullCoverageAndZeroKl() {
        MixtureMetrics m = MixtureMetrics.of(ring, onModes(2400, 8, 0.005f));
        assertEquals(8, m.modesCaptured());
        assertEquals(8, m.modesTotal());
        assertEquals(1.0, m.highQualityFraction());
        assertEquals(0.0, m.modeKl(), 1e-12);
    }

    @Test
    void samplesAllOnOneModeGiveOneModeAndKlLnEight() {
        MixtureMetrics m = MixtureMetrics.of(ring, onModes(2500, 1, 0f));
        assertEquals(1, m.modesCaptured());
        assertEquals(1.0, m.highQualityFraction());
        assertEquals(Math.log(8), m.modeKl(), 1e-12);
    }

    @Test
    void highQualityMeansWithinThreeSigmaOfTheNearestMode() {
        // sigma = 0.01: a shift of 0.0299 is inside 3 sigma, 0.0301 outside.
        assertEquals(1.0, MixtureMetrics.of(ring, onModes(80, 8, 0.0299f)).highQualityFraction());
        MixtureMetrics outside = MixtureMetrics.of(ring, onModes(80, 8, 0.0301f));
        assertEquals(0.0, outside.highQualityFraction());
        assertEquals(0, outside.modesCaptured());
        assertNull(outside.modeKl(), "no high-quality sample: the histogram is empty and KL undefined");
    }

    @Test
    void samplesBetweenModesCountAgainstQualityButNotTheHistogram() {
        float[] half = new float[2 * 1600];
        System.arraycopy(onModes(800, 8, 0f), 0, half, 0, 1600);
        for (int i = 800; i < 1600; i++) {
            half[2 * i] = 0f;
            half[2 * i + 1] = 0f;
        }
        MixtureMetrics m = MixtureMetrics.of(ring, half);
        assertEquals(0.5, m.highQualityFraction());
        assertEquals(8, m.modesCaptured());
        assertEquals(0.0, m.modeKl(), 1e-12);
    }

    @Test
    void unevenHistogramGivesTheKlOfItsShares() {
        // 3/4 of the samples on mode 0, 1/4 on mode 1: KL = 3/4 ln(8 * 3/4) + 1/4 ln(8 * 1/4).
        float[] s = onModes(400, 2, 0f);
        for (int i = 0; i < 400; i += 4) {
            s[2 * i + 2] = s[0];
            s[2 * i + 3] = s[1];
        }
        MixtureMetrics m = MixtureMetrics.of(ring, s);
        assertEquals(2, m.modesCaptured());
        assertEquals(0.75 * Math.log(6) + 0.25 * Math.log(2), m.modeKl(), 1e-12);
    }
}
