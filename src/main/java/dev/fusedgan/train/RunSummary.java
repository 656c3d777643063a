package dev.fusedgan.train;

import java.nio.file.Path;

/**
 * The outcome of a training run: where it was written, the evaluation scores and the wall time. A resumed run
 * counts {@code steps} from step 0, but {@code seconds} times only this invocation, which trained the steps after
 * {@code resumedFrom} (0 for a fresh run); earlier invocations' time is not kept in the checkpoint.
 */
public record RunSummary(Path directory, Evaluation evaluation, long steps, long resumedFrom, double seconds, String device,
                         StepDiagnostics last) {

    /** One line for the terminal. */
    public String oneLine() {
        String timed = resumedFrom == 0 ? steps + " steps in " : steps + " steps (resumed at step " + resumedFrom + "; this run trained "
                + (steps - resumedFrom) + " in ";
        return String.format(java.util.Locale.ROOT, "%s%.1f s%s on %s: %s", timed, seconds, resumedFrom == 0 ? "" : ")", device,
                evaluation.oneLine());
    }
}
