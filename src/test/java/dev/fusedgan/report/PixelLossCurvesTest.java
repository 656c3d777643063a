package dev.fusedgan.report;

import dev.fusedgan.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tolerance 5e-7 absolute: G(z) = x + e is rounded to float32 with |x + e| &le; 3, an error of at most
 * half an ulp at 3 (1.2e-7) in e, doubled by the squared error's gradient 2e and its loss near e^2 &le; 4.
 */
class PixelLossCurvesTest {
    private static final double TOL = 5e-7;

    @Test
    void squaredAndAbsoluteErrorDependOnThePixelErrorAlone() {
        try (CpuBackend be = new CpuBackend()) {
            List<LossCurve> curves = PixelLossCurves.compute(be, -2, 2, 401, 7);
            LossCurve mse = curves.get(0), mae = curves.get(1);
            assertEquals(PixelLossCurves.SQUARED, mse.name());
            assertEquals(PixelLossCurves.ABSOLUTE, mae.name());
            for (int i = 0; i < mse.x().length; i++) {
                double e = mse.x()[i];
                assertEquals(e * e, mse.loss()[i], 4 * TOL, "MSE loss at e = " + e);
                assertEquals(2 * e, mse.gradient()[i], TOL, "MSE gradient at e = " + e);
                assertEquals(Math.abs(e), mae.loss()[i], TOL, "MAE loss at e = " + e);
                assertEquals(Math.signum(e), mae.gradient()[i], 0, "MAE gradient at e = " + e);
            }
        }
    }

    @Test
    void differentDataPixelsGiveTheSameCurves() {
        try (CpuBackend be = new CpuBackend()) {
            LossCurve a = PixelLossCurves.compute(be, -2, 2, 101, 1).get(0);
            LossCurve b = PixelLossCurves.compute(be, -2, 2, 101, 2).get(0);
            for (int i = 0; i < a.x().length; i++) {
                assertTrue(Math.abs(a.gradient()[i] - b.gradient()[i]) <= 2 * TOL, "e = " + a.x()[i]);
            }
        }
    }
}
