package dev.fusedgan.data.image;

import java.util.stream.IntStream;

/**
 * Tells which {@link GlyphClass} an image resembles: the class of the nearest (Euclidean) of
 * {@value #RENDERS_PER_CLASS} reference renders per class, drawn in the poses of a {@link GlyphDataset}
 * with its own seed, so they share no sample with training data. One nearest reference rather than one
 * mean template per class, because the size jitter makes the mean ring and the mean square nearly the
 * same blur (a mean-template classifier mixes them up about a quarter of the time; this one is right on
 * about 98% of fresh samples, see the tests).
 *
 * <p>Applied to a generator's samples, the class histogram shows mode dropping: a generator that covers
 * the data spreads about evenly over the ten classes; one that collapsed piles into a few. It measures
 * resemblance only: a blurry or malformed image is still given its nearest class.
 */
public final class GlyphClassifier {
    public static final int RENDERS_PER_CLASS = 50;
    /** The seed of the reference poses; any seed other than the training data's works. */
    public static final long REFERENCE_SEED = 0x7E3A_91C5_0D24_B68FL;

    private final float[][] references = new float[GlyphDataset.CLASSES * RENDERS_PER_CLASS][];

    public GlyphClassifier() {
        GlyphDataset poses = new GlyphDataset(REFERENCE_SEED);
        for (GlyphClass c : GlyphClass.values()) {
            for (int k = 0; k < RENDERS_PER_CLASS; k++) {
                // Pose k is reused for every class, so no class gets luckier jitter than another.
                references[c.ordinal() * RENDERS_PER_CLASS + k] = GlyphRenderer.render(c, poses.pose(k));
            }
        }
    }

    /** The reference renders (shared arrays, for {@link NearestReference}; not to be modified). */
    float[][] references() { return references.clone(); }

    /** The class of the 784 pixels starting at {@code images[offset]}. */
    public GlyphClass classify(float[] images, int offset) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int r = 0; r < references.length; r++) {
            float[] ref = references[r];
            double d = 0;
            for (int p = 0; p < GlyphDataset.PIXELS && d < bestDistance; p++) {
                double diff = images[offset + p] - ref[p];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = r;
            }
        }
        return GlyphClass.values()[best / RENDERS_PER_CLASS];
    }

    /** How many of the {@code count} images (one after another) fall in each class, by ordinal. */
    public int[] histogram(float[] images, int count) {
        if (count < 0 || (long) count * GlyphDataset.PIXELS > images.length) {
            throw new IllegalArgumentException(count + " images need " + (long) count * GlyphDataset.PIXELS
                    + " values, got " + images.length);
        }
        int[] classes = IntStream.range(0, count).parallel()
                .map(i -> classify(images, i * GlyphDataset.PIXELS).ordinal()).toArray();
        int[] counts = new int[GlyphDataset.CLASSES];
        for (int c : classes) counts[c]++;
        return counts;
    }
}
