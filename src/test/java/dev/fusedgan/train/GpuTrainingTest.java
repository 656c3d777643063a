package dev.fusedgan.train;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.data.MixtureMetrics;
import dev.fusedgan.testing.GpuBackends;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same trainer on the GPU: a fixed-seed run tracks the CPU run of the same seed, and the default run
 * reaches the same quality bar as on the CPU. Skips, with the reason, where no GPU is usable.
 */
@Tag("gpu")
class GpuTrainingTest {

    private static List<StepDiagnostics> train(Backend be, TrainConfig config, float[][] samplesOut) {
        List<StepDiagnostics> steps = new ArrayList<>();
        try (Trainer trainer = new Trainer(be, config, GaussianMixture.named(config.data(), config.seed()))) {
            for (int s = 0; s < config.steps(); s++) steps.add(trainer.step());
            samplesOut[0] = trainer.generateEvaluationSamples();
        }
        return steps;
    }

    /**
     * Tolerance: both backends draw the same data and noise (Philox, bitwise) and start from the same weights,
     * so they differ only by float32 rounding (cuBLAS sums in another order than the CPU loop, expf/log1pf are
     * a few ulp from the double-rounded CPU values): about 1e-6 relative per step. GAN training amplifies such
     * differences slowly, so over the first 100 steps the losses must agree to 1e-3 relative, and over 300 steps
     * to 5% relative; the final generated samples of the two runs must lie within 0.05 of each other on average
     * (the ring has radius 1 and mode sigma 0.01, so 0.05 is a small fraction of the distance between modes).
     */
    @Test
    void fixedSeedGpuRunTracksTheCpuRun() {
        TrainConfig config = TrainConfig.defaults().withSteps(300);
        float[][] gpuSamples = new float[1][], cpuSamples = new float[1][];
        List<StepDiagnostics> gpu;
        try (Backend be = GpuBackends.openOrSkip()) {
            gpu = train(be, config, gpuSamples);
        }
        List<StepDiagnostics> cpu;
        try (Backend be = new CpuBackend()) {
            cpu = train(be, config, cpuSamples);
        }
        for (int i = 0; i < config.steps(); i++) {
            double rel = i < 100 ? 1e-3 : 5e-2;
            StepDiagnostics g = gpu.get(i), c = cpu.get(i);
            assertEquals(c.dLoss(), g.dLoss(), 1e-5 + rel * Math.abs(c.dLoss()), "D loss at step " + (i + 1));
            assertEquals(c.gLoss(), g.gLoss(), 1e-5 + rel * Math.abs(c.gLoss()), "G loss at step " + (i + 1));
        }
        double distance = 0;
        for (int i = 0; i < cpuSamples[0].length; i += 2) {
            distance += Math.hypot(cpuSamples[0][i] - gpuSamples[0][i], cpuSamples[0][i + 1] - gpuSamples[0][i + 1]);
        }
        distance /= cpuSamples[0].length / 2.0;
        assertTrue(distance < 0.05, "mean distance between CPU and GPU samples " + distance);
    }

    /** The quick-start run on the GPU meets the bar the README sets for the CPU: 8/8 modes, >= 80% high quality. */
    @Test
    void defaultRunOnTheGpuCapturesAllEightModes() {
        TrainConfig config = TrainConfig.defaults();
        float[][] samples = new float[1][];
        try (Backend be = GpuBackends.openOrSkip()) {
            train(be, config, samples);
        }
        MixtureMetrics m = MixtureMetrics.of(GaussianMixture.ring(config.seed()), samples[0]);
        assertEquals(8, m.modesCaptured(), "modes captured: " + m);
        assertTrue(m.highQualityFraction() >= 0.8, "high-quality fraction: " + m);
    }
}
