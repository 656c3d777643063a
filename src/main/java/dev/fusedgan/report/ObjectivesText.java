package dev.fusedgan.report;

import dev.fusedgan.gan.GeneratorObjective;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of objectives.md: what the curves show, with every number read from the computed arrays,
 * so the text changes if the operations behind the curves ever do.
 */
final class ObjectivesText {
    /** |dL/dl| below this counts as "no useful signal" for the saturation statement. */
    static final double WEAK_GRADIENT = 1e-3;
    private static final double[] TABLE_LOGITS = {-10, -5, -2, 0, 2, 5, 10};
    private static final double[] TABLE_ERRORS = {-2, -1, -0.5, 0, 0.5, 1, 2};

    private ObjectivesText() {}

    static String render(String backend, List<LossCurve> generator, List<LossCurve> pixel, String generatorPng, String pixelPng) {
        LossCurve ns = find(generator, GeneratorObjective.NON_SATURATING.name());
        LossCurve mm = find(generator, GeneratorObjective.MINIMAX.name());
        LossCurve ls = find(generator, GeneratorObjective.LEAST_SQUARES.name());
        LossCurve hinge = find(generator, GeneratorObjective.HINGE.name());
        LossCurve mse = find(pixel, PixelLossCurves.SQUARED);
        LossCurve mae = find(pixel, PixelLossCurves.ABSOLUTE);
        double lo = ns.x()[0], hi = ns.x()[ns.x().length - 1];
        double eLo = mse.x()[0], eHi = mse.x()[mse.x().length - 1];

        StringBuilder t = new StringBuilder();
        t.append("# Generator objectives, seen through the discriminator's logit\n\n");
        t.append(String.format(Locale.ROOT, """
                Computed on backend `%s`. l is the discriminator's logit for a fake sample, D(G(z)) = sigmoid(l);
                l far below 0 means D confidently rejects the fake, which is where a generator starts. Each of the
                %d logits in [%s, %s] went through `Objectives.generator`, the call training makes, as a batch of
                one, so the batch mean is the sample itself and dL/dl is the per-sample gradient. Charts:
                `%s` (loss, dL/dl, and |dL/dl| on a log scale) and `%s` (the pixel-loss foil).

                """, backend, ns.x().length, num(lo), num(hi), generatorPng, pixelPng));

        t.append("## dL/dl at selected logits\n\n");
        t.append(table("objective", "l", TABLE_LOGITS, generator, true)).append('\n');
        t.append("## Loss at selected logits\n\n");
        t.append(table("objective", "l", TABLE_LOGITS, generator, false)).append('\n');

        t.append("## What the curves show\n\n");
        int rejectIdx = 0;
        double rejectL = ns.x()[rejectIdx];
        double dFake = 1 / (1 + Math.exp(-rejectL));
        double gNs = ns.gradient()[rejectIdx], gMm = mm.gradient()[rejectIdx];
        t.append(String.format(Locale.ROOT,
                "- **Minimax saturates exactly where the generator needs a signal.** At l = %s (D(G(z)) = %s) the "
                        + "minimax gradient is %s, %s times smaller than the non-saturating one (%s). The minimax "
                        + "gradient stays below %s in magnitude for every l up to %s.\n",
                num(rejectL), num(dFake), num(gMm), num(gNs / gMm), String.format(Locale.ROOT, "%.5f", gNs),
                num(WEAK_GRADIENT), num(weakUpTo(mm))));
        int accept = ns.x().length - 1;
        t.append(String.format(Locale.ROOT,
                "- **Non-saturating swaps where the weakness lies.** Its gradient is about -1 while D rejects the "
                        + "fake and fades only once the fake fools D: at l = %s it is %s while minimax's is %s. Both "
                        + "always push l upward; they differ only in where the push is strong.\n",
                num(ns.x()[accept]), num(ns.gradient()[accept]), num(mm.gradient()[accept])));
        double slope = (ls.gradient()[accept] - ls.gradient()[0]) / (ls.x()[accept] - ls.x()[0]);
        t.append(String.format(Locale.ROOT,
                "- **Least squares grows linearly.** dL/dl goes from %s at l = %s to %s at l = %s, a slope of %s: "
                        + "a confidently rejected fake gets the largest push, and a fake D over-accepts (l > 1) is "
                        + "pushed back toward l = 1. Its loss at l = %s is already %s.\n",
                num(ls.gradient()[0]), num(lo), num(ls.gradient()[accept]), num(hi), num(slope), num(lo),
                num(ls.loss()[0])));
        double hMin = min(hinge.gradient()), hMax = max(hinge.gradient());
        t.append(String.format(Locale.ROOT,
                "- **Hinge is constant.** dL/dl is %s at every one of the %d points: the same push whatever D "
                        + "thinks, never saturating and never growing.\n\n",
                hMin == hMax ? num(hMin) : "between " + num(hMin) + " and " + num(hMax), hinge.x().length));

        t.append("## The foil: pixel losses against one data sample\n\n");
        t.append("dLoss/dG(z) at selected pixel errors e:\n\n");
        t.append(table("loss", "e", TABLE_ERRORS, pixel, true)).append('\n');
        double worst = 0;
        for (int i = 0; i < mse.x().length; i++) worst = Math.max(worst, Math.abs(mse.gradient()[i] - 2 * mse.x()[i]));
        t.append(String.format(Locale.ROOT,
                "Pixel error e = G(z) - x over [%s, %s], computed by `Backend.loss` (SQUARED_ERROR, ABSOLUTE_ERROR, "
                        + "reduction NONE) with a different random data pixel x at every point. The MSE gradient "
                        + "is 2e (largest deviation from 2e over the grid: %s, float32 rounding of x + e), from %s at "
                        + "e = %s to %s at e = %s; the MAE gradient is sign(e): %s for e < 0, %s for e > 0. Neither "
                        + "depends on x, and neither has a discriminator in it at all: the gradient pulls each pixel "
                        + "toward one fixed sample, so over many samples G is pulled toward their average (a blur), "
                        + "not toward any one realistic image. The adversarial objectives instead get their gradient "
                        + "from D's logit, which says how real the whole sample looks.\n",
                num(eLo), num(eHi), num(worst), num(mse.gradient()[0]), num(eLo),
                num(mse.gradient()[mse.x().length - 1]), num(eHi), num(mae.gradient()[0]),
                num(mae.gradient()[mae.x().length - 1])));
        return t.toString();
    }

    /** The largest grid l up to which the curve's |gradient| stays below {@link #WEAK_GRADIENT}, counted from the low end. */
    static double weakUpTo(LossCurve c) {
        int i = 0;
        while (i + 1 < c.x().length && Math.abs(c.gradient()[i + 1]) < WEAK_GRADIENT) i++;
        return c.x()[i];
    }

    private static String table(String first, String var, double[] at, List<LossCurve> curves, boolean gradient) {
        List<String> header = new ArrayList<>(List.of(first));
        for (double v : at) header.add(var + " = " + num(v));
        MarkdownTable table = new MarkdownTable(header);
        for (LossCurve c : curves) {
            List<String> row = new ArrayList<>(List.of(c.name()));
            for (double v : at) row.add(num(gradient ? c.gradientAt(v) : c.lossAt(v)));
            table.row(row);
        }
        return table.render();
    }

    private static LossCurve find(List<LossCurve> curves, String name) {
        return curves.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no curve named " + name));
    }

    /** Four significant digits; scientific outside [1e-3, 1e4) so that 4.5e-5 does not print as 0.0000. */
    static String num(double v) {
        double a = Math.abs(v);
        if (v == 0 || (a >= 1e-3 && a < 1e4)) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }
}
