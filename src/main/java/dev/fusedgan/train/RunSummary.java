package dev.fusedgan.train;

import java.nio.file.Path;

/** The outcome of a training run: where it was written, the evaluation scores and the wall time. */
public record RunSummary(Path directory, Evaluation evaluation, long steps, double seconds, String device,
                         StepDiagnostics last) {

    /** One line for the terminal. */
    public String oneLine() {
        return String.format(java.util.Locale.ROOT, "%d steps in %.1f s on %s: %s", steps, seconds, device, evaluation.oneLine());
    }
}
