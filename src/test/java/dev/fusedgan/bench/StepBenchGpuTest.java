package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.testing.GpuBackends;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GAN step the step suite times, on the GPU: it matches the CPU's first iteration, and never waits for the device. */
@Tag("gpu")
class StepBenchGpuTest {
    @Test
    void ganStepMatchesTheCpuAndAnIterationNeverWaitsForTheDevice() {
        try (Backend cuda = GpuBackends.openOrSkip(); CpuBackend cpu = new CpuBackend()) {
            for (LossFunction bce : new LossFunction[] {LossFunction.BCE_WITH_LOGITS, LossFunction.BCE_UNFUSED}) {
                assertNull(StepBench.validate(cuda, cpu, bce, 16, 7), bce + ": first iteration against the CPU");
                try (GanStep step = new GanStep(cuda, 16, bce, 7)) {
                    step.iterate();
                    long waits = cuda.hostWaits(), launches = cuda.launches();
                    step.iterate();
                    assertEquals(waits, cuda.hostWaits(), bce + ": host waits in one iteration");
                    // G and D forward and backward, two Adam updates of 6 tensors each, the losses: dozens of launches.
                    assertTrue(cuda.launches() - launches > 40, bce + ": launches per iteration " + (cuda.launches() - launches));
                    GanStep.Losses losses = step.losses();
                    assertEquals(waits + 1, cuda.hostWaits(), "reading the losses is one wait");
                    assertTrue(Float.isFinite(losses.discriminator()) && Float.isFinite(losses.generator()), losses.toString());
                }
            }
        }
    }
}
