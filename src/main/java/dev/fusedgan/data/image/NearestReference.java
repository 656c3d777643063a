package dev.fusedgan.data.image;

import java.util.stream.IntStream;

/**
 * How far images lie from a set of reference images: for each image, the root-mean-square pixel
 * difference to its nearest reference, sqrt(min_r sum_p (x_p - r_p)^2 / P). A sharp, well-formed image
 * lies close to some reference; a blurred average of several lies far from all of them.
 */
public final class NearestReference {
    private NearestReference() {}

    /** The mean over {@code count} images (one after another in {@code images}) of the nearest-reference RMS distance. */
    public static double meanDistance(float[] images, int count, float[][] references) {
        if (count < 1 || references.length == 0) throw new IllegalArgumentException("need at least one image and one reference");
        int p = references[0].length;
        if ((long) count * p > images.length) {
            throw new IllegalArgumentException(count + " images of " + p + " pixels need " + (long) count * p + " values, got " + images.length);
        }
        double[] each = IntStream.range(0, count).parallel().mapToDouble(i -> {
            double best = Double.POSITIVE_INFINITY;
            for (float[] r : references) {
                double d = 0;
                for (int k = 0; k < p && d < best; k++) {
                    double diff = images[i * p + k] - r[k];
                    d += diff * diff;
                }
                best = Math.min(best, d);
            }
            return Math.sqrt(best / p);
        }).toArray();
        double sum = 0;
        for (double d : each) sum += d;
        return sum / count;
    }
}
