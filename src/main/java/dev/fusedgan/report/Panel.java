package dev.fusedgan.report;

import java.util.List;

/**
 * One chart of a {@link StackedChart}. On a logarithmic y axis, points with y &le; 0 (or not finite)
 * cannot be drawn and are left out of the line.
 */
public record Panel(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
    public Panel {
        series = List.copyOf(series);
        if (series.isEmpty()) throw new IllegalArgumentException("panel " + title + " has no series");
    }
}
