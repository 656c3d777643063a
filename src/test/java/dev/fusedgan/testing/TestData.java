package dev.fusedgan.testing;

import java.util.SplittableRandom;

/** Seeded inputs for the numerical tests; every generator takes the caller's random source. */
public final class TestData {
    private TestData() {}

    /** Logits whose magnitudes are log-uniform in [minMagnitude, maxMagnitude], each sign equally likely. */
    public static float[] logUniformLogits(SplittableRandom rng, int n, double minMagnitude, double maxMagnitude) {
        double lo = Math.log(minMagnitude), hi = Math.log(maxMagnitude);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float magnitude = (float) Math.exp(lo + (hi - lo) * rng.nextDouble());
            x[i] = rng.nextBoolean() ? magnitude : -magnitude;
        }
        return x;
    }

    /**
     * Overwrites distinct random positions with +inf, -inf, NaN, NaN, +0 and -0 (two NaN so that the
     * count is tested, not just the presence).
     */
    public static float[] withSpecials(float[] x, SplittableRandom rng) {
        float[] specials = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.NaN, 0f, -0f};
        if (x.length < specials.length) throw new IllegalArgumentException("need at least " + specials.length + " elements");
        int[] order = permutation(rng, x.length);
        for (int s = 0; s < specials.length; s++) x[order[s]] = specials[s];
        return x;
    }

    public static long countNaN(float[] x) {
        long n = 0;
        for (float v : x) if (Float.isNaN(v)) n++;
        return n;
    }

    /** Uniform in [lo, hi). */
    public static float[] uniform(SplittableRandom rng, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.nextDouble(lo, hi);
        return x;
    }

    /** Standard normal values (Marsaglia's polar method on the caller's source, independent of Philox). */
    public static float[] normal(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double u, v, s;
            do {
                u = rng.nextDouble(-1, 1);
                v = rng.nextDouble(-1, 1);
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            x[i] = (float) (u * Math.sqrt(-2 * Math.log(s) / s));
        }
        return x;
    }

    /** Targets that are exactly 0 or 1. */
    public static float[] hardTargets(SplittableRandom rng, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextBoolean() ? 1f : 0f;
        return y;
    }

    /** Values that avoid a neighbourhood of the given kinks, so a finite difference never straddles one. */
    public static float[] awayFrom(SplittableRandom rng, int n, double lo, double hi, double margin, double... kinks) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v;
            do {
                v = (float) rng.nextDouble(lo, hi);
            } while (near(v, margin, kinks));
            x[i] = v;
        }
        return x;
    }

    private static boolean near(float v, double margin, double[] kinks) {
        for (double k : kinks) if (Math.abs(v - k) < margin) return true;
        return false;
    }

    private static int[] permutation(SplittableRandom rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
