package dev.fusedgan.testing;

import java.util.function.DoubleUnaryOperator;

/** Central differences in double over a function of one float32 argument. */
public final class FiniteDifference {
    private FiniteDifference() {}

    /**
     * (f(x+) - f(x-)) / (x+ - x-) with x+- = float(x +- h). Dividing by the step actually taken, not 2h,
     * removes the error of rounding x +- h to float. The truncation error is about h^2 |f'''| / 6 and the
     * rounding error about (error of f) / h; callers pick h to balance the two for their f.
     */
    public static double central(DoubleUnaryOperator f, float x, double h) {
        float plus = (float) (x + h);
        float minus = (float) (x - h);
        if (plus == minus) throw new IllegalArgumentException("step " + h + " vanishes at x = " + x);
        return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / ((double) plus - minus);
    }
}
