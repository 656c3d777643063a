package dev.fusedgan.report;

import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.gan.GeneratorObjective;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The curves against closed forms evaluated in double at the float32 logit actually used.
 * Tolerance |got - want| &le; 2e-7 |want| + 1e-15: the CPU computes each value in double and rounds once
 * to float32 (2^-24 = 6e-8 relative, times a margin of about 3); the absolute 1e-15 covers the
 * non-saturating gradient sigmoid(l) - 1, formed in double, which cannot resolve values far below
 * double's 1.1e-16 spacing near 1 (at l = 80 it gives 0 where the exact value is -1.8e-35).
 */
class GeneratorObjectiveCurvesTest {
    private static final double REL = 2e-7, ABS = 1e-15;

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static DoubleUnaryOperator loss(GeneratorObjective o) {
        return switch (o) {
            case NON_SATURATING -> l -> softplus(-l);
            case MINIMAX -> l -> -softplus(l);
            case LEAST_SQUARES -> l -> 0.5 * (l - 1) * (l - 1);
            case HINGE -> l -> -l;
            case FEATURE_MATCHING, PIXEL_MSE, PIXEL_MAE -> throw new IllegalArgumentException(o + " has no logit curve");
        };
    }

    private static DoubleUnaryOperator gradient(GeneratorObjective o) {
        return switch (o) {
            case NON_SATURATING -> l -> -sigmoid(-l);
            case MINIMAX -> l -> -sigmoid(l);
            case LEAST_SQUARES -> l -> l - 1;
            case HINGE -> l -> -1;
            case FEATURE_MATCHING, PIXEL_MSE, PIXEL_MAE -> throw new IllegalArgumentException(o + " has no logit curve");
        };
    }

    private static void assertClose(double want, double got, String what) {
        assertTrue(Math.abs(got - want) <= REL * Math.abs(want) + ABS, what + ": want " + want + ", got " + got);
    }

    private static void checkAgainstClosedForms(List<LossCurve> curves) {
        List<GeneratorObjective> onLogits = java.util.Arrays.stream(GeneratorObjective.values()).filter(GeneratorObjective::onLogits).toList();
        assertEquals(onLogits.size(), curves.size());
        for (GeneratorObjective o : onLogits) {
            LossCurve c = curves.get(o.ordinal());
            assertEquals(o.name(), c.name());
            for (int i = 0; i < c.x().length; i++) {
                double l = c.x()[i];
                assertClose(loss(o).applyAsDouble(l), c.loss()[i], o + " loss at l = " + l);
                assertClose(gradient(o).applyAsDouble(l), c.gradient()[i], o + " gradient at l = " + l);
            }
        }
    }

    @Test
    void curvesOverTheReportRangeMatchClosedForms() {
        try (CpuBackend be = new CpuBackend()) {
            checkAgainstClosedForms(GeneratorObjectiveCurves.compute(be, -10, 10, 401));
        }
    }

    @Test
    void curvesAtLargeLogitsMatchClosedForms() {
        try (CpuBackend be = new CpuBackend()) {
            checkAgainstClosedForms(GeneratorObjectiveCurves.compute(be, -80, 80, 33));
        }
    }

    @Test
    void minimaxGradientAtMinusTenIsAbout22026TimesSmallerThanNonSaturating() {
        try (CpuBackend be = new CpuBackend()) {
            List<LossCurve> c = GeneratorObjectiveCurves.compute(be, -10, 10, 401);
            double ns = c.get(GeneratorObjective.NON_SATURATING.ordinal()).gradientAt(-10);
            double mm = c.get(GeneratorObjective.MINIMAX.ordinal()).gradientAt(-10);
            assertEquals(-4.5398e-5, mm, 1e-9);
            assertEquals(-0.99995, ns, 1e-5);
            // sigmoid(10)/sigmoid(-10) = e^10 exactly.
            assertEquals(Math.exp(10), ns / mm, Math.exp(10) * 1e-6);
        }
    }
}
