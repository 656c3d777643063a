package dev.fusedgan.train;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.ForwardingBackend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The criterion GpuTrainingTest holds the GPU to ({@link StepAgreement}), tried on the CPU: it must pass for a
 * backend that differs from the reference only by float32 rounding, and fail for one with a real, small error.
 */
class TrackingToleranceTest {
    @Test
    void passesForAGemmThatRoundsUpToEightUlpsOtherwise() {
        try (Backend perturbed = new StepAgreement.PerturbedGemm(8, 8)) {
            StepAgreement.assertAgrees(perturbed, StepAgreement.CONFIG);
        }
    }

    /** Adam's learning rate 0.1% high on one network: a bug of the kind a kernel could have. */
    @Test
    void failsForAnAdamStepWithALearningRateOffByOnePartInAThousand() {
        try (Backend wrong = new ForwardingBackend() {
            @Override
            public void adamStep(AdamConfig c, long step, Tensor p, Tensor g, Tensor m, Tensor v) {
                cpu.adamStep(new AdamConfig(c.learningRate() * 1.001f, c.beta1(), c.beta2(), c.epsilon()), step, p, g, m, v);
            }

            @Override public String name() { return "cpu with Adam's lr 0.1% high"; }
        }) {
            AssertionError e = assertThrows(AssertionError.class, () -> StepAgreement.assertAgrees(wrong, StepAgreement.CONFIG));
            assertTrue(e.getMessage().contains("step 1") || e.getMessage().contains("early run"), e.getMessage());
        }
    }
}
