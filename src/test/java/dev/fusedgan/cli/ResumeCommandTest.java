package dev.fusedgan.cli;

import dev.fusedgan.checkpoint.CheckpointFile;
import dev.fusedgan.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --resume}: continuing a run, and refusing what cannot be continued with one line, exit 1, nothing lost. */
class ResumeCommandTest {
    @TempDir
    Path tmp;

    private static final String[] SMALL = {"--device", "cpu", "--quiet", "--batch", "32", "--hidden", "16,16"};

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] train(Path dir, String... more) {
        String[] args = new String[SMALL.length + 3 + more.length];
        args[0] = "train";
        System.arraycopy(SMALL, 0, args, 1, SMALL.length);
        args[SMALL.length + 1] = "--out";
        args[SMALL.length + 2] = dir.toString();
        System.arraycopy(more, 0, args, SMALL.length + 3, more.length);
        return args;
    }

    private Path trainedRun(String name) {
        Path dir = tmp.resolve(name);
        Result r = run(train(dir, "--steps", "40"));
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    /** Exit 1, exactly one line starting with "fusedgan: ", no stack trace; returns the line. */
    private static String oneLineFailure(Result r) {
        assertEquals(1, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("fusedgan: "), lines[0]);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        return lines[0];
    }

    /** Runs {@code resume} on a run whose checkpoint was replaced by {@code damaged}; the file must be left as it was. */
    private String refusedCheckpoint(byte[] damaged, String... resume) throws IOException {
        Path dir = trainedRun("damaged");
        Path file = dir.resolve(TrainingRun.CHECKPOINT);
        Files.write(file, damaged);
        String metrics = Files.readString(dir.resolve(TrainingRun.METRICS));
        String line = oneLineFailure(run(resume.length > 0 ? resume : new String[]{"train", "--resume", dir.toString(), "--quiet"}));
        assertArrayEquals(damaged, Files.readAllBytes(file), "the checkpoint is left as it was");
        assertEquals(metrics, Files.readString(dir.resolve(TrainingRun.METRICS)), "metrics.csv is left as it was");
        assertTrue(line.contains(file.toString()), line);
        return line;
    }

    private byte[] goodCheckpoint() throws IOException {
        return Files.readAllBytes(trainedRun("good").resolve(TrainingRun.CHECKPOINT));
    }

    @Test
    void resumingWithMoreStepsAtAConstantRateEqualsOneLongRun() throws IOException {
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        assertEquals(0, run(train(whole, "--steps", "70", "--lr-decay-from", "1")).code());
        assertEquals(0, run(train(split, "--steps", "30", "--lr-decay-from", "1")).code());
        Result r = run("train", "--resume", split.toString(), "--steps", "70", "--quiet", "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("70 steps (resumed at step 30; this run trained 40 in "), r.out());
        assertEquals(Files.readString(whole.resolve(TrainingRun.METRICS)), Files.readString(split.resolve(TrainingRun.METRICS)));
        assertArrayEquals(Files.readAllBytes(whole.resolve(TrainingRun.CHECKPOINT)), Files.readAllBytes(split.resolve(TrainingRun.CHECKPOINT)));
    }

    @Test
    void truncatedCheckpointIsRefused() throws IOException {
        byte[] good = goodCheckpoint();
        String line = refusedCheckpoint(Arrays.copyOf(good, good.length - 100));
        assertTrue(line.contains("is truncated"), line);
    }

    @Test
    void corruptedCheckpointIsRefused() throws IOException {
        byte[] bad = goodCheckpoint();
        bad[bad.length / 2] ^= 0x10;
        String line = refusedCheckpoint(bad);
        assertTrue(line.endsWith("is corrupted (checksum mismatch)"), line);
    }

    @Test
    void checkpointOfAnotherFormatVersionIsRefused() throws IOException {
        byte[] bad = goodCheckpoint();
        ByteBuffer.wrap(bad).putInt(8, CheckpointFile.VERSION + 1);
        String line = refusedCheckpoint(bad);
        assertTrue(line.contains("has format version " + (CheckpointFile.VERSION + 1) + "; this build reads version " + CheckpointFile.VERSION), line);
    }

    @Test
    void resumingWithOtherHiddenWidthsIsRefusedNamingTheTensor() throws IOException {
        Path dir = trainedRun("run");
        byte[] before = Files.readAllBytes(dir.resolve(TrainingRun.CHECKPOINT));
        String line = oneLineFailure(run("train", "--resume", dir.toString(), "--hidden", "16,8", "--steps", "60", "--quiet", "--device", "cpu"));
        assertTrue(line.endsWith("tensor G.1.W is 16x16 in the checkpoint but 16x8 in the configured networks"), line);
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(TrainingRun.CHECKPOINT)));
    }

    @Test
    void optionsThatWouldChangeTheSavedConfigurationAreRefused() {
        Path dir = trainedRun("run");
        String line = oneLineFailure(run("train", "--resume", dir.toString(), "--lr", "0.01", "--quiet"));
        assertEquals("fusedgan: --lr cannot be combined with --resume: the run keeps the configuration saved in its checkpoint"
                + " (only --steps may change)", line);
    }

    @Test
    void resumingPastTheTotalStepsIsRefused() {
        Path dir = trainedRun("run");
        String line = oneLineFailure(run("train", "--resume", dir.toString(), "--steps", "10", "--quiet", "--device", "cpu"));
        assertTrue(line.contains("is at step 40, past the 10 steps asked for"), line);
    }

    @Test
    void resumingADirectoryWithoutACheckpointIsRefused() {
        Path dir = tmp.resolve("empty");
        String line = oneLineFailure(run("train", "--resume", dir.toString(), "--quiet"));
        assertEquals("fusedgan: checkpoint " + dir.resolve(TrainingRun.CHECKPOINT) + " does not exist", line);
    }

    @Test
    void divergedRunStopsAtItsStepAndKeepsTheLastCheckpoint() {
        Path dir = tmp.resolve("diverged");
        String line = oneLineFailure(run(train(dir, "--steps", "200", "--lr", "1e30", "--checkpoint-every", "1")));
        assertTrue(line.matches("fusedgan: training diverged at step \\d+: .* (NaN|-?Infinity); last finite diagnostics: step \\d+: D loss .*"
                + "; the checkpoint of step \\d+ is kept in .*"), line);
        long step = Long.parseLong(line.replaceAll(".*diverged at step (\\d+):.*", "$1"));
        assertEquals(step - 1, TrainingRun.savedStep(TrainingRun.readCheckpoint(dir)), "the checkpoint of the last good step is loadable");
    }

    @Test
    void badCheckpointIntervalIsOneLineAndUnparsableOneIsUsage() {
        assertEquals("fusedgan: checkpoint interval must be >= 1 step, got 0",
                oneLineFailure(run(train(tmp.resolve("x"), "--checkpoint-every", "0"))));
        Result r = run("train", "--checkpoint-every", "often");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("often") && r.err().contains("Usage: fusedgan train"), r.err());
    }
}
