package dev.fusedgan.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.data.MixtureMetrics;
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
 * summary.json, samples.png, losses.png and checkpoint.bin (both networks, see {@link CheckpointWriter}).
 */
public final class TrainingRun {
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String SAMPLES = "samples.png";
    public static final String LOSSES = "losses.png";
    public static final String CHECKPOINT = "checkpoint.bin";

    private TrainingRun() {}

    /** Trains with {@code config} on {@code be} into {@code directory} (created if needed). */
    public static RunSummary execute(Backend be, TrainConfig config, Path directory, TrainingListener listener,
                                     PrintStream warnings) throws IOException {
        Files.createDirectories(directory);
        GaussianMixture data = GaussianMixture.named(config.data(), config.seed());
        TrainingMonitor monitor = new TrainingMonitor(warnings,
                config.dObjective() == dev.fusedgan.gan.DiscriminatorObjective.CROSS_ENTROPY);
        List<StepDiagnostics> history = new ArrayList<>(config.steps());
        long started = System.nanoTime();
        float[] samples;
        List<Parameter> parameters = new ArrayList<>();
        try (Trainer trainer = new Trainer(be, config, data);
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
            }
            samples = trainer.generateEvaluationSamples();
            be.synchronize();
            double seconds = (System.nanoTime() - started) / 1e9;
            parameters.addAll(trainer.generator().parameters());
            parameters.addAll(trainer.discriminator().parameters());
            CheckpointWriter.write(be, parameters, directory.resolve(CHECKPOINT));
            MixtureMetrics metrics = MixtureMetrics.of(data, samples);
            RunSummary summary = new RunSummary(directory, metrics, config.steps(), seconds, be.name(), history.getLast());
            writeSummary(config, summary, directory.resolve(SUMMARY));
            Charts.samples(data, samples, data.name() + ", seed " + config.seed() + ": " + metrics.modesCaptured() + "/"
                    + metrics.modesTotal() + " modes", directory.resolve(SAMPLES));
            Charts.losses(history, directory.resolve(LOSSES));
            return summary;
        }
    }

    private static void writeSummary(TrainConfig config, RunSummary s, Path file) throws IOException {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        JsonObject o = new JsonObject();
        o.addProperty("modes_captured", s.metrics().modesCaptured());
        o.addProperty("modes_total", s.metrics().modesTotal());
        o.addProperty("high_quality_fraction", s.metrics().highQualityFraction());
        o.addProperty("mode_kl", s.metrics().modeKl());
        o.addProperty("eval_samples", s.metrics().samples());
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
