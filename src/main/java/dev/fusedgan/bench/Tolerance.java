package dev.fusedgan.bench;

/**
 * |a - ref| &lt;= atol + rtol |ref|. {@link #LOSS} is the one the loss suite validates with: float32 has
 * eps = 2^-23 ~ 1.2e-7; CUDA's expf/log1pf are within 2 ulp and a tree reduction over 2^27 elements is
 * 27 levels deep, so float32 results land within ~30 eps ~ 4e-6 relative of the double-precision CPU
 * reference; rtol = 1e-4 leaves 25x margin, and atol = 1e-5 covers values that cancel to near zero.
 * Gradients are compared per element before the 1/n of the mean (see {@link LossValidator}).
 */
public record Tolerance(double atol, double rtol) {
    public static final Tolerance LOSS = new Tolerance(1e-5, 1e-4);

    public boolean within(double a, double ref) {
        if (Double.isNaN(a) || Double.isNaN(ref)) return Double.isNaN(a) && Double.isNaN(ref);
        return Math.abs(a - ref) <= atol + rtol * Math.abs(ref);
    }

    @Override
    public String toString() { return "|a-ref| <= " + atol + " + " + rtol + "*|ref|"; }
}
