package dev.fusedgan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The performance targets of the issue, judged from result rows (Java's, and PyTorch's when they are
 * joined in): each is MET, MISSED, or NOT MEASURED when a row it needs is absent or was not measured on a
 * GPU. A row that failed validation counts as MISSED. Reported by the harness, never asserted in tests.
 */
public final class Targets {
    private Targets() {}

    public enum Verdict { MET, MISSED, NOT_MEASURED }

    public record Outcome(String target, Verdict verdict, String numbers) {}

    static final int BIG_LOG2 = 24;
    static final int TORCH_LOG2 = 26;
    static final long STEP_BATCH = 256;
    static final String STEP_TORCH = "torch-eager-fused-adam";

    public static List<Outcome> evaluate(List<BenchRow> rows) {
        List<Outcome> out = new ArrayList<>();
        for (String fused : List.of("fused-tensor", "fused-scalar")) {
            out.add(atLargeSizes(rows, fused + " >= 90% of copy bandwidth at n >= 2^" + BIG_LOG2, fused, null,
                    BenchRow::pctCopy, 90, "%.1f%%"));
        }
        out.add(atLargeSizes(rows, "fused-tensor >= 3x unfused at n >= 2^" + BIG_LOG2, "fused-tensor", "unfused",
                null, 3, "%.2fx"));
        out.add(speedup(rows, "fused-tensor >= 5x torch eager BCE-with-logits fwd+bwd at n = 2^" + TORCH_LOG2,
                "loss", 1L << TORCH_LOG2, "fused-tensor", "torch-eager", 5, false));
        out.add(speedup(rows, "fused-tensor faster than torch.compile at n = 2^" + TORCH_LOG2,
                "loss", 1L << TORCH_LOG2, "fused-tensor", "torch-compile", 1, true));
        out.add(speedup(rows, "GAN step at batch " + STEP_BATCH + " >= 2x torch eager with fused Adam",
                "step", STEP_BATCH, "fused", STEP_TORCH, 2, false));
        return out;
    }

    public static String format(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("targets (GPU rows only)\n");
        for (Outcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, "  %-12s %s: %s%n", o.verdict().name().replace('_', ' '), o.target(), o.numbers()));
        }
        return sb.toString();
    }

    /**
     * Over every GPU row of {@code variant} at n >= 2^BIG_LOG2: its own metric (when {@code rival} is null)
     * or rival ms / its ms must reach {@code threshold} at every size.
     */
    private static Outcome atLargeSizes(List<BenchRow> rows, String target, String variant, String rival,
                                        ToDoubleFunction<BenchRow> metric, double threshold, String fmt) {
        List<BenchRow> mine = rows.stream().filter(gpu("loss", variant).and(r -> r.n() >= 1L << BIG_LOG2)).toList();
        if (mine.isEmpty()) return new Outcome(target, Verdict.NOT_MEASURED, "no GPU row of " + variant + " at n >= 2^" + BIG_LOG2);
        StringBuilder numbers = new StringBuilder();
        boolean met = true;
        for (BenchRow r : mine) {
            String size = "2^" + Long.numberOfTrailingZeros(r.n()) + " ";
            if (!r.ok()) {
                numbers.append(size).append(r.status()).append("; ");
                met = false;
                continue;
            }
            double value;
            if (rival == null) {
                value = metric.applyAsDouble(r);
            } else {
                Optional<BenchRow> other = find(rows, "loss", rival, r.n());
                if (other.isEmpty() || !other.get().ok()) {
                    numbers.append(size).append(rival).append(" not measured; ");
                    met = false;
                    continue;
                }
                value = other.get().msMedian() / r.msMedian();
            }
            numbers.append(size).append(String.format(Locale.ROOT, fmt, value)).append("; ");
            met &= value >= threshold;
        }
        return new Outcome(target, met ? Verdict.MET : Verdict.MISSED, numbers.toString().replaceAll("; $", ""));
    }

    /** theirs ms / ours ms at one size must reach {@code threshold} (exceed it when {@code strictly}). */
    private static Outcome speedup(List<BenchRow> rows, String target, String suite, long n, String ours, String theirs,
                                   double threshold, boolean strictly) {
        Optional<BenchRow> a = find(rows, suite, ours, n), b = find(rows, suite, theirs, n);
        if (a.isEmpty() || b.isEmpty()) {
            return new Outcome(target, Verdict.NOT_MEASURED, (a.isEmpty() ? ours : theirs) + " has no GPU row at n = " + n);
        }
        if (!a.get().ok() || !b.get().ok()) {
            BenchRow bad = a.get().ok() ? b.get() : a.get();
            return new Outcome(target, bad == a.get() && bad.status() == BenchRow.Status.FAILED ? Verdict.MISSED : Verdict.NOT_MEASURED,
                    bad.variant() + " " + bad.status() + ": " + bad.note());
        }
        double ratio = b.get().msMedian() / a.get().msMedian();
        String numbers = String.format(Locale.ROOT, "%s %.4f ms, %s %.4f ms: %.2fx", ours, a.get().msMedian(), theirs,
                b.get().msMedian(), ratio);
        boolean met = strictly ? ratio > threshold : ratio >= threshold;
        return new Outcome(target, met ? Verdict.MET : Verdict.MISSED, numbers);
    }

    static Optional<BenchRow> find(List<BenchRow> rows, String suite, String variant, long n) {
        return find(rows, suite, variant, n, true);
    }

    /** The row of {@code variant} at {@code n} on a GPU, or on the CPU when {@code onGpu} is false. */
    static Optional<BenchRow> find(List<BenchRow> rows, String suite, String variant, long n, boolean onGpu) {
        return rows.stream().filter(on(suite, variant, onGpu).and(r -> r.n() == n)).findFirst();
    }

    private static Predicate<BenchRow> gpu(String suite, String variant) {
        return on(suite, variant, true);
    }

    private static Predicate<BenchRow> on(String suite, String variant, boolean onGpu) {
        return r -> r.suite().equals(suite) && r.variant().equals(variant) && r.onGpu() == onGpu;
    }
}
