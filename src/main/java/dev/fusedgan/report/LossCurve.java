package dev.fusedgan.report;

/**
 * One loss sampled over an input grid: {@code loss[i]} and {@code gradient[i]} = dLoss/dx at {@code x[i]},
 * per element (no reduction factor), as a backend computed them.
 */
public record LossCurve(String name, double[] x, double[] loss, double[] gradient) {
    public LossCurve {
        if (x.length != loss.length || x.length != gradient.length || x.length == 0) {
            throw new IllegalArgumentException("curve " + name + ": " + x.length + " inputs, " + loss.length
                    + " losses, " + gradient.length + " gradients");
        }
    }

    /** The index of the grid point nearest to {@code value}. */
    public int indexOf(double value) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i] - value) < Math.abs(x[best] - value)) best = i;
        }
        return best;
    }

    public double lossAt(double value) { return loss[indexOf(value)]; }

    public double gradientAt(double value) { return gradient[indexOf(value)]; }
}
