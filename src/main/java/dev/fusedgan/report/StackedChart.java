package dev.fusedgan.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Draws panels one above the other into a single PNG: each panel is an XChart line chart rendered to a
 * BufferedImage, and the images are stacked and written with the JDK's PNG encoder. Everything renders
 * off screen, so it runs headless.
 */
public final class StackedChart {
    private StackedChart() {}

    public static void write(Path png, int width, int panelHeight, List<Panel> panels) {
        BufferedImage out = new BufferedImage(width, panelHeight * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(chart(panels.get(i), width, panelHeight)), 0, i * panelHeight, null);
            }
        } finally {
            g.dispose();
        }
        try {
            if (!ImageIO.write(out, "png", png.toFile())) throw new IOException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(Panel p, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(p.title()).xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
        chart.getStyler().setYAxisLogarithmic(p.logY());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAntiAlias(true);
        for (Series s : p.series()) {
            Series drawn = p.logY() ? positiveOnly(s) : s;
            if (drawn.x().length == 0) continue;
            XYSeries line = chart.addSeries(s.name(), drawn.x(), drawn.y());
            line.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static Series positiveOnly(Series s) {
        int[] keep = IntStream.range(0, s.x().length).filter(i -> s.y()[i] > 0 && Double.isFinite(s.y()[i])).toArray();
        return new Series(s.name(), Arrays.stream(keep).mapToDouble(i -> s.x()[i]).toArray(),
                Arrays.stream(keep).mapToDouble(i -> s.y()[i]).toArray());
    }
}
