package dev.fusedgan.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The loss suite as a PNG: achieved GB/s against log2(n), one line per variant (timed rows only), and
 * the copy bandwidth of the same run as a horizontal line, the roofline the fused kernel aims at.
 */
public final class LossChart {
    private LossChart() {}

    public static void write(Path png, BenchRow copy, List<BenchRow> rows) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("BCE with logits, loss + gradient (" + copy.device() + ")")
                .xAxisTitle("log2(n elements)").yAxisTitle("GB/s (napkin bytes / median time)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Map<String, List<BenchRow>> byVariant = new LinkedHashMap<>();
        for (BenchRow r : rows) {
            if (r.ok() && r.suite().equals("loss")) byVariant.computeIfAbsent(r.variant(), k -> new ArrayList<>()).add(r);
        }
        double lo = log2(copy.n()), hi = lo;
        if (!byVariant.isEmpty()) {
            lo = Double.MAX_VALUE;
            hi = -Double.MAX_VALUE;
        }
        for (var e : byVariant.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(r -> log2(r.n())).toArray();
            double[] y = e.getValue().stream().mapToDouble(BenchRow::gbPerS).toArray();
            chart.addSeries(e.getKey(), x, y);
            for (double v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        XYSeries roof = chart.addSeries(String.format(Locale.ROOT, "copy %.0f GB/s", copy.gbPerS()),
                new double[] {lo, hi}, new double[] {copy.gbPerS(), copy.gbPerS()});
        roof.setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double log2(long n) { return 63 - Long.numberOfLeadingZeros(n); }
}
