package dev.fusedgan.train;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.data.MixtureMetrics;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.gan.GeneratorObjective;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pixel-loss foil: G trained on MSE against random ring samples learns their average, the origin,
 * for every z, so its samples bunch in the middle of the ring and reach no mode; D is never trained.
 */
class PixelLossTest {
    @Test
    void mseGeneratorCollapsesToTheDataMeanWithSmallSpreadAndNoMode() {
        GaussianMixture ring = GaussianMixture.ring(3);
        TrainConfig config = TrainConfig.defaults().withSeed(3).withSteps(400).withBatch(64).withHidden(List.of(32, 32))
                .withObjectives(GeneratorObjective.PIXEL_MSE, DiscriminatorObjective.CROSS_ENTROPY).withEvalSamples(1000);
        float[] samples;
        double dLossSum = 0;
        try (Backend be = new CpuBackend(); Trainer trainer = new Trainer(be, config, ring)) {
            float[] d0 = be.download(trainer.discriminator().parameters().getFirst().value());
            for (int s = 0; s < config.steps(); s++) dLossSum += Math.abs(trainer.step().dLoss());
            samples = trainer.generateEvaluationSamples();
            float[] d1 = be.download(trainer.discriminator().parameters().getFirst().value());
            assertTrue(java.util.Arrays.equals(d0, d1), "D's weights changed under a pixel loss");
        }
        assertEquals(0, dLossSum);
        int n = samples.length / 2;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += samples[2 * i] / n;
            my += samples[2 * i + 1] / n;
        }
        double spread = 0;
        for (int i = 0; i < n; i++) spread += (Math.pow(samples[2 * i] - mx, 2) + Math.pow(samples[2 * i + 1] - my, 2)) / n;
        spread = Math.sqrt(spread);
        // The ring's mean is the origin and its RMS distance from it 1. A batch mean of 64 samples wanders by
        // about 1/sqrt(64) = 0.125 per coordinate; Adam averages over many batches, so 0.15 is generous.
        assertTrue(Math.hypot(mx, my) < 0.15, "sample mean (" + mx + ", " + my + ") is not near the data mean (0, 0)");
        assertTrue(spread < 0.3, "samples spread " + spread + " (the data's spread is 1)");
        MixtureMetrics m = MixtureMetrics.of(ring, samples);
        assertEquals(0, m.modesCaptured());
    }
}
