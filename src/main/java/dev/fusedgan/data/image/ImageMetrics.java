package dev.fusedgan.data.image;

/**
 * What a generator's images look like against the data, from N generated and N real images:
 * <ul>
 * <li>{@code classHistogram}: how many generated images {@link GlyphClassifier} puts in each glyph class
 *     (null for data sets without a classifier, such as an IDX file).</li>
 * <li>{@code classesCovered}: classes holding at least {@value #COVERED_SHARE} of their uniform share,
 *     i.e. at least 0.2 N / 10 images, so that a few stray images do not count as a covered class.</li>
 * <li>{@code classKl}: KL(p || uniform) = sum_c p_c ln(C p_c) of the class histogram, 0 ln 0 = 0:
 *     0 for an even spread, ln 10 = 2.303 when all images fall in one class.</li>
 * <li>{@code generatedDistance} and {@code realDistance}: the mean nearest-reference RMS pixel distance
 *     ({@link NearestReference}) of the generated and of the real images, in pixel units of [-1, 1];
 *     their ratio is the quality measure: about 1 when generated images are as close to real drawings
 *     as real images are, larger when they are blurred or malformed.</li>
 * </ul>
 */
public record ImageMetrics(int samples, int[] classHistogram, Integer classesCovered, Integer classesTotal, Double classKl,
                           double generatedDistance, double realDistance) {
    public static final double COVERED_SHARE = 0.2;

    /** generated / real nearest-reference distance. */
    public double distanceRatio() { return generatedDistance / realDistance; }

    /** Metrics of glyph images: classes by {@code classifier}, distances to its references. */
    public static ImageMetrics ofGlyphs(float[] generated, float[] real, int count, GlyphClassifier classifier) {
        float[][] references = classifier.references();
        int[] histogram = classifier.histogram(generated, count);
        int covered = 0;
        double kl = 0;
        for (int c : histogram) {
            if (c >= COVERED_SHARE * count / histogram.length) covered++;
            if (c == 0) continue;
            double p = (double) c / count;
            kl += p * Math.log(histogram.length * p);
        }
        return new ImageMetrics(count, histogram, covered, histogram.length, kl,
                NearestReference.meanDistance(generated, count, references), NearestReference.meanDistance(real, count, references));
    }

    /** Metrics without classes: distances of {@code count} generated and {@code realCount} real images to {@code references}. */
    public static ImageMetrics ofDistances(float[] generated, int count, float[] real, int realCount, float[][] references) {
        return new ImageMetrics(count, null, null, null, null,
                NearestReference.meanDistance(generated, count, references), NearestReference.meanDistance(real, realCount, references));
    }
}
