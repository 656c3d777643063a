package dev.fusedgan.cuda;

import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Element-by-element comparisons of an emulated kernel's output with the CPU reference's. The message names
 * the element, both values and the tolerance; callers put the data's seed into {@code what}.
 */
final class KernelChecks {
    private KernelChecks() {}

    /** Same float bits (so the same value; NaN payloads are compared through floatToIntBits, i.e. not at all). */
    static void assertBitwise(String what, float[] cpu, float[] kernel) {
        sameLength(what, cpu, kernel);
        for (int i = 0; i < cpu.length; i++) {
            if (Float.floatToIntBits(cpu[i]) != Float.floatToIntBits(kernel[i])) {
                fail(what + ": element " + i + " of " + cpu.length + ": cpu " + cpu[i] + ", kernel " + kernel[i]
                        + " (expected bitwise equal)");
            }
        }
    }

    /**
     * |kernel - cpu| &le; tolerance(i); NaN must meet NaN and an infinity the same infinity (an infinite
     * reference is a value the kernel must reproduce, not one any error bound covers).
     */
    static void assertWithin(String what, float[] cpu, float[] kernel, IntToDoubleFunction tolerance) {
        sameLength(what, cpu, kernel);
        for (int i = 0; i < cpu.length; i++) {
            float r = cpu[i], k = kernel[i];
            double tol = tolerance.applyAsDouble(i);
            if (!close(r, k, tol)) {
                fail(what + ": element " + i + " of " + cpu.length + ": cpu " + r + ", kernel " + k + " (tolerance " + tol + ")");
            }
        }
    }

    static boolean close(double cpu, double kernel, double tolerance) {
        if (Double.isNaN(cpu) || Double.isNaN(kernel)) return Double.isNaN(cpu) && Double.isNaN(kernel);
        if (Double.isInfinite(cpu) || Double.isInfinite(kernel)) return cpu == kernel;
        return Math.abs(kernel - cpu) <= tolerance;
    }

    private static void sameLength(String what, float[] cpu, float[] kernel) {
        if (cpu.length != kernel.length) fail(what + ": " + kernel.length + " kernel values for " + cpu.length + " cpu values");
    }
}
