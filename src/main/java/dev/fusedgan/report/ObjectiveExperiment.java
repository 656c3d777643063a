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
 * The generator-objective experiment on the 8-mode ring, in two conditions, every run with the same seed
 * and networks, each objective with its usual discriminator objective. <em>Balanced</em>: the default run
 * once per generator objective. <em>D head start</em>: {@value #HEAD_START_WARMUP} discriminator-only
 * updates on the untrained generator's samples before the first G update, so D starts out confidently
 * rejecting every fake (the regime where minimax saturates), with a third of the steps to keep the
 * experiment short; the pixel loss, which trains no D, has no place in it. Every run records G's gradient
 * norm and D's mean output on the fakes over the first {@value #RECORDED_STEPS} steps and the final mode
 * metrics; experiment.png plots the gradient norms (one panel per condition, log y) and experiment.md
 * holds the table.
 */
public final class ObjectiveExperiment {
    public static final List<GeneratorObjective> OBJECTIVES = List.of(GeneratorObjective.NON_SATURATING,
            GeneratorObjective.MINIMAX, GeneratorObjective.LEAST_SQUARES, GeneratorObjective.HINGE,
            GeneratorObjective.FEATURE_MATCHING, GeneratorObjective.PIXEL_MSE);
    public static final int RECORDED_STEPS = 200;
    /** Enough D-only updates for D(G(z)) ~ 1e-5 on the ring with the default networks (measured). */
    public static final int HEAD_START_WARMUP = 2000;
    public static final String PNG = "experiment.png";
    public static final String TEXT = "experiment.md";

    private ObjectiveExperiment() {}

    /** One experimental condition: its name and the configuration it derives from the base one. */
    public record Condition(String name, int dWarmup, int steps, List<GeneratorObjective> objectives) {}

    /** One run: G's gradient norms and D's mean fake output of the first steps, the final metrics, the wall time. */
    public record Row(Condition condition, GeneratorObjective objective, TrainConfig config, double[] gradNorms, double[] dFake,
                      MixtureMetrics metrics, double seconds) {
        public double meanGradNorm() { return mean(gradNorms); }

        public double meanDFake() { return mean(dFake); }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) s += x;
            return s / v.length;
        }
    }

    public record Result(List<Row> rows, List<Path> files) {}

    /** The balanced condition and the D head start, for {@code base}. */
    public static List<Condition> conditions(TrainConfig base) {
        List<GeneratorObjective> withD = OBJECTIVES.stream().filter(o -> !o.pixelLoss()).toList();
        return List.of(new Condition("balanced", 0, base.steps(), OBJECTIVES),
                new Condition("D head start", HEAD_START_WARMUP, Math.max(1, base.steps() / 3), withD));
    }

    /** Runs every condition on {@code base} (its data must be a mixture) and writes the two files into {@code dir}. */
    public static Result write(Backend be, Path dir, TrainConfig base) {
        return write(be, dir, base, conditions(base));
    }

    static Result write(Backend be, Path dir, TrainConfig base, List<Condition> conditions) {
        GaussianMixture data = GaussianMixture.named(base.data(), base.seed());
        List<Row> rows = new ArrayList<>();
        List<Panel> panels = new ArrayList<>();
        for (Condition c : conditions) {
            List<Series> series = new ArrayList<>();
            for (GeneratorObjective o : c.objectives()) {
                Row r = run(be, data, c, base.withSteps(c.steps()).withDWarmup(c.dWarmup()).withObjectives(o, o.defaultDiscriminator()));
                rows.add(r);
                double[] step = new double[r.gradNorms().length];
                for (int i = 0; i < step.length; i++) step[i] = i + 1;
                series.add(new Series(o.name(), step, r.gradNorms()));
            }
            panels.add(new Panel("|grad G|, first steps on the " + data.name() + " (seed " + base.seed() + "), " + c.name()
                    + (c.dWarmup() > 0 ? " (" + c.dWarmup() + " D-only updates first)" : ""), "step", "|grad G| (log scale)", true, series));
        }
        Path png = dir.resolve(PNG), text = dir.resolve(TEXT);
        StackedChart.write(png, 900, 360, panels);
        try {
            Files.writeString(text, render(be.name(), base, rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + text + ": " + e.getMessage(), e);
        }
        return new Result(rows, List.of(png, text));
    }

    private static Row run(Backend be, GaussianMixture data, Condition condition, TrainConfig config) {
        long started = System.nanoTime();
        int recorded = Math.min(RECORDED_STEPS, config.steps());
        double[] norms = new double[recorded], dFake = new double[recorded];
        float[] samples;
        try (Trainer trainer = new Trainer(be, config, data)) {
            for (int s = 0; s < config.steps(); s++) {
                StepDiagnostics d = trainer.step();
                if (s < recorded) {
                    norms[s] = d.gGradNorm();
                    dFake[s] = d.dFakeAfter();
                }
            }
            samples = trainer.generateEvaluationSamples();
        }
        return new Row(condition, config.gObjective(), config, norms, dFake, MixtureMetrics.of(data, samples), (System.nanoTime() - started) / 1e9);
    }

    static String render(String backend, TrainConfig base, List<Row> rows) {
        int recorded = rows.getFirst().gradNorms().length;
        StringBuilder t = new StringBuilder("# Generator objectives on the " + base.data() + ": an experiment\n\n");
        t.append(String.format(Locale.ROOT, """
                Backend `%s`. Every row is the same run but for the generator objective and the condition: seed %d,
                batch %d, hidden %s (%s), Adam lr %s (linear decay from %.0f%% of the steps), %d evaluation samples.
                The discriminator objective is the one that goes with the generator's (cross-entropy for ns, minimax
                and fm; least squares for lsgan; hinge for hinge); PIXEL_MSE trains G alone against random data
                samples, so D is not trained and its D columns are 0. The *balanced* condition is the default run;
                the *D head start* runs that many D-only updates on the untrained generator's samples before the
                first G update (`--d-warmup`). |grad G| is the global L2 norm of G's parameter gradient before each
                update (`experiment.png` plots it for the first %d steps). D(G(z)) is D's mean output on the fakes
                of G's update: a probability for the cross-entropy D, the raw output for lsgan and hinge. Modes,
                high-quality and mode KL are defined in `MixtureMetrics` (a sample is high quality within 3 sigma
                of its nearest mode).

                """, backend, base.seed(), base.batch(), base.hidden(), base.activation(),
                num(base.learningRate()), 100 * base.decayFrom(), base.evalSamples(), recorded));
        MarkdownTable table = new MarkdownTable(List.of("condition", "steps", "G objective", "D objective", "|grad G| step 1",
                "mean |grad G| steps 1-" + recorded, "D(G(z)) step 1", "mean D(G(z)) steps 1-" + recorded,
                "modes", "high-quality", "mode KL", "seconds"));
        for (Row r : rows) {
            MixtureMetrics m = r.metrics();
            String condition = r.condition().name() + (r.condition().dWarmup() > 0 ? " (" + r.condition().dWarmup() + ")" : "");
            table.row(List.of(condition, Integer.toString(r.config().steps()), r.objective().name(), r.config().dObjective().name(),
                    num(r.gradNorms()[0]), num(r.meanGradNorm()), num(r.dFake()[0]), num(r.meanDFake()),
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
