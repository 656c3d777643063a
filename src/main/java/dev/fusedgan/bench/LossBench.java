package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.Target;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The loss-kernel suite: for n = 2^minLog2 .. 2^maxLog2 and every {@link LossVariant} that goes that far,
 * validate against the CPU reference (see {@link LossValidator}), and only then time the call
 * (reduction MEAN, gradient written, the value left on the device by {@code Backend.lossInto}) with {@link Timing}, flushing the caches between repeats. A variant
 * that fails validation gets a FAILED row with the reason and is never timed. The copy bandwidth of the
 * device is measured first, as the roofline the rows are compared with.
 */
public final class LossBench {
    private LossBench() {}

    /**
     * @param validateLog2 the data block is 2^min(log2 n, validateLog2) elements: the size the CPU
     *                     reference is computed at (see {@link LossData})
     * @param cpuMaxLog2   largest size of the "cpu" variant of {@link LossVariant#standard}
     * @param flushMiB     scratch written between repeats (0 = none)
     */
    public record Config(int minLog2, int maxLog2, int cpuMaxLog2, int validateLog2, int copyLog2, int warmup, int repeats,
                         int flushMiB, long seed) {
        public Config {
            if (minLog2 < 0 || maxLog2 > 30 || minLog2 > maxLog2) {
                throw new IllegalArgumentException("sizes must satisfy 0 <= min-log2 <= max-log2 <= 30, got " + minLog2 + ".." + maxLog2);
            }
            if (cpuMaxLog2 < 0 || cpuMaxLog2 > 30) throw new IllegalArgumentException("cpu-max-log2 must be in [0, 30], got " + cpuMaxLog2);
            if (validateLog2 < 0 || validateLog2 > 24) throw new IllegalArgumentException("validate-log2 must be in [0, 24], got " + validateLog2);
            if (copyLog2 < 0 || copyLog2 > 30) throw new IllegalArgumentException("copy-log2 must be in [0, 30], got " + copyLog2);
            if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
            if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
            if (flushMiB < 0 || flushMiB > 4096) throw new IllegalArgumentException("flush-mib must be in [0, 4096], got " + flushMiB);
        }
    }

    /** The copy row (the roofline) and one row per size and variant, in the order they ran. */
    public record Report(BenchRow copy, List<BenchRow> rows) {
        public boolean anyFailed() { return rows.stream().anyMatch(r -> r.status() == BenchRow.Status.FAILED); }

        public List<BenchRow> all() {
            List<BenchRow> all = new ArrayList<>();
            all.add(copy);
            all.addAll(rows);
            return all;
        }
    }

    /**
     * Runs the suite. {@code reference} is the CPU backend validation compares with; {@code onRow} sees each
     * row as soon as it exists (the copy row first), for progress output.
     */
    public static Report run(Config c, Backend device, Backend reference, List<LossVariant> variants, Consumer<BenchRow> onRow) {
        LossValidator validator = new LossValidator(reference, Tolerance.LOSS);
        Map<Backend, L2Flush> flushes = new IdentityHashMap<>();
        try {
            BenchRow copy = CopyBandwidth.measure(device, c.copyLog2(), c.warmup(), c.repeats(), flush(flushes, device, c));
            onRow.accept(copy);
            List<BenchRow> rows = new ArrayList<>();
            for (int log2 = c.minLog2(); log2 <= c.maxLog2(); log2++) {
                int n = 1 << log2;
                LossData data = LossData.generate(1 << Math.min(log2, c.validateLog2()), c.seed(), log2);
                Map<Backend, LossInputs> inputs = new IdentityHashMap<>();
                try {
                    for (LossVariant v : variants) {
                        if (log2 > v.maxLog2()) continue;
                        BenchRow row = runOne(c, v, n, data, inputs, validator, device, copy, flush(flushes, v.backend(), c));
                        rows.add(row);
                        onRow.accept(row);
                    }
                } finally {
                    inputs.values().forEach(LossInputs::close);
                }
            }
            return new Report(copy, rows);
        } finally {
            flushes.values().forEach(L2Flush::close);
        }
    }

    private static BenchRow runOne(Config c, LossVariant v, int n, LossData data, Map<Backend, LossInputs> inputs,
                                   LossValidator validator, Backend device, BenchRow copy, Runnable flush) {
        Backend be = v.backend();
        long bytes = v.bytesMoved(n);
        LossInputs in = inputs.get(be);
        if (in == null) {
            try {
                in = new LossInputs(be, n, data);
            } catch (RuntimeException e) {
                // Sizes run upward, so this is where device memory runs out: report it and go on.
                return BenchRow.untimed("loss", v.name(), be.name(), n, BenchRow.Status.SKIPPED, bytes,
                        "could not allocate 3 x " + n + " floats: " + e.getMessage());
            }
            inputs.put(be, in);
        }
        LossValidator.Outcome check = validator.validate(v, in, n, data);
        if (!check.ok()) {
            return BenchRow.untimed("loss", v.name(), be.name(), n, BenchRow.Status.FAILED, bytes, check.message());
        }
        LossInputs timed = in;
        Target target = LossValidator.target(v, timed.targets);
        // lossInto, not loss: loss returns the value to the host, which would put a stream synchronisation and
        // a device-to-host copy inside every timed span (PyTorch's timed calls never wait like that).
        Timing.Result t = Timing.measure(be, c.warmup(), c.repeats(), flush,
                () -> be.lossInto(v.function(), timed.logits, target, LossOptions.MEAN, timed.grad, null, timed.result));
        double gbps = CopyBandwidth.gbPerS(bytes, t.medianMs());
        // The roofline was measured on the device: a row on another backend has no percentage of it.
        double pct = be == device ? 100 * gbps / copy.gbPerS() : Double.NaN;
        return new BenchRow("loss", v.name(), be.name(), n, BenchRow.Status.OK, t.medianMs(), t.minMs(), bytes, gbps, pct,
                t.launchesPerCall(), Double.NaN, check.message());
    }

    private static Runnable flush(Map<Backend, L2Flush> flushes, Backend be, Config c) {
        return flushes.computeIfAbsent(be, b -> new L2Flush(b, c.flushMiB()));
    }
}
