package dev.fusedgan.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor's warnings fire once, after their streak, and a non-finite loss stops the run with its step. */
class TrainingMonitorTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final TrainingMonitor monitor = new TrainingMonitor(new PrintStream(sink, true), true);

    private static StepDiagnostics step(long s, float dLoss, double dFakeAfter, double gNorm) {
        return new StepDiagnostics(s, dLoss, 1f, 0.9, 0.1, dFakeAfter, gNorm, 0.5);
    }

    private String[] lines() {
        String text = sink.toString();
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    @Test
    void winningDiscriminatorIsReportedOnceAfterFiftyLowLossSteps() {
        for (int s = 1; s < TrainingMonitor.WINNING_STEPS; s++) monitor.observe(step(s, 0.01f, 0.5, 1));
        assertEquals(0, lines().length, "no warning before the streak is complete");
        for (int s = 0; s < 200; s++) monitor.observe(step(100 + s, 0.01f, 0.5, 1));
        assertEquals(1, lines().length);
        assertTrue(lines()[0].contains("discriminator is winning"), lines()[0]);
    }

    @Test
    void aHighLossStepRestartsTheWinningStreak() {
        for (int s = 0; s < 200; s++) monitor.observe(step(s, s % 40 == 0 ? 0.7f : 0.01f, 0.5, 1));
        assertEquals(0, lines().length);
    }

    @Test
    void saturatedGeneratorIsReportedOnce() {
        for (int s = 0; s < 100; s++) monitor.observe(step(s, 0.3f, 0.001, 1e-6));
        assertEquals(1, lines().length);
        assertTrue(lines()[0].contains("saturated"), lines()[0]);
    }

    @Test
    void nonFiniteLossNamesTheStepAndTheLastDiagnostics() {
        monitor.observe(step(6, 0.5f, 0.5, 1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> monitor.observe(new StepDiagnostics(7, Float.NaN, 1f, 0.5, 0.5, 0.5, 1, 1)));
        assertTrue(e.getMessage().contains("step 7") && e.getMessage().contains("D loss NaN") && e.getMessage().contains("step 6"),
                e.getMessage());
    }
}
