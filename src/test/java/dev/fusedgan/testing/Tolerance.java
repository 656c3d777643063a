package dev.fusedgan.testing;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparisons of a float32 result with a float64 reference, with NaN and infinities handled as values. */
public final class Tolerance {
    private Tolerance() {}

    /** The unit roundoff of float32 (half an ulp of 1): a correctly rounded operation errs by at most this, relatively. */
    public static final double FLOAT_ROUNDOFF = 0x1p-24;

    /** The unit roundoff of float64, for bounding the error of a reference or of a double-precision implementation. */
    public static final double DOUBLE_ROUNDOFF = 0x1p-53;

    /** {@code n} float32 ulps at the reference value (for denormals this is the denormal spacing). */
    public static double floatUlps(double reference, int n) {
        return n * (double) Math.ulp((float) reference);
    }

    /**
     * Asserts {@code |actual - expected| <= tolerance}; a NaN reference wants NaN, an infinite one wants the
     * same infinity.
     */
    public static void assertClose(double expected, float actual, double tolerance, Supplier<String> where) {
        if (Double.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), () -> where.get() + ": expected NaN, got " + actual);
        } else if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, 0.0, () -> where.get() + ": expected " + expected);
        } else {
            double error = Math.abs(actual - expected);
            assertTrue(error <= tolerance, () -> where.get() + ": expected " + expected + ", got " + actual
                    + " (error " + error + " > tolerance " + tolerance + ")");
        }
    }
}
