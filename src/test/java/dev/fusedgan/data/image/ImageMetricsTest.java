package dev.fusedgan.data.image;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image metrics on real glyphs, on one repeated class, and on the blurred mean of the data. */
class ImageMetricsTest {
    private static final int N = 200;
    private static final GlyphClassifier CLASSIFIER = new GlyphClassifier();

    @Test
    void realGlyphsCoverEveryClassAndScoreAboutAsWellAsOtherRealGlyphs() {
        GlyphDataset data = new GlyphDataset(21);
        ImageMetrics m = ImageMetrics.ofGlyphs(data.images(0, N).pixels(), data.images(N, N).pixels(), N, CLASSIFIER);
        assertEquals(10, m.classesCovered());
        assertTrue(m.classKl() < 0.1, "class KL of real glyphs " + m.classKl());
        assertTrue(Math.abs(m.distanceRatio() - 1) < 0.1, "distance ratio of real vs real " + m.distanceRatio());
    }

    @Test
    void oneRepeatedGlyphCoversOneClassWithKlLnTen() {
        GlyphDataset data = new GlyphDataset(22);
        float[] one = data.image(0);
        float[] same = new float[N * GlyphDataset.PIXELS];
        for (int i = 0; i < N; i++) System.arraycopy(one, 0, same, i * GlyphDataset.PIXELS, GlyphDataset.PIXELS);
        ImageMetrics m = ImageMetrics.ofGlyphs(same, data.images(1, N).pixels(), N, CLASSIFIER);
        assertEquals(1, m.classesCovered());
        assertEquals(Math.log(10), m.classKl(), 1e-12);
    }

    @Test
    void theMeanImageLiesFartherFromEveryReferenceThanRealImages() {
        GlyphDataset data = new GlyphDataset(23);
        float[] real = data.images(0, N).pixels();
        float[] mean = new float[GlyphDataset.PIXELS];
        for (int i = 0; i < real.length; i++) mean[i % GlyphDataset.PIXELS] += real[i] / N;
        float[] blur = new float[N * GlyphDataset.PIXELS];
        for (int i = 0; i < N; i++) System.arraycopy(mean, 0, blur, i * GlyphDataset.PIXELS, GlyphDataset.PIXELS);
        ImageMetrics m = ImageMetrics.ofGlyphs(blur, real, N, CLASSIFIER);
        assertTrue(m.distanceRatio() > 1.3, "the blurred mean should score clearly worse: ratio " + m.distanceRatio());
        float[] zero = new float[4];
        assertEquals(Math.sqrt(0.5), NearestReference.meanDistance(zero, 1, new float[][] {{1f, 1f, 0f, 0f}, {3f, 3f, 3f, 3f}}), 1e-12);
        assertTrue(Arrays.stream(m.classHistogram()).sum() == N);
    }
}
