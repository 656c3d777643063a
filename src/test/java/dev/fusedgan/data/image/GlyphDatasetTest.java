package dev.fusedgan.data.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlyphDatasetTest {
    @Test
    void sameSeedAndIndexGiveTheSameImageInAnyOrder() {
        GlyphDataset a = new GlyphDataset(42), b = new GlyphDataset(42);
        float[] later = b.image(17);
        assertArrayEquals(a.images(0, 20).image(17), later);
        assertEquals(a.label(17), b.label(17));
    }

    @Test
    void differentSeedsGiveDifferentImages() {
        assertFalse(java.util.Arrays.equals(new GlyphDataset(1).image(0), new GlyphDataset(2).image(0)));
    }

    @Test
    void valuesStayInMinusOneOneWithBothInkAndBackground() {
        ImageSet set = new GlyphDataset(7).images(0, 300);
        for (int i = 0; i < set.count(); i++) {
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (float v : set.image(i)) {
                assertTrue(v >= -1f && v <= 1f, "value " + v + " in image " + i);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertEquals(-1f, min, 1e-6f, "image " + i + " has background");
            assertTrue(max > 0.5f, "image " + i + " has ink, max " + max);
        }
    }

    @Test
    void everyClassAppearsAboutEquallyOften() {
        int n = 5000;
        int[] counts = new int[GlyphDataset.CLASSES];
        for (int c : new GlyphDataset(3).labels(0, n)) counts[c]++;
        // Binomial(5000, 0.1): sd = 21; 500 +- 100 is nearly 5 sd.
        for (int c = 0; c < counts.length; c++) {
            assertTrue(Math.abs(counts[c] - n / 10) < 100, GlyphClass.values()[c] + ": " + counts[c]);
        }
    }

    @Test
    void classifierRecognisesFreshSamplesAbove95Percent() {
        GlyphClassifier classifier = new GlyphClassifier();
        GlyphDataset fresh = new GlyphDataset(2024);
        int n = 2000;
        ImageSet set = fresh.images(0, n);
        int[] labels = fresh.labels(0, n);
        int correct = 0;
        int[][] confusion = new int[GlyphDataset.CLASSES][GlyphDataset.CLASSES];
        for (int i = 0; i < n; i++) {
            int got = classifier.classify(set.pixels(), i * GlyphDataset.PIXELS).ordinal();
            confusion[labels[i]][got]++;
            if (got == labels[i]) correct++;
        }
        double accuracy = correct / (double) n;
        assertTrue(accuracy > 0.95, "accuracy " + accuracy + ", confusion " + java.util.Arrays.deepToString(confusion));
    }

    @Test
    void histogramOfACollapsedSetShowsOneClass() {
        GlyphClassifier classifier = new GlyphClassifier();
        GlyphDataset data = new GlyphDataset(5);
        float[] rings = new float[50 * GlyphDataset.PIXELS];
        int found = 0;
        for (long i = 0; found < 50; i++) {
            if (data.label(i) == GlyphClass.RING) {
                System.arraycopy(data.image(i), 0, rings, found++ * GlyphDataset.PIXELS, GlyphDataset.PIXELS);
            }
        }
        int[] h = classifier.histogram(rings, 50);
        assertTrue(h[GlyphClass.RING.ordinal()] >= 45, java.util.Arrays.toString(h));
    }
}
