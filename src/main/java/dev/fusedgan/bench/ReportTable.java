package dev.fusedgan.bench;

import java.util.List;
import java.util.Locale;

/**
 * The fixed-width text table of {@link BenchRow}s printed on stdout (bench_torch.py prints the same
 * layout). The note is shown only for rows that were not timed, where it says why.
 */
public final class ReportTable {
    private ReportTable() {}

    private static final String FORMAT = "%-5s %-22s %12s %-7s %10s %10s %13s %9s %7s %8s %11s  %s";

    public static String header() {
        return String.format(Locale.ROOT, FORMAT, "suite", "variant", "n", "status", "ms_median", "ms_min", "bytes",
                "GB/s", "%copy", "launches", "samples/s", "device / note");
    }

    public static String line(BenchRow r) {
        return String.format(Locale.ROOT, FORMAT, r.suite(), r.variant(), r.n(), r.status(), num(r.msMedian(), "%.4f"),
                num(r.msMin(), "%.4f"), r.bytes() < 0 ? "-" : Long.toString(r.bytes()), num(r.gbPerS(), "%.1f"),
                num(r.pctCopy(), "%.1f"), num(r.launchesPerCall(), "%.1f"), num(r.samplesPerS(), "%.0f"),
                r.ok() ? r.device() : r.device() + ": " + r.note()).stripTrailing();
    }

    public static String table(List<BenchRow> rows) {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        for (BenchRow r : rows) sb.append(line(r)).append('\n');
        return sb.toString();
    }

    static String num(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }
}
