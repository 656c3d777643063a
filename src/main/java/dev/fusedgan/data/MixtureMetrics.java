package dev.fusedgan.data;

import java.util.List;

/**
 * Mode-coverage metrics of generated 2-D samples against a {@link GaussianMixture}, as in the PacGAN and
 * VEEGAN experiments. Every sample is assigned to its nearest mode (Euclidean distance; ties go to the
 * lower index). A sample is high quality when that distance is at most 3 sigma.
 * <ul>
 * <li>{@code modesCaptured}: modes that are the nearest mode of at least one high-quality sample, i.e.
 *     whose 3-sigma ball holds a sample that is nearest to it.</li>
 * <li>{@code highQualityFraction}: high-quality samples / all samples.</li>
 * <li>{@code modeKl}: KL(p || uniform) = sum_k p_k ln(K p_k), with 0 ln 0 = 0, where p_k is the share of
 *     the high-quality samples assigned to mode k and K the number of modes. 0 when the high-quality
 *     samples spread evenly, ln K when they all sit on one mode; null when there is no high-quality
 *     sample (the histogram is empty, so the divergence is undefined).</li>
 * </ul>
 */
public record MixtureMetrics(int modesCaptured, int modesTotal, double highQualityFraction, Double modeKl,
                             int samples, int[] highQualityPerMode) {

    /** Metrics of {@code samples} (row-major pairs, {@code samples.length / 2} points). */
    public static MixtureMetrics of(GaussianMixture mixture, float[] samples) {
        List<float[]> modes = mixture.modes();
        int k = modes.size();
        int n = samples.length / 2;
        if (n == 0) throw new IllegalArgumentException("mixture metrics need at least one sample");
        double limit = 3.0 * mixture.sigma();
        int[] counts = new int[k];
        int highQuality = 0;
        for (int i = 0; i < n; i++) {
            double x = samples[2 * i], y = samples[2 * i + 1];
            int best = 0;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                double d = Math.hypot(x - modes.get(m)[0], y - modes.get(m)[1]);
                if (d < bestDist) {
                    bestDist = d;
                    best = m;
                }
            }
            if (bestDist <= limit) {
                counts[best]++;
                highQuality++;
            }
        }
        int captured = 0;
        double kl = 0;
        for (int c : counts) {
            if (c == 0) continue;
            captured++;
            double p = (double) c / highQuality;
            kl += p * Math.log(k * p);
        }
        return new MixtureMetrics(captured, k, (double) highQuality / n, highQuality == 0 ? null : kl, n, counts);
    }
}
