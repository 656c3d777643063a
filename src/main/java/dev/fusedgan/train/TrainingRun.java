package dev.fusedgan.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.nn.Parameter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a whole training job into a run directory: metrics.csv (one {@link StepDiagnostics} row per step),
 * summary.json, samples.png, losses.png and checkpoint.bin (both networks, see {@link CheckpointWriter});
 * for images also data.png (real images) and, every K steps when asked, samples/step-NNNNNN.png. The data
 * set's {@link Evaluator} decides how samples are scored and drawn.
 */
public final class TrainingRun {
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String SAMPLES = "samples.png";
    public static final String LOSSES = "losses.png";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String PROGRESS = "samples";

    private TrainingRun() {}

    /** Trains with {@code config} on {@code be} into {@code directory} (created if needed). */
    public static RunSummary execute(Backend be, TrainConfig config, Path directory, TrainingListener listener,
                                     PrintStream warnings) throws IOException {
        return execute(be, config, directory, listener, warnings, 0);
    }

    /** As above, also drawing the evaluation samples into samples/step-NNNNNN.png every {@code sampleEvery} steps (0 = never). */
    public static RunSummary execute(Backend be, TrainConfig config, Path directory, TrainingListener listener,
                                     PrintStream warnings, int sampleEvery) throws IOException {
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
        long started = System.nanoTime();
        float[] samples;
        List<Parameter> parameters = new ArrayList<>();
        try (Trainer trainer = new Trainer(be, config, evaluator.data());
             BufferedWriter csv = Files.newBufferedWriter(directory.resolve(METRICS))) {
            csv.write(StepDiagnostics.CSV_HEADER);
            csv.newLine();
            for (int s = 0; s < config.steps(); s++) {
                StepDiagnostics d = trainer.step();
                csv.write(d.csvRow());
                csv.newLine();
                history.add(d);
                monitor.observe(d);
                listener.stepDone(d);
                if (sampleEvery > 0 && d.step() % sampleEvery == 0) {
                    evaluator.drawSamples(trainer.generateEvaluationSamples(), "step " + d.step(),
                            directory.resolve(PROGRESS).resolve(String.format("step-%06d.png", d.step())));
                }
            }
            samples = trainer.generateEvaluationSamples();
            be.synchronize();
            double seconds = (System.nanoTime() - started) / 1e9;
            parameters.addAll(trainer.generator().parameters());
            parameters.addAll(trainer.discriminator().parameters());
            CheckpointWriter.write(be, parameters, directory.resolve(CHECKPOINT));
            Evaluation evaluation = evaluator.evaluate(samples);
            RunSummary summary = new RunSummary(directory, evaluation, config.steps(), seconds, be.name(), history.getLast());
            writeSummary(config, summary, directory.resolve(SUMMARY));
            evaluator.drawSamples(samples, evaluator.data().name() + ", seed " + config.seed() + ": " + evaluation.oneLine(),
                    directory.resolve(SAMPLES));
            Charts.losses(history, directory.resolve(LOSSES));
            return summary;
        }
    }

    private static void writeSummary(TrainConfig config, RunSummary s, Path file) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        JsonObject o = new JsonObject();
        s.evaluation().addTo(o);
        o.addProperty("steps", s.steps());
        o.addProperty("seconds", s.seconds());
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
