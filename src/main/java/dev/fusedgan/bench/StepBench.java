package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The training-step suite: ms per {@link GanStep} iteration and samples/s (batch size / seconds per
 * iteration) for the fused and the unfused loss on the device at each batch size, and the fused loss on
 * the CPU at the CPU batch sizes. Before timing, each variant's first iteration is validated against the
 * same iteration on the CPU reference (same seed, so the same weights, data and noise) at the smallest
 * CPU batch: both losses within {@link #TOLERANCE}. The step is steady-state training, so no cache flush.
 */
public final class StepBench {
    private StepBench() {}

    /**
     * First-iteration losses pass through three GEMMs of depth up to 784 in float32 (relative error
     * ~ sqrt(784) eps ~ 3e-6 per layer, summed in a different order on each backend); 1e-3 relative is
     * far outside that and far inside any real bug.
     */
    static final Tolerance TOLERANCE = new Tolerance(1e-4, 1e-3);

    /**
     * @param batches    device batch sizes
     * @param cpuBatches batch sizes of the "cpu" variant (none when the device is the CPU itself)
     * @param cpuRepeats timed iterations of the "cpu" variant (the CPU step is slow)
     */
    public record Config(List<Integer> batches, List<Integer> cpuBatches, int warmup, int repeats, int cpuRepeats, long seed) {
        public Config {
            batches = List.copyOf(batches);
            cpuBatches = List.copyOf(cpuBatches);
            for (int b : batches) if (b < 1) throw new IllegalArgumentException("batch sizes must be >= 1, got " + b);
            for (int b : cpuBatches) if (b < 1) throw new IllegalArgumentException("CPU batch sizes must be >= 1, got " + b);
            if (warmup < 0 || repeats < 1 || cpuRepeats < 1) {
                throw new IllegalArgumentException("step suite needs warmup >= 0 and repeats >= 1");
            }
        }
    }

    public static List<BenchRow> run(Config c, Backend device, Backend cpu, Consumer<BenchRow> onRow) {
        int validationBatch = c.cpuBatches().isEmpty() ? Math.min(64, c.batches().stream().min(Integer::compare).orElse(64))
                : c.cpuBatches().stream().min(Integer::compare).orElseThrow();
        record Variant(String name, Backend backend, LossFunction bce, List<Integer> batches, int repeats) {}
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("fused", device, LossFunction.BCE_WITH_LOGITS, c.batches(), c.repeats()),
                new Variant("unfused", device, LossFunction.BCE_UNFUSED, c.batches(), c.repeats())));
        if (device != cpu) variants.add(new Variant("cpu", cpu, LossFunction.BCE_WITH_LOGITS, c.cpuBatches(), c.cpuRepeats()));

        List<BenchRow> rows = new ArrayList<>();
        for (Variant v : variants) {
            if (v.batches().isEmpty()) continue;
            String problem = validate(v.backend(), cpu, v.bce(), validationBatch, c.seed());
            for (int batch : v.batches()) {
                BenchRow row;
                if (problem != null) {
                    row = BenchRow.untimed("step", v.name(), v.backend().name(), batch, BenchRow.Status.FAILED, -1, problem);
                } else {
                    try (GanStep step = new GanStep(v.backend(), batch, v.bce(), c.seed())) {
                        Timing.Result t = Timing.measure(v.backend(), c.warmup(), v.repeats(), () -> {}, step::iterate);
                        row = new BenchRow("step", v.name(), v.backend().name(), batch, BenchRow.Status.OK, t.medianMs(),
                                t.minMs(), -1, Double.NaN, Double.NaN, t.launchesPerCall(), batch * 1000.0 / t.medianMs(),
                                "validated at batch " + validationBatch + "; one D step + one G step");
                    }
                }
                rows.add(row);
                onRow.accept(row);
            }
        }
        return rows;
    }

    /** Null when the first iteration's losses on {@code be} match the CPU's (or {@code be} is the CPU), else the reason. */
    static String validate(Backend be, Backend cpu, LossFunction bce, int batch, long seed) {
        if (be == cpu) return null;
        GanStep.Losses got, ref;
        try (GanStep a = new GanStep(be, batch, bce, seed); GanStep b = new GanStep(cpu, batch, bce, seed)) {
            a.iterate();
            b.iterate();
            got = a.losses();
            ref = b.losses();
        }
        if (TOLERANCE.within(got.discriminator(), ref.discriminator()) && TOLERANCE.within(got.generator(), ref.generator())) {
            return null;
        }
        return String.format(Locale.ROOT, "first-iteration losses D %.6g G %.6g vs CPU reference D %.6g G %.6g (batch %d, tolerance %s)",
                got.discriminator(), got.generator(), ref.discriminator(), ref.generator(), batch, TOLERANCE);
    }
}
