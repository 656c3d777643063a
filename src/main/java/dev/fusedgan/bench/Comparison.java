package dev.fusedgan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Sets fusedgan's rows beside PyTorch's: for each size (loss) or batch (step), both sides' median ms and
 * the speedup = PyTorch ms / fusedgan ms (above 1: fusedgan is faster). Only OK GPU rows are compared;
 * a missing side prints "-". When neither side has a GPU row (a dry run of both scripts on a CPU machine), the
 * CPU rows are compared instead, under a heading that says so; the targets still count GPU rows only.
 */
public final class Comparison {
    private Comparison() {}

    /** One ratio column: PyTorch variant {@code theirs} over fusedgan variant {@code ours}. */
    record Pair(String ours, String theirs) {}

    static final List<Pair> LOSS_PAIRS = List.of(
            new Pair("fused-tensor", "torch-eager"),
            new Pair("fused-tensor", "torch-compile"),
            new Pair("unfused", "torch-naive"));
    static final List<Pair> STEP_PAIRS = List.of(
            new Pair("fused", Targets.STEP_TORCH),
            new Pair("unfused", Targets.STEP_TORCH));

    /** theirs ms / ours ms at {@code n}, NaN when either is missing, not OK, or not on a GPU. */
    public static double speedup(List<BenchRow> rows, String suite, long n, String ours, String theirs) {
        return speedup(rows, suite, n, ours, theirs, true);
    }

    private static double speedup(List<BenchRow> rows, String suite, long n, String ours, String theirs, boolean gpu) {
        var a = Targets.find(rows, suite, ours, n, gpu).filter(BenchRow::ok);
        var b = Targets.find(rows, suite, theirs, n, gpu).filter(BenchRow::ok);
        if (a.isEmpty() || b.isEmpty()) return Double.NaN;
        return b.get().msMedian() / a.get().msMedian();
    }

    /** The side-by-side tables of both suites and the targets judged on all rows together. */
    public static String report(List<BenchRow> ours, List<BenchRow> theirs) {
        List<BenchRow> all = new ArrayList<>(ours);
        all.addAll(theirs);
        boolean gpu = all.stream().anyMatch(BenchRow::onGpu);
        String dryRun = gpu ? "" : "CPU dry run: neither side has a GPU row, so these are CPU (or simulated-device) figures, not the GPU comparison\n\n";
        return dryRun + table(all, "loss", "n", LOSS_PAIRS, gpu) + "\n" + table(all, "step", "batch", STEP_PAIRS, gpu) + "\n"
                + Targets.format(Targets.evaluate(all));
    }

    static String table(List<BenchRow> rows, String suite, String sizeName, List<Pair> pairs, boolean gpu) {
        TreeSet<Long> sizes = new TreeSet<>();
        rows.stream().filter(r -> r.suite().equals(suite) && r.onGpu() == gpu).forEach(r -> sizes.add(r.n()));
        StringBuilder sb = new StringBuilder(suite + " suite" + (gpu ? "" : " on the CPU")
                + ", median ms (speedup = PyTorch ms / fusedgan ms)\n");
        sb.append(String.format(Locale.ROOT, "%12s", sizeName));
        for (Pair p : pairs) {
            sb.append(String.format(Locale.ROOT, " %14s %22s %8s", p.ours(), p.theirs(), "speedup"));
        }
        sb.append('\n');
        for (long n : sizes) {
            sb.append(String.format(Locale.ROOT, "%12d", n));
            for (Pair p : pairs) {
                sb.append(String.format(Locale.ROOT, " %14s %22s %8s", ms(rows, suite, p.ours(), n, gpu),
                        ms(rows, suite, p.theirs(), n, gpu),
                        ReportTable.num(speedup(rows, suite, n, p.ours(), p.theirs(), gpu), "%.2fx")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String ms(List<BenchRow> rows, String suite, String variant, long n, boolean gpu) {
        return Targets.find(rows, suite, variant, n, gpu).map(r -> r.ok() ? ReportTable.num(r.msMedian(), "%.4f") : r.status().name())
                .orElse("-");
    }
}
