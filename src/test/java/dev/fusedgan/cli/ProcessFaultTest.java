package dev.fusedgan.cli;

import dev.fusedgan.checkpoint.CheckpointFile;
import dev.fusedgan.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.fusedgan.testing.SnapshotAssertions.assertSameState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real {@code fusedgan train} processes: SIGKILL at random moments (the fault run) and SIGINT/SIGTERM,
 * each followed by {@code --resume}. Nothing may be lost: the final state equals an uninterrupted run's.
 */
class ProcessFaultTest {
    @TempDir
    Path tmp;

    private static final int STEPS = 3000;
    private static final int KILLS = 4;
    private static final List<String> OPTIONS = List.of("--device", "cpu", "--quiet", "--batch", "32", "--hidden", "16,16",
            "--checkpoint-every", "50");

    private record Exit(int code, String err) {}

    private static Process start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
    }

    private static List<String> fresh(Path dir, int steps) {
        List<String> args = new ArrayList<>(OPTIONS);
        args.addAll(List.of("--steps", "" + steps, "--out", dir.toString()));
        return args;
    }

    private static List<String> resume(Path dir) {
        return List.of("--resume", dir.toString(), "--quiet", "--device", "cpu", "--checkpoint-every", "50");
    }

    private static Exit finish(Process p, Path log) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process did not end");
        return new Exit(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The step of the run's checkpoint, or -1 while there is none. */
    private static long checkpointStep(Path dir) {
        Path file = dir.resolve(TrainingRun.CHECKPOINT);
        return Files.exists(file) ? TrainingRun.savedStep(CheckpointFile.read(file)) : -1;
    }

    @Test
    void runKilledAtRandomMomentsAndResumedEndsBitwiseAsAnUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("reference"), dir = tmp.resolve("killed"), log = tmp.resolve("log.txt");
        Exit whole = finish(start(log, fresh(reference, STEPS)), log);
        assertEquals(0, whole.code(), whole.err());

        // Each kill aims at a random step of the remaining training (20-60% of the way) plus a random 0-80 ms,
        // so it can land anywhere in a step or a checkpoint write; the seed fixes the aims, not the exact moments.
        Random schedule = new Random(20261123);
        List<Long> resumedFrom = new ArrayList<>();
        int kills = 0;
        while (true) {
            long from = checkpointStep(dir);
            if (from >= 0) {
                resumedFrom.add(from);
                // What a kill in the middle of a checkpoint write leaves behind; it must be ignored.
                Files.write(dir.resolve(TrainingRun.CHECKPOINT + ".tmp"), new byte[]{'F', 'G', 'A', 'N'});
            }
            Process p = start(log, from >= 0 ? resume(dir) : fresh(dir, STEPS));
            if (kills == KILLS) {
                Exit last = finish(p, log);
                assertEquals(0, last.code(), last.err());
                break;
            }
            long start = Math.max(from, 0);
            long aim = start + (long) ((STEPS - start) * (0.2 + 0.4 * schedule.nextDouble()));
            long extraMillis = schedule.nextInt(80);
            while (p.isAlive() && checkpointStep(dir) < aim) Thread.sleep(5);
            assertTrue(p.isAlive(), "the run ended before step " + aim + ": " + Files.readString(log));
            Thread.sleep(extraMillis);
            assertTrue(p.isAlive(), "the run ended before its kill");
            p.destroyForcibly();
            p.waitFor();
            kills++;
        }
        System.out.println("fault run: survived " + kills + " kills (SIGKILL), resumed from steps " + resumedFrom);
        assertEquals(KILLS, resumedFrom.size());
        for (int i = 1; i < resumedFrom.size(); i++) assertTrue(resumedFrom.get(i) > resumedFrom.get(i - 1), "progress: " + resumedFrom);
        assertTrue(resumedFrom.getLast() < STEPS, "every kill landed during training: " + resumedFrom);
        assertSameState(CheckpointFile.read(reference.resolve(TrainingRun.CHECKPOINT)), CheckpointFile.read(dir.resolve(TrainingRun.CHECKPOINT)));
        assertEquals(Files.readString(reference.resolve(TrainingRun.METRICS)), Files.readString(dir.resolve(TrainingRun.METRICS)));
        assertEquals(STEPS + 1, Files.readAllLines(dir.resolve(TrainingRun.METRICS)).size());
    }

    @Test
    void sigintAndSigtermSaveACheckpointSayHowToResumeAndExit130And143() throws Exception {
        for (String signal : List.of("INT", "TERM")) {
            Path dir = tmp.resolve("signal-" + signal), log = tmp.resolve(signal + ".txt");
            Process p = start(log, fresh(dir, 1_000_000));
            Path checkpoint = dir.resolve(TrainingRun.CHECKPOINT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(checkpoint) && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(20);
            assertTrue(Files.exists(checkpoint), "no periodic checkpoint within 60 s");
            new ProcessBuilder("kill", "-" + signal, "" + p.pid()).inheritIO().start().waitFor();
            Exit e = finish(p, log);

            assertEquals(signal.equals("INT") ? 130 : 143, e.code(), e.err());
            String[] lines = e.err().strip().split("\n");
            assertEquals(1, lines.length, e.err());
            assertTrue(lines[0].matches("fusedgan: interrupted at step \\d+; checkpoint saved to " + java.util.regex.Pattern.quote(checkpoint.toString())
                    + "; resume with: fusedgan train --resume " + java.util.regex.Pattern.quote(dir.toString())), lines[0]);
            long step = Long.parseLong(lines[0].replaceAll(".*at step (\\d+);.*", "$1"));
            assertEquals(step, TrainingRun.savedStep(CheckpointFile.read(checkpoint)));
            assertEquals(step + 1, Files.readAllLines(dir.resolve(TrainingRun.METRICS)).size(), "metrics.csv holds every step taken");

            Exit resumed = finish(start(log, List.of("--resume", dir.toString(), "--steps", "" + (step + 10), "--quiet")), log);
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals(step + 11, Files.readAllLines(dir.resolve(TrainingRun.METRICS)).size());
        }
    }
}
