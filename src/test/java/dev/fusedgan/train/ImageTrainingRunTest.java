package dev.fusedgan.train;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.data.image.GlyphDataset;
import dev.fusedgan.gan.GeneratorObjective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tiny image runs on the CPU: the files of an image run and its image metrics, for glyphs and an IDX file. */
class ImageTrainingRunTest {
    @TempDir
    Path tmp;

    private static TrainConfig tiny(String data) {
        return ImageDefaults.config(data).withSteps(4).withBatch(8).withHidden(List.of(16)).withEvalSamples(30);
    }

    private static RunSummary run(TrainConfig config, Path dir, int sampleEvery) throws IOException {
        try (Backend be = new CpuBackend()) {
            return TrainingRun.execute(be, config, dir, null, RunControl.DEFAULT, TrainingListener.NONE,
                    new PrintStream(new ByteArrayOutputStream()), sampleEvery);
        }
    }

    private static JsonObject summary(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(TrainingRun.SUMMARY))).getAsJsonObject();
    }

    private static void assertPng(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a readable PNG");
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, png + " is " + image.getWidth() + "x" + image.getHeight());
    }

    @Test
    void glyphRunWritesDataAndSampleGridsAndGlyphMetrics() throws IOException {
        Path dir = tmp.resolve("glyphs");
        run(tiny(DataSets.GLYPHS), dir, 2);
        assertPng(dir.resolve(ImageEvaluator.DATA_PNG));
        assertPng(dir.resolve(TrainingRun.SAMPLES));
        assertPng(dir.resolve(TrainingRun.PROGRESS).resolve("step-000002.png"));
        assertPng(dir.resolve(TrainingRun.PROGRESS).resolve("step-000004.png"));
        JsonObject s = summary(dir);
        assertFalse(s.has("modes_captured"), "image runs have no mode metrics");
        assertEquals(30, s.get("eval_samples").getAsInt());
        int covered = s.get("classes_covered").getAsInt();
        assertTrue(covered >= 0 && covered <= 10, "classes covered " + covered);
        int total = s.getAsJsonObject("class_histogram").entrySet().stream().mapToInt(e -> e.getValue().getAsInt()).sum();
        assertEquals(30, total);
        for (String k : List.of("class_kl", "nearest_reference_distance", "real_nearest_reference_distance", "distance_ratio")) {
            assertTrue(Double.isFinite(s.get(k).getAsDouble()) && s.get(k).getAsDouble() >= 0, k + " = " + s.get(k));
        }
    }

    @Test
    void idxFileRunUsesTheFileAndDistanceMetricsOnly() throws IOException {
        int count = 12, side = 28;
        ByteBuffer file = ByteBuffer.allocate(16 + count * side * side);
        file.putInt(0x00000803).putInt(count).putInt(side).putInt(side);
        GlyphDataset glyphs = new GlyphDataset(4);
        for (int i = 0; i < count; i++) {
            for (float v : glyphs.image(i)) file.put((byte) Math.round((v + 1) * 127.5f));
        }
        Path idx = tmp.resolve("tiny-images-idx3-ubyte");
        Files.write(idx, file.array());
        Path dir = tmp.resolve("idx");
        run(tiny(DataSets.IDX_PREFIX + idx), dir, 0);
        assertPng(dir.resolve(ImageEvaluator.DATA_PNG));
        assertPng(dir.resolve(TrainingRun.SAMPLES));
        assertFalse(Files.exists(dir.resolve(TrainingRun.PROGRESS)));
        JsonObject s = summary(dir);
        assertFalse(s.has("classes_covered"), "an IDX file has no glyph classifier");
        assertTrue(s.get("distance_ratio").getAsDouble() > 0 && Double.isFinite(s.get("distance_ratio").getAsDouble()));
        assertEquals("tiny-images-idx3-ubyte", DataSets.shortName(DataSets.IDX_PREFIX + idx));
    }

    @Test
    void defaultImageRunIsFeatureMatchingWithFiniteLosses() throws IOException {
        TrainConfig config = tiny(DataSets.GLYPHS);
        assertEquals(GeneratorObjective.FEATURE_MATCHING, config.gObjective());
        RunSummary s = run(config, tmp.resolve("fm"), 0);
        assertTrue(Float.isFinite(s.last().gLoss()) && s.last().gLoss() >= 0, "FM loss " + s.last().gLoss());
        assertTrue(s.last().gGradNorm() > 0, "G got no gradient");
    }

    @Test
    void nonSaturatingImageRunTrainsWithFiniteLosses() throws IOException {
        RunSummary s = run(tiny(DataSets.GLYPHS).withObjectives(GeneratorObjective.NON_SATURATING,
                GeneratorObjective.NON_SATURATING.defaultDiscriminator()), tmp.resolve("ns"), 0);
        assertTrue(Float.isFinite(s.last().gLoss()) && s.last().gLoss() >= 0, "NS loss " + s.last().gLoss());
        assertTrue(s.last().gGradNorm() > 0, "G got no gradient");
    }
}
