package dev.fusedgan.train;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.checkpoint.CheckpointException;
import dev.fusedgan.checkpoint.CheckpointFile;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.fusedgan.testing.SnapshotAssertions.assertSameState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run stopped (or crashed) and resumed from its checkpoint computes bitwise what an uninterrupted run
 * computes on the CPU; checkpoints that do not fit are refused; a diverged run keeps its last checkpoint.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    /** 120 steps with the default decay from step 60, so a resume must also reproduce the schedule. */
    private static final TrainConfig CONFIG = TrainConfig.defaults().withSteps(120).withBatch(32)
            .withHidden(List.of(16, 16)).withEvalSamples(200);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    private static RunSummary run(Backend be, TrainConfig config, Path dir, Snapshot from, RunControl control,
                                  TrainingListener listener) throws IOException {
        return TrainingRun.execute(be, config, dir, from, control, listener, QUIET, 0);
    }

    private static RunSummary resume(Path dir) throws IOException {
        Snapshot s = TrainingRun.readCheckpoint(dir);
        try (Backend be = new CpuBackend()) {
            return run(be, TrainingRun.savedConfig(dir, s), dir, s, new RunControl(50, StopRequest.NEVER), TrainingListener.NONE);
        }
    }

    private Path uninterrupted() throws IOException {
        return uninterrupted(CONFIG, "whole");
    }

    private Path uninterrupted(TrainConfig config, String name) throws IOException {
        Path dir = tmp.resolve(name);
        try (Backend be = new CpuBackend()) {
            run(be, config, dir, null, new RunControl(50, StopRequest.NEVER), TrainingListener.NONE);
        }
        return dir;
    }

    @Test
    void stoppedAndResumedRunIsBitwiseTheUninterruptedRun() throws IOException {
        assertStopAndResumeIsBitwise(CONFIG, "plain");
    }

    /** The head start happens inside step 1, so the checkpoint's counters already hold it (no state of its own). */
    @Test
    void stoppedAndResumedHeadStartRunIsBitwiseTheUninterruptedRun() throws IOException {
        assertStopAndResumeIsBitwise(CONFIG.withDWarmup(30), "head-start");
    }

    private void assertStopAndResumeIsBitwise(TrainConfig config, String name) throws IOException {
        Path whole = uninterrupted(config, name + "-whole");
        Path dir = tmp.resolve(name + "-stopped");
        AtomicLong last = new AtomicLong();
        try (Backend be = new CpuBackend()) {
            var e = assertThrows(TrainingInterruptedException.class, () -> run(be, config, dir, null,
                    new RunControl(50, () -> last.get() >= 70 ? "TEST" : null), d -> last.set(d.step())));
            assertEquals(70, e.step());
            assertEquals("TEST", e.reason());
            assertTrue(e.getMessage().contains("resume with: fusedgan train --resume " + dir), e.getMessage());
        }
        assertEquals(70, TrainingRun.savedStep(TrainingRun.readCheckpoint(dir)));
        assertEquals(71, Files.readAllLines(dir.resolve(TrainingRun.METRICS)).size(), "header and the rows of steps 1..70");

        resume(dir);
        assertSameState(TrainingRun.readCheckpoint(whole), TrainingRun.readCheckpoint(dir));
        assertEquals(Files.readString(whole.resolve(TrainingRun.METRICS)), Files.readString(dir.resolve(TrainingRun.METRICS)));
        String timing = "\"(seconds|resumed_from_step)\": [^,]*,";
        assertEquals(Files.readString(whole.resolve(TrainingRun.SUMMARY)).replaceAll(timing, ""),
                Files.readString(dir.resolve(TrainingRun.SUMMARY)).replaceAll(timing, ""));
        assertTrue(Files.readString(dir.resolve(TrainingRun.SUMMARY)).contains("\"resumed_from_step\": 70,"),
                "the resumed invocation timed only the steps after 70");
    }

    @Test
    void crashAfterACheckpointRedoesTheLaterStepsAndCutsTheirRows() throws IOException {
        Path whole = uninterrupted();
        Path dir = tmp.resolve("crashed");
        try (Backend be = new CpuBackend()) {
            assertThrows(IllegalStateException.class, () -> run(be, CONFIG, dir, null, new RunControl(50, StopRequest.NEVER), d -> {
                if (d.step() == 83) throw new IllegalStateException("simulated crash");
            }));
        }
        assertEquals(50, TrainingRun.savedStep(TrainingRun.readCheckpoint(dir)));
        assertEquals(84, Files.readAllLines(dir.resolve(TrainingRun.METRICS)).size(), "rows up to the crash are on disk");

        resume(dir);
        assertSameState(TrainingRun.readCheckpoint(whole), TrainingRun.readCheckpoint(dir));
        assertEquals(Files.readString(whole.resolve(TrainingRun.METRICS)), Files.readString(dir.resolve(TrainingRun.METRICS)));
    }

    @Test
    void checkpointOfOtherHiddenWidthsIsRefusedNamingTheTensorAndBothShapes() throws IOException {
        Path dir = tmp.resolve("run");
        try (Backend be = new CpuBackend()) {
            run(be, CONFIG.withSteps(30), dir, null, new RunControl(10, StopRequest.NEVER), TrainingListener.NONE);
        }
        byte[] checkpoint = Files.readAllBytes(dir.resolve(TrainingRun.CHECKPOINT));
        String metrics = Files.readString(dir.resolve(TrainingRun.METRICS));
        Snapshot s = TrainingRun.readCheckpoint(dir);
        try (Backend be = new CpuBackend()) {
            var e = assertThrows(CheckpointException.class, () -> run(be, CONFIG.withSteps(60).withHidden(List.of(16, 24)), dir, s,
                    RunControl.DEFAULT, TrainingListener.NONE));
            assertEquals("cannot resume from " + dir.resolve(TrainingRun.CHECKPOINT)
                    + ": tensor G.1.W is 16x16 in the checkpoint but 16x24 in the configured networks", e.getMessage());
            var fewer = assertThrows(CheckpointException.class, () -> run(be, CONFIG.withSteps(60).withHidden(List.of(16)), dir, s,
                    RunControl.DEFAULT, TrainingListener.NONE));
            assertTrue(fewer.getMessage().contains("tensor G.1.W is 16x16 in the checkpoint but 16x2"), fewer.getMessage());
        }
        assertArrayEquals(checkpoint, Files.readAllBytes(dir.resolve(TrainingRun.CHECKPOINT)), "the checkpoint is untouched");
        assertEquals(metrics, Files.readString(dir.resolve(TrainingRun.METRICS)), "the metrics are untouched");
    }

    @Test
    void nonFiniteLossStopsAtItsStepNamingTheDiagnosticsAndKeepsTheLastCheckpoint() throws IOException {
        Path dir = tmp.resolve("diverged");
        // Three loss calls per step (D real, D fake, G): call 3 * 74 + 1 is the first of step 75.
        try (Backend be = poisonedFromLossCall(3 * 74 + 1)) {
            var e = assertThrows(TrainingDivergedException.class, () -> run(be, CONFIG, dir, null,
                    new RunControl(25, StopRequest.NEVER), TrainingListener.NONE));
            String m = e.getMessage();
            assertTrue(m.startsWith("training diverged at step 75: D loss NaN; last finite diagnostics: step 74: D loss "), m);
            assertTrue(m.contains("D(x) ") && m.contains("D(G(z)) before ") && m.contains("|grad G| ") && m.contains("|grad D| "), m);
            assertTrue(m.endsWith("; the checkpoint of step 50 is kept in " + dir.resolve(TrainingRun.CHECKPOINT)), m);
            assertTrue(!m.contains("\n"), m);
        }
        Snapshot kept = CheckpointFile.read(dir.resolve(TrainingRun.CHECKPOINT));
        assertEquals(50, TrainingRun.savedStep(kept));
        for (float[] a : kept.arrays().values()) for (float v : a) assertTrue(Float.isFinite(v), "the kept checkpoint is finite");
    }

    /** The CPU backend, except that every loss (returned or written by lossInto) from the {@code firstBad}-th call on is NaN. */
    private static Backend poisonedFromLossCall(long firstBad) {
        CpuBackend cpu = new CpuBackend();
        AtomicLong calls = new AtomicLong();
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[]{Backend.class}, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            boolean lossCall = method.getName().equals("loss") || method.getName().equals("lossInto");
            if (lossCall && calls.incrementAndGet() >= firstBad) {
                if (result instanceof LossResult r) return new LossResult(Float.NaN, r.nanInputs());
                Tensor written = (Tensor) args[args.length - 1];  // lossInto's (value, NaN count) result
                cpu.upload(new float[] {Float.NaN, cpu.download(written)[1]}, written);
            }
            return result;
        });
    }
}
