package dev.fusedgan.cli;

import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.backend.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of the command line. */
class MainTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        Result r = run("train", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option") && r.err().contains("Usage: fusedgan train"), r.err());
    }

    @Test
    void unknownObjectiveNameIsAUsageErrorWithExitTwo() {
        Result r = run("train", "--g-objective", "wasserstein");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("wasserstein") && r.err().contains("Usage:"), r.err());
    }

    @Test
    void missingSubcommandIsAUsageErrorWithExitTwo() {
        assertEquals(2, run().code());
    }

    @Test
    void invalidSettingIsOneLineAndExitOne() {
        Result r = run("train", "--steps", "0", "--quiet", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertEquals("fusedgan: steps must be >= 1, got 0", r.err().strip());
    }

    @Test
    void negativeWarmupIsOneLineAndExitOne() {
        Result r = run("train", "--d-warmup", "-1", "--quiet", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertEquals("fusedgan: d-warmup must be >= 0, got -1", r.err().strip());
    }

    @Test
    void cudaWithoutAGpuIsOneLineAndExitOne() {
        Assumptions.assumeFalse(gpuUsable(), "this machine has a usable GPU, so --device cuda succeeds");
        Result r = run("train", "--device", "cuda", "--quiet", "--steps", "5", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].matches("fusedgan: (no usable NVIDIA driver: |no CUDA device found |the CUDA driver failed to initialise "
                + "|CUDA kernels were not built: |cuBLAS not found |the loaded cuBLAS has no ).+"), "names the cause: " + lines[0]);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(tmp.resolve("x").resolve("metrics.csv")), "nothing was started");
    }

    @Test
    void autoWithoutAGpuSaysWhyInOneLineAndTrainsOnTheCpu() {
        Assumptions.assumeFalse(gpuUsable(), "this machine has a usable GPU, so auto picks it");
        Result r = run("train", "--device", "auto", "--quiet", "--steps", "5", "--batch", "8", "--out", tmp.resolve("x").toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("fusedgan: using the CPU: "), lines[0]);
        assertTrue(r.out().contains("on cpu"), r.out());
    }

    private static boolean gpuUsable() {
        try {
            Backends.openCuda().close();
            return true;
        } catch (BackendUnavailableException e) {
            return false;
        }
    }

    @Test
    void trainPrintsASummaryLineAndTheRunDirectory() throws Exception {
        Path dir = tmp.resolve("run");
        Result r = run("train", "--device", "cpu", "--quiet", "--steps", "30", "--batch", "32", "--hidden", "16,16",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("30 steps in ") && lines[0].contains("/8 modes"), lines[0]);
        assertEquals(dir.toString(), lines[1]);
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void infoNamesTheRuntimeAndBothEnginesAndExitsZero() {
        Result r = run("info");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith("fusedgan 0.1.0 on Java " + Runtime.version()), lines[0]);
        assertTrue(lines[1].startsWith("cpu: the reference engine"), lines[1]);
        try (var cuda = dev.fusedgan.backend.Backends.open("auto").backend()) {
            if (cuda.isGpu()) assertTrue(lines[2].startsWith(cuda.name() + ": compute capability "), lines[2]);
            else assertTrue(lines[2].startsWith("cuda: unavailable: "), lines[2]);
        }
    }

    @Test
    void benchSuiteValueMaySpellASubcommandName() throws Exception {
        Path dir = tmp.resolve("bench");
        Result r = run("bench", "--suite", "loss", "--device", "cpu", "--min-log2", "10", "--max-log2", "10", "--copy-log2", "10",
                "--cpu-max-log2", "10", "--repeats", "1", "--warmup", "0", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(dir.resolve("bench.csv"));
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("loss,")), String.join("\n", rows));
        assertTrue(rows.stream().noneMatch(l -> l.startsWith("step,")), "--suite loss runs no step rows: " + rows);
    }

    @Test
    void missingIdxFileIsOneLineAndExitOne() {
        Path missing = tmp.resolve("no-such-images-idx3-ubyte");
        Result r = run("train", "--data", "idx:" + missing, "--device", "cpu", "--quiet", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertEquals("fusedgan: " + missing + ": no such file", r.err().strip());
    }

    @Test
    void damagedIdxFilesAreRefusedInOneLineBeforeTraining() throws Exception {
        Path notIdx = tmp.resolve("random.idx"), huge = tmp.resolve("huge.idx"), truncated = tmp.resolve("truncated.idx");
        Files.write(notIdx, new byte[]{(byte) 0xf8, 2, 32, (byte) 0xc6, 1, 2, 3, 4});
        // ubyte, 3 dimensions: 2^31-1 images of 28x28 claimed by a 16-byte file.
        Files.write(huge, new byte[]{0, 0, 8, 3, 0x7f, -1, -1, -1, 0, 0, 0, 28, 0, 0, 0, 28});
        // 2 images of 28x28 claimed, 100 bytes of pixels present.
        byte[] shortFile = new byte[16 + 100];
        System.arraycopy(new byte[]{0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28}, 0, shortFile, 0, 16);
        Files.write(truncated, shortFile);
        for (Path file : new Path[]{notIdx, huge, truncated}) {
            Path dir = tmp.resolve("run-" + file.getFileName());
            Result r = run("train", "--data", "idx:" + file, "--device", "cpu", "--quiet", "--out", dir.toString());
            assertEquals(1, r.code(), r.err());
            String line = r.err().strip();
            assertEquals(1, line.lines().count(), r.err());
            assertTrue(line.startsWith("fusedgan: " + file + ": "), line);
            assertFalse(Files.exists(dir.resolve("metrics.csv")), "refused before training");
        }
    }

    @Test
    void unknownDataSetIsOneLineAndExitOne() {
        Result r = run("train", "--data", "moons", "--device", "cpu", "--quiet", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().strip().startsWith("fusedgan: unknown data set 'moons'") && r.err().strip().lines().count() == 1, r.err());
    }

    @Test
    void glyphDataTakesTheImageDefaultsExceptWhatIsGiven() throws Exception {
        Path dir = tmp.resolve("glyphs");
        Result r = run("train", "--data", "glyphs", "--steps", "2", "--quiet", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("glyph classes"), r.out());
        com.google.gson.JsonObject config = com.google.gson.JsonParser.parseString(Files.readString(dir.resolve("summary.json")))
                .getAsJsonObject().getAsJsonObject("config");
        assertEquals(2, config.get("steps").getAsInt());
        assertEquals(64, config.get("batch").getAsInt());
        assertEquals(100, config.get("noiseDim").getAsInt());
        assertEquals("[256,256]", config.get("hidden").toString());
        assertEquals(5e-4, config.get("learningRate").getAsDouble(), 1e-9);
        assertEquals(0.5, config.get("decayFrom").getAsDouble(), 1e-9);
        assertEquals("FEATURE_MATCHING", config.get("gObjective").getAsString());
        assertEquals("CROSS_ENTROPY", config.get("dObjective").getAsString());
    }

    @Test
    void glyphDataKeepsAGivenGeneratorObjectiveWithItsDiscriminator() throws Exception {
        Path dir = tmp.resolve("glyphs-lsgan");
        Result r = run("train", "--data", "glyphs", "--steps", "2", "--g-objective", "lsgan", "--device", "cpu", "--quiet", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        com.google.gson.JsonObject config = com.google.gson.JsonParser.parseString(Files.readString(dir.resolve("summary.json")))
                .getAsJsonObject().getAsJsonObject("config");
        assertEquals("LEAST_SQUARES", config.get("gObjective").getAsString());
        assertEquals("LEAST_SQUARES", config.get("dObjective").getAsString());
    }

    @Test
    void pixelLossRunSaysTheDiscriminatorIsUnused() {
        Result r = run("train", "--g-objective", "mse", "--steps", "5", "--quiet", "--out", tmp.resolve("mse").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("discriminator is unused and untrained"), r.err());
    }
}
