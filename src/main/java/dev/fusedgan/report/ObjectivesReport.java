package dev.fusedgan.report;

import dev.fusedgan.backend.Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator-objective report: curves of every generator objective over the discriminator's logit,
 * the pixel-loss foil, two PNGs and objectives.md, all computed on the given backend.
 */
public final class ObjectivesReport {
    public static final double LOGIT_LIMIT = 10;
    public static final double ERROR_LIMIT = 2;
    public static final String GENERATOR_PNG = "generator-objectives.png";
    public static final String PIXEL_PNG = "pixel-losses.png";
    public static final String TEXT = "objectives.md";
    private static final int WIDTH = 900, PANEL_HEIGHT = 330;

    private ObjectivesReport() {}

    /** What was computed and the files written. */
    public record Result(List<LossCurve> generator, List<LossCurve> pixel, List<Path> files) {}

    /** Computes the curves over {@code points} grid points and writes the three files into {@code dir} (which must exist). */
    public static Result write(Backend be, Path dir, int points, long seed) {
        List<LossCurve> generator = GeneratorObjectiveCurves.compute(be, -LOGIT_LIMIT, LOGIT_LIMIT, points);
        List<LossCurve> pixel = PixelLossCurves.compute(be, -ERROR_LIMIT, ERROR_LIMIT, points, seed);
        Path generatorPng = dir.resolve(GENERATOR_PNG), pixelPng = dir.resolve(PIXEL_PNG), text = dir.resolve(TEXT);
        StackedChart.write(generatorPng, WIDTH, PANEL_HEIGHT, List.of(
                panel("Generator loss through D", "l = D's logit for a fake", "loss", false, generator, false),
                panel("dLoss/dl", "l = D's logit for a fake", "dLoss/dl", false, generator, true),
                panel("|dLoss/dl|, log scale", "l = D's logit for a fake", "|dLoss/dl|", true, generator, true)));
        StackedChart.write(pixelPng, WIDTH, PANEL_HEIGHT, List.of(
                panel("Pixel loss vs one data sample (no discriminator involved)", "e = G(z) - x", "loss", false, pixel, false),
                panel("dLoss/dG(z): a function of e alone", "e = G(z) - x", "dLoss/dG(z)", false, pixel, true)));
        try {
            Files.writeString(text, ObjectivesText.render(be.name(), generator, pixel, GENERATOR_PNG, PIXEL_PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + text + ": " + e.getMessage(), e);
        }
        return new Result(generator, pixel, List.of(generatorPng, pixelPng, text));
    }

    private static Panel panel(String title, String xLabel, String yLabel, boolean log, List<LossCurve> curves, boolean gradient) {
        List<Series> series = new ArrayList<>();
        for (LossCurve c : curves) {
            double[] y = gradient ? c.gradient() : c.loss();
            if (log) {
                double[] abs = new double[y.length];
                for (int i = 0; i < y.length; i++) abs[i] = Math.abs(y[i]);
                y = abs;
            }
            series.add(new Series(c.name(), c.x(), y));
        }
        return new Panel(title, xLabel, yLabel, log, series);
    }
}
