package dev.fusedgan.report;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.data.MixtureMetrics;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.train.StepDiagnostics;
import dev.fusedgan.train.TrainConfig;
import dev.fusedgan.train.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generator-objective experiment: the default 8-mode ring run once per generator objective, same seed,
 * same steps, same networks, each objective with its usual discriminator objective. It records G's
 * gradient norm over the first {@value #RECORDED_STEPS} steps and the final mode metrics, and writes
 * experiment.png (gradient norm vs step, log y) and experiment.md (the table).
 */
public final class ObjectiveExperiment {
    public static final List<GeneratorObjective> OBJECTIVES = List.of(GeneratorObjective.NON_SATURATING,
            GeneratorObjective.MINIMAX, GeneratorObjective.LEAST_SQUARES, GeneratorObjective.HINGE,
            GeneratorObjective.FEATURE_MATCHING, GeneratorObjective.PIXEL_MSE);
    public static final int RECORDED_STEPS = 200;
    public static final String PNG = "experiment.png";
    public static final String TEXT = "experiment.md";

    private ObjectiveExperiment() {}

    /** One objective's run: G's gradient norms of the first steps, the final metrics, the wall time. */
    public record Row(GeneratorObjective objective, TrainConfig config, double[] gradNorms, MixtureMetrics metrics, double seconds) {
        public double meanGradNorm() {
            double s = 0;
            for (double g : gradNorms) s += g;
            return s / gradNorms.length;
        }
    }

    public record Result(List<Row> rows, List<Path> files) {}

    /** Runs every objective on {@code base} (its data must be a mixture) and writes the two files into {@code dir}. */
    public static Result write(Backend be, Path dir, TrainConfig base) {
        GaussianMixture data = GaussianMixture.named(base.data(), base.seed());
        List<Row> rows = new ArrayList<>();
        for (GeneratorObjective o : OBJECTIVES) rows.add(run(be, data, base.withObjectives(o, o.defaultDiscriminator())));
        Path png = dir.resolve(PNG), text = dir.resolve(TEXT);
        List<Series> series = new ArrayList<>();
        for (Row r : rows) {
            double[] step = new double[r.gradNorms().length];
            for (int i = 0; i < step.length; i++) step[i] = i + 1;
            series.add(new Series(r.objective().name(), step, r.gradNorms()));
        }
        StackedChart.write(png, 900, 420, List.of(new Panel("Generator gradient norm, first steps on the " + data.name()
                + " (seed " + base.seed() + ")", "step", "|grad G| (log scale)", true, series)));
        try {
            Files.writeString(text, render(be.name(), base, rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + text + ": " + e.getMessage(), e);
        }
        return new Result(rows, List.of(png, text));
    }

    private static Row run(Backend be, GaussianMixture data, TrainConfig config) {
        long started = System.nanoTime();
        int recorded = Math.min(RECORDED_STEPS, config.steps());
        double[] norms = new double[recorded];
        float[] samples;
        try (Trainer trainer = new Trainer(be, config, data)) {
            for (int s = 0; s < config.steps(); s++) {
                StepDiagnostics d = trainer.step();
                if (s < recorded) norms[s] = d.gGradNorm();
            }
            samples = trainer.generateEvaluationSamples();
        }
        return new Row(config.gObjective(), config, norms, MixtureMetrics.of(data, samples), (System.nanoTime() - started) / 1e9);
    }

    static String render(String backend, TrainConfig base, List<Row> rows) {
        StringBuilder t = new StringBuilder("# Generator objectives on the " + base.data() + ": an experiment\n\n");
        t.append(String.format(Locale.ROOT, """
                Backend `%s`. Every row is the same run but for the generator objective: seed %d, %d steps, batch %d,
                hidden %s (%s), Adam lr %s (linear decay from %.0f%% of the steps), %d evaluation samples. The
                discriminator objective is the one that goes with the generator's (cross-entropy for ns, minimax
                and fm; least squares for lsgan; hinge for hinge); PIXEL_MSE trains G alone against random data
                samples, so D is not trained and its first columns measure G's pixel-loss gradient. |grad G| is the
                global L2 norm of G's parameter gradient before each update (`experiment.png` plots it for the
                first %d steps). Modes, high-quality and mode KL are defined in `MixtureMetrics` (a sample is high
                quality within 3 sigma of its nearest mode).

                """, backend, base.seed(), base.steps(), base.batch(), base.hidden(), base.activation(),
                num(base.learningRate()), 100 * base.decayFrom(), base.evalSamples(), rows.getFirst().gradNorms().length));
        MarkdownTable table = new MarkdownTable(List.of("G objective", "D objective", "|grad G| step 1",
                "mean |grad G| steps 1-" + rows.getFirst().gradNorms().length, "modes", "high-quality", "mode KL", "seconds"));
        for (Row r : rows) {
            MixtureMetrics m = r.metrics();
            table.row(List.of(r.objective().name(), r.config().dObjective().name(), num(r.gradNorms()[0]), num(r.meanGradNorm()),
                    m.modesCaptured() + "/" + m.modesTotal(), String.format(Locale.ROOT, "%.1f%%", 100 * m.highQualityFraction()),
                    m.modeKl() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", m.modeKl()),
                    String.format(Locale.ROOT, "%.1f", r.seconds())));
        }
        return t.append(table.render()).toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
