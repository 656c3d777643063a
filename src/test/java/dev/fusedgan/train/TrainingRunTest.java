package dev.fusedgan.train;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short end-to-end runs on the CPU: the run directory, its summary, and bitwise reproducibility. */
class TrainingRunTest {
    @TempDir
    Path tmp;

    private static final TrainConfig SMALL = TrainConfig.defaults().withSteps(300).withBatch(64).withHidden(List.of(32, 32));

    private static RunSummary run(TrainConfig config, Path dir) throws IOException {
        try (Backend be = new CpuBackend()) {
            return TrainingRun.execute(be, config, dir, null, RunControl.DEFAULT, TrainingListener.NONE,
                    new PrintStream(new ByteArrayOutputStream()), 0);
        }
    }

    @Test
    void shortRunWritesEveryFileWithFiniteLossesAndTheSummaryFields() throws IOException {
        Path dir = tmp.resolve("run");
        RunSummary summary = run(SMALL, dir);
        for (String f : List.of(TrainingRun.METRICS, TrainingRun.SUMMARY, TrainingRun.SAMPLES, TrainingRun.LOSSES, TrainingRun.CHECKPOINT)) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f + " is missing or empty");
        }
        List<String> lines = Files.readAllLines(dir.resolve(TrainingRun.METRICS));
        assertEquals(StepDiagnostics.CSV_HEADER, lines.getFirst());
        assertEquals(SMALL.steps() + 1, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(8, f.length, line);
            for (int i = 1; i < f.length; i++) assertTrue(Double.isFinite(Double.parseDouble(f[i])), "non-finite value in " + line);
        }
        byte[] png = Files.readAllBytes(dir.resolve(TrainingRun.SAMPLES));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);

        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(TrainingRun.SUMMARY))).getAsJsonObject();
        assertEquals(8, json.get("modes_total").getAsInt());
        assertEquals(((MixtureEvaluator.Scores) summary.evaluation()).metrics().modesCaptured(), json.get("modes_captured").getAsInt());
        double hq = json.get("high_quality_fraction").getAsDouble();
        assertTrue(hq >= 0 && hq <= 1, "high-quality fraction " + hq);
        assertTrue(json.has("mode_kl"));
        assertEquals(SMALL.steps(), json.get("steps").getAsInt());
        assertTrue(json.get("seconds").getAsDouble() > 0);
        assertEquals(0, json.get("resumed_from_step").getAsInt());
        assertEquals("cpu", json.get("device").getAsString());
        assertEquals(SMALL.seed(), json.get("seed").getAsLong());
        assertEquals("NON_SATURATING", json.get("g_objective").getAsString());
        assertEquals("CROSS_ENTROPY", json.get("d_objective").getAsString());
        assertEquals(64, json.getAsJsonObject("config").get("batch").getAsInt());
        assertEquals(2500, ((MixtureEvaluator.Scores) summary.evaluation()).metrics().samples());
    }

    @Test
    void sameSeedGivesBitwiseIdenticalMetricsAndWeights() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), c = tmp.resolve("c");
        TrainConfig config = SMALL.withSteps(150);
        run(config, a);
        run(config, b);
        run(config.withSeed(config.seed() + 1), c);
        assertEquals(Files.readString(a.resolve(TrainingRun.METRICS)), Files.readString(b.resolve(TrainingRun.METRICS)));
        assertArrayEquals(Files.readAllBytes(a.resolve(TrainingRun.CHECKPOINT)), Files.readAllBytes(b.resolve(TrainingRun.CHECKPOINT)));
        assertNotEquals(Files.readString(a.resolve(TrainingRun.METRICS)), Files.readString(c.resolve(TrainingRun.METRICS)),
                "another seed must give another run");
    }

    @Test
    void checkpointHoldsEveryParameterWithItsAdamMomentsAsTrained() throws IOException {
        TrainConfig config = SMALL.withSteps(20).withEvalSamples(100);
        Path dir = tmp.resolve("run");
        run(config, dir);
        Snapshot saved = TrainingRun.readCheckpoint(dir);
        try (Backend be = new CpuBackend();
             Trainer trainer = new Trainer(be, config, GaussianMixture.ring(config.seed()))) {
            for (int i = 0; i < config.steps(); i++) trainer.step();
            List<Parameter> params = new ArrayList<>(trainer.generator().parameters());
            params.addAll(trainer.discriminator().parameters());
            List<String> names = params.stream().map(Parameter::name).toList();
            assertEquals(List.of("G.0.W", "G.0.b", "G.1.W", "G.1.b", "G.2.W", "G.2.b",
                    "D.0.W", "D.0.b", "D.1.W", "D.1.b", "D.2.W", "D.2.b"), names);
            for (Parameter p : params) {
                assertEquals(p.value().rows(), saved.counter(p.name() + ".rows"));
                assertEquals(p.value().cols(), saved.counter(p.name() + ".cols"));
                assertArrayEquals(be.download(p.value()), saved.array(p.name()), p.name());
                assertArrayEquals(be.download(p.adamM()), saved.array(p.name() + ".adam_m"), p.name());
                assertArrayEquals(be.download(p.adamV()), saved.array(p.name() + ".adam_v"), p.name());
            }
            assertEquals(3 * params.size(), saved.arrays().size());
            assertEquals(config.steps(), TrainingRun.savedStep(saved));
            assertEquals(config, TrainingRun.savedConfig(dir, saved));
        }
    }

    @Test
    void everyObjectivePairTrainsWithFiniteLosses() throws IOException {
        Map<GeneratorObjective, DiscriminatorObjective> pairs = Map.of(
                GeneratorObjective.MINIMAX, DiscriminatorObjective.CROSS_ENTROPY,
                GeneratorObjective.LEAST_SQUARES, DiscriminatorObjective.LEAST_SQUARES,
                GeneratorObjective.HINGE, DiscriminatorObjective.HINGE);
        for (var pair : pairs.entrySet()) {
            TrainConfig config = SMALL.withSteps(40).withEvalSamples(100).withObjectives(pair.getKey(), pair.getValue());
            RunSummary s = run(config, tmp.resolve(pair.getKey().name()));
            assertTrue(Float.isFinite(s.last().dLoss()) && Float.isFinite(s.last().gLoss()), pair.getKey() + ": " + s.last());
        }
    }
}
