package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.testing.GpuBackends;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("gpu")
class LossBenchGpuTest {
    @Test
    void cudaLossVariantsPassValidationAndAreTimedAtSmallSizes() {
        Backend cuda = GpuBackends.openOrSkip();
        try (cuda; CpuBackend cpu = new CpuBackend()) {
            // 2^10..2^14 with a 2^12 block, so 2^13 and 2^14 go through the repeated-block validation too.
            LossBench.Config config = new LossBench.Config(10, 14, 12, 12, 20, 2, 3, 8, 21);
            LossBench.Report report = LossBench.run(config, cuda, cpu, LossVariant.standard(cuda, cpu, 14, 12), r -> {});
            assertEquals(5 * 3 + 3, report.rows().size());
            for (BenchRow r : report.rows()) {
                assertEquals(BenchRow.Status.OK, r.status(), r.variant() + " at " + r.n() + ": " + r.note());
                assertTrue(r.msMedian() > 0, r.toString());
            }
            assertTrue(report.rows().stream().filter(r -> !r.variant().equals("cpu")).allMatch(r -> r.launchesPerCall() >= 1),
                    "every CUDA loss call launches at least one kernel: " + List.copyOf(report.rows()));
        }
    }
}
