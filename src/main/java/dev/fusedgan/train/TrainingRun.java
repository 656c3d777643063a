package dev.fusedgan.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.checkpoint.CheckpointException;
import dev.fusedgan.checkpoint.CheckpointFile;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.gan.DiscriminatorObjective;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a whole training job into a run directory: metrics.csv (one {@link StepDiagnostics} row per step),
 * summary.json, samples.png, losses.png and checkpoint.bin (everything needed to continue, see
 * {@link Trainer#snapshot()}), written every {@link RunControl#checkpointEvery()} steps, at the end and
 * when the run is asked to stop; for images also data.png (real images) and, every K steps when asked,
 * samples/step-NNNNNN.png. The data set's {@link Evaluator} decides how samples are scored and drawn.
 * A run resumed from its checkpoint computes bitwise what an uninterrupted one would have on the CPU.
 */
public final class TrainingRun {
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String SAMPLES = "samples.png";
    public static final String LOSSES = "losses.png";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String PROGRESS = "samples";

    private TrainingRun() {}

    /** The checkpoint of a run directory, refused with a one-line reason when missing, damaged or foreign. */
    public static Snapshot readCheckpoint(Path directory) {
        return CheckpointFile.read(directory.resolve(CHECKPOINT));
    }

    /** The configuration a checkpoint of {@code directory} was trained with. */
    public static TrainConfig savedConfig(Path directory, Snapshot checkpoint) {
        try {
            return TrainerState.config(checkpoint);
        } catch (CheckpointException e) {
            throw refused(directory, e);
        }
    }

    /** The step a checkpoint was taken after. */
    public static long savedStep(Snapshot checkpoint) { return checkpoint.counter(TrainerState.STEP); }

    /**
     * Trains into {@code directory} (created if needed), continuing from {@code resumeFrom} (its checkpoint) when not null:
     * metrics.csv is cut back to the checkpoint's step and continued. {@code config} may differ from the
     * saved one only in its total steps; a checkpoint whose tensors do not fit it is refused. Every
     * {@code sampleEvery} steps (0 = never) the evaluation samples are drawn into samples/step-NNNNNN.png.
     *
     * @throws TrainingInterruptedException when {@code control} asked to stop (a checkpoint was saved)
     * @throws TrainingDivergedException    on a non-finite loss or gradient norm (the last checkpoint is kept)
     */
    public static RunSummary execute(Backend be, TrainConfig config, Path directory, Snapshot resumeFrom, RunControl control,
                                     TrainingListener listener, PrintStream warnings, int sampleEvery) throws IOException {
        if (sampleEvery < 0) throw new IllegalArgumentException("sample-every must be >= 0, got " + sampleEvery);
        Evaluator evaluator = DataSets.open(config.data(), config.seed());
        Files.createDirectories(directory);
        evaluator.drawData(directory);
        if (sampleEvery > 0) Files.createDirectories(directory.resolve(PROGRESS));
        if (config.gObjective().pixelLoss()) {
            warnings.println("fusedgan: --g-objective " + config.gObjective() + " trains G alone against data samples;"
                    + " the discriminator is unused and untrained (its metrics are 0)");
        }
        TrainingMonitor monitor = new TrainingMonitor(warnings,
                config.dObjective() == DiscriminatorObjective.CROSS_ENTROPY, !config.gObjective().pixelLoss());
        List<StepDiagnostics> history = new ArrayList<>(config.steps());
        Path checkpoint = directory.resolve(CHECKPOINT);
        Path metrics = directory.resolve(METRICS);
        long started = System.nanoTime();
        float[] samples;
        try (Trainer trainer = new Trainer(be, config, evaluator.data())) {
            if (resumeFrom != null) {
                restore(trainer, resumeFrom, directory);
                history.addAll(MetricsFile.truncate(metrics, trainer.steps()));
                history.forEach(monitor::replay);
            }
            long saved = resumeFrom == null ? -1 : trainer.steps();
            try (MetricsFile csv = resumeFrom == null ? MetricsFile.create(metrics) : MetricsFile.append(metrics)) {
                while (trainer.steps() < config.steps()) {
                    StepDiagnostics d = trainer.step();
                    csv.write(d);
                    history.add(d);
                    observe(monitor, d, saved, checkpoint);
                    listener.stepDone(d);
                    if (sampleEvery > 0 && d.step() % sampleEvery == 0) {
                        evaluator.drawSamples(trainer.generateEvaluationSamples(), "step " + d.step(),
                                directory.resolve(PROGRESS).resolve(String.format("step-%06d.png", d.step())));
                    }
                    if (d.step() == config.steps()) break;
                    String stop = control.stop().pending();
                    if (stop != null || d.step() % control.checkpointEvery() == 0) saved = save(csv, trainer, checkpoint);
                    if (stop != null) throw new TrainingInterruptedException(d.step(), stop, checkpoint);
                }
                if (saved != trainer.steps()) save(csv, trainer, checkpoint);
            }
            samples = trainer.generateEvaluationSamples();
            be.synchronize();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Evaluation evaluation = evaluator.evaluate(samples);
        long resumedFrom = resumeFrom == null ? 0 : savedStep(resumeFrom);
        RunSummary summary = new RunSummary(directory, evaluation, config.steps(), resumedFrom, seconds, be.name(), history.getLast());
        writeSummary(config, summary, directory.resolve(SUMMARY));
        evaluator.drawSamples(samples, evaluator.data().name() + ", seed " + config.seed() + ": " + evaluation.oneLine(),
                directory.resolve(SAMPLES));
        Charts.losses(history, directory.resolve(LOSSES));
        return summary;
    }
    private static void restore(Trainer trainer, Snapshot s, Path directory) {
        try {
            trainer.restore(s);
        } catch (CheckpointException e) {
            throw refused(directory, e);
        }
        if (trainer.steps() > trainer.config().steps()) {
            throw new IllegalArgumentException("the checkpoint in " + directory + " is at step " + trainer.steps()
                    + ", past the " + trainer.config().steps() + " steps asked for");
        }
    }

    private static CheckpointException refused(Path directory, CheckpointException e) {
        return new CheckpointException("cannot resume from " + directory.resolve(CHECKPOINT) + ": " + e.getMessage(), e);
    }

    /** Rows first, so metrics.csv never lags the checkpoint; returns the step saved. */
    private static long save(MetricsFile csv, Trainer trainer, Path checkpoint) throws IOException {
        csv.sync();
        CheckpointFile.write(checkpoint, trainer.snapshot());
        return trainer.steps();
    }

    private static void observe(TrainingMonitor monitor, StepDiagnostics d, long saved, Path checkpoint) {
        try {
            monitor.observe(d);
        } catch (TrainingDivergedException e) {
            throw new TrainingDivergedException(e.getMessage() + (saved < 0 ? "; no checkpoint had been written yet"
                    : "; the checkpoint of step " + saved + " is kept in " + checkpoint));
        }
    }

    private static void writeSummary(TrainConfig config, RunSummary s, Path file) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        JsonObject o = new JsonObject();
        s.evaluation().addTo(o);
        o.addProperty("steps", s.steps());
        o.addProperty("seconds", s.seconds());
        o.addProperty("resumed_from_step", s.resumedFrom());
        o.addProperty("device", s.device());
        o.addProperty("seed", config.seed());
        o.addProperty("data", config.data());
        o.addProperty("g_objective", config.gObjective().name());
        o.addProperty("d_objective", config.dObjective().name());
        o.addProperty("bce", config.bce().name());
        o.addProperty("final_d_loss", s.last().dLoss());
        o.addProperty("final_g_loss", s.last().gLoss());
        o.add("config", gson.toJsonTree(config));
        Files.writeString(file, gson.toJson(o) + "\n");
    }
}
