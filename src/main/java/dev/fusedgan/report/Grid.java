package dev.fusedgan.report;

/** Evenly spaced sample points, rounded to float32 because that is what the backends are given. */
final class Grid {
    private Grid() {}

    static float[] linspace(double from, double to, int points) {
        if (points < 2 || !(from < to)) {
            throw new IllegalArgumentException("a grid needs at least 2 points over a non-empty range, got "
                    + points + " over [" + from + ", " + to + "]");
        }
        float[] x = new float[points];
        for (int i = 0; i < points; i++) x[i] = (float) (from + (to - from) * i / (points - 1));
        return x;
    }

    static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
