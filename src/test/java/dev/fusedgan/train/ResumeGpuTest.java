package dev.fusedgan.train;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.testing.GpuBackends;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stop and resume on the GPU against one uninterrupted GPU run. The restored state is uploaded bit for bit,
 * so the runs differ only where a GPU reduction may sum in another order (about 1 ulp per step); over the
 * 50 steps after the resume that stays far inside the stated tolerance |a - b| <= 1e-4 (1 + |a|). Counters
 * and configuration must match exactly.
 */
@Tag("gpu")
class ResumeGpuTest {
    @TempDir
    Path tmp;

    private static final TrainConfig CONFIG = TrainConfig.defaults().withSteps(100).withBatch(64)
            .withHidden(List.of(32, 32)).withEvalSamples(500);
    private static final double TOLERANCE = 1e-4;

    @Test
    void stoppedAndResumedGpuRunMatchesAnUninterruptedOneWithinTolerance() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        try (Backend be = GpuBackends.openOrSkip()) {
            TrainingRun.execute(be, CONFIG, whole, null, RunControl.DEFAULT, TrainingListener.NONE, quiet, 0);
            AtomicLong last = new AtomicLong();
            assertThrows(TrainingInterruptedException.class, () -> TrainingRun.execute(be, CONFIG, split, null,
                    new RunControl(500, () -> last.get() >= 50 ? "TEST" : null), d -> last.set(d.step()), quiet, 0));
            Snapshot at50 = TrainingRun.readCheckpoint(split);
            TrainingRun.execute(be, CONFIG, split, at50, RunControl.DEFAULT, TrainingListener.NONE, quiet, 0);
        }
        Snapshot a = TrainingRun.readCheckpoint(whole), b = TrainingRun.readCheckpoint(split);
        assertEquals(a.counters(), b.counters());
        assertEquals(a.texts(), b.texts());
        assertEquals(a.arrays().keySet(), b.arrays().keySet());
        for (String name : a.arrays().keySet()) {
            float[] x = a.array(name), y = b.array(name);
            for (int i = 0; i < x.length; i++) {
                assertTrue(Math.abs(x[i] - y[i]) <= TOLERANCE * (1 + Math.abs(x[i])), name + "[" + i + "]: " + x[i] + " vs " + y[i]);
            }
        }
    }
}
