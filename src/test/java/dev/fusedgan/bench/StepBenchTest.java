package dev.fusedgan.bench;

import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.loss.LossFunction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepBenchTest {
    @Test
    void cpuStepRowsReportMillisecondsAndSamplesPerSecond() {
        CpuBackend cpu = new CpuBackend();
        List<BenchRow> seen = new ArrayList<>();
        List<BenchRow> rows = StepBench.run(new StepBench.Config(List.of(2), List.of(), 0, 1, 1, 5), cpu, cpu, seen::add);
        assertEquals(rows, seen);
        assertEquals(List.of("fused", "unfused"), rows.stream().map(BenchRow::variant).toList());
        for (BenchRow r : rows) {
            assertEquals(BenchRow.Status.OK, r.status(), r.note());
            assertEquals(2, r.n());
            assertTrue(r.msMedian() > 0);
            assertEquals(2 * 1000.0 / r.msMedian(), r.samplesPerS(), 1e-9 * r.samplesPerS());
        }
    }

    @Test
    void firstIterationOfAnotherBackendIsCheckedAgainstTheCpu() {
        CpuBackend reference = new CpuBackend();
        // Another CPU instance is a different backend that computes the same: it must pass.
        assertNull(StepBench.validate(new CpuBackend(), reference, LossFunction.BCE_WITH_LOGITS, 2, 9));
        String problem = StepBench.validate(new CorruptingBackend(0, 0f, 0.05f), reference, LossFunction.BCE_UNFUSED, 2, 9);
        assertNotNull(problem);
        assertTrue(problem.contains("CPU reference"), problem);
    }

    @Test
    void stepVariantThatFailsValidationIsNotTimed() {
        CorruptingBackend broken = new CorruptingBackend(0, 0f, 0.05f);
        CpuBackend cpu = new CpuBackend();
        List<BenchRow> rows = StepBench.run(new StepBench.Config(List.of(2, 3), List.of(2), 0, 1, 1, 5), broken, cpu, r -> {});
        assertEquals(5, rows.size());
        for (BenchRow r : rows) {
            if (r.variant().equals("cpu")) {
                assertTrue(r.ok(), r.note());
            } else {
                assertEquals(BenchRow.Status.FAILED, r.status());
                assertTrue(Double.isNaN(r.msMedian()));
            }
        }
        // Each failing variant ran only its validation iteration: two D loss terms (real, fake) and one G loss term,
        // written on the device (an iteration never waits for a loss value).
        assertEquals(2 * 3, broken.lossIntoCalls);
        assertEquals(0, broken.lossCalls);
    }
}
