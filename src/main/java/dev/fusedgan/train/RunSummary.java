package dev.fusedgan.train;

import dev.fusedgan.data.MixtureMetrics;

import java.nio.file.Path;

/** The outcome of a training run: where it was written, the evaluation metrics and the wall time. */
public record RunSummary(Path directory, MixtureMetrics metrics, long steps, double seconds, String device,
                         StepDiagnostics last) {

    /** One line for the terminal. */
    public String oneLine() {
        String kl = metrics.modeKl() == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", metrics.modeKl());
        return String.format(java.util.Locale.ROOT,
                "%d steps in %.1f s on %s: %d/%d modes, %.1f%% high-quality samples, mode KL %s",
                steps, seconds, device, metrics.modesCaptured(), metrics.modesTotal(),
                100 * metrics.highQualityFraction(), kl);
    }
}
