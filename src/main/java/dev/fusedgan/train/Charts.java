package dev.fusedgan.train;

import dev.fusedgan.data.GaussianMixture;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The run's PNG charts, drawn headless with xchart. */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** samples.png: the generated samples as a scatter over the mixture's mode centres. */
    static void samples(GaussianMixture mixture, float[] samples, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(640).title(title).xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        int n = samples.length / 2;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = samples[2 * i];
            ys[i] = samples[2 * i + 1];
        }
        chart.addSeries("generated (" + n + ")", xs, ys);
        List<float[]> modes = mixture.modes();
        double[] mx = new double[modes.size()], my = new double[modes.size()];
        for (int i = 0; i < modes.size(); i++) {
            mx[i] = modes.get(i)[0];
            my[i] = modes.get(i)[1];
        }
        XYSeries centres = chart.addSeries("mode centres", mx, my);
        centres.setMarker(SeriesMarkers.CROSS);
        save(List.of(chart), 1, file);
    }

    /** losses.png: D and G loss, the D outputs and the gradient norms against the step, one panel each. */
    static void losses(List<StepDiagnostics> history, Path file) throws IOException {
        int n = history.size();
        double[] step = new double[n], dLoss = new double[n], gLoss = new double[n], dReal = new double[n],
                dFakeBefore = new double[n], dFakeAfter = new double[n], gNorm = new double[n], dNorm = new double[n];
        for (int i = 0; i < n; i++) {
            StepDiagnostics d = history.get(i);
            step[i] = d.step();
            dLoss[i] = d.dLoss();
            gLoss[i] = d.gLoss();
            dReal[i] = d.dReal();
            dFakeBefore[i] = d.dFakeBefore();
            dFakeAfter[i] = d.dFakeAfter();
            gNorm[i] = d.gGradNorm();
            dNorm[i] = d.dGradNorm();
        }
        XYChart losses = line("losses", "loss");
        losses.addSeries("D loss", step, dLoss);
        losses.addSeries("G loss", step, gLoss);
        XYChart outputs = line("discriminator outputs (batch means)", "D output");
        outputs.addSeries("D(x)", step, dReal);
        outputs.addSeries("D(G(z)) before D step", step, dFakeBefore);
        outputs.addSeries("D(G(z)) after D step", step, dFakeAfter);
        XYChart norms = line("gradient norms", "L2 norm");
        norms.addSeries("|grad G|", step, gNorm);
        norms.addSeries("|grad D|", step, dNorm);
        save(List.of(losses, outputs, norms), 3, file);
    }

    private static XYChart line(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(900).height(300).title(title).xAxisTitle("step").yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    private static void save(List<XYChart> charts, int rows, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(charts, rows, 1, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
