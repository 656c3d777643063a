package dev.fusedgan.train;

import java.io.PrintStream;

/**
 * Watches the per-step diagnostics: stops the run on a non-finite loss or gradient norm, and warns once
 * each, with one plain line, when the discriminator is winning outright or the generator's gradient
 * has saturated.
 */
public final class TrainingMonitor {
    /** D loss below this for {@link #WINNING_STEPS} consecutive steps means D separates real from fake. */
    static final float D_WINNING_LOSS = 0.05f;
    static final int WINNING_STEPS = 50;
    /** G's gradient norm below this while D(G(z)) stays below {@link #SATURATED_D_FAKE}: a saturated G. */
    static final double SATURATED_G_GRAD = 1e-3;
    static final double SATURATED_D_FAKE = 0.05;
    static final int SATURATED_STEPS = 20;

    private final PrintStream warnings;
    private final boolean probabilities;
    private final boolean discriminatorTrained;
    private int winningRun;
    private int saturatedRun;
    private boolean warnedWinning;
    private boolean warnedSaturated;
    private StepDiagnostics last;

    /** {@code probabilities}: the D outputs in the diagnostics are sigmoid probabilities (cross-entropy D). */
    public TrainingMonitor(PrintStream warnings, boolean probabilities) {
        this(warnings, probabilities, true);
    }

    /** {@code discriminatorTrained} false (the pixel losses): D's all-zero diagnostics raise no warning. */
    public TrainingMonitor(PrintStream warnings, boolean probabilities, boolean discriminatorTrained) {
        this.warnings = warnings;
        this.probabilities = probabilities;
        this.discriminatorTrained = discriminatorTrained;
    }

    /** Checks one step; throws {@link TrainingDivergedException} on a non-finite loss or gradient norm. */
    public void observe(StepDiagnostics d) {
        String bad = !Float.isFinite(d.dLoss()) ? "D loss " + d.dLoss()
                : !Float.isFinite(d.gLoss()) ? "G loss " + d.gLoss()
                : !Double.isFinite(d.dGradNorm()) ? "D gradient norm " + d.dGradNorm()
                : !Double.isFinite(d.gGradNorm()) ? "G gradient norm " + d.gGradNorm() : null;
        if (bad != null) {
            throw new TrainingDivergedException("training diverged at step " + d.step() + ": " + bad
                    + (last == null ? "" : "; last finite diagnostics: " + last));
        }
        track(d, true);
    }

    /**
     * Takes in a step of an earlier invocation of a resumed run: the streaks continue, and a warning already
     * given there is not repeated.
     */
    public void replay(StepDiagnostics d) {
        track(d, false);
    }

    private void track(StepDiagnostics d, boolean speak) {
        last = d;
        if (!discriminatorTrained) return;
        winningRun = d.dLoss() < D_WINNING_LOSS ? winningRun + 1 : 0;
        if (winningRun >= WINNING_STEPS && !warnedWinning) {
            warnedWinning = true;
            if (speak) warnings.println("fusedgan: warning: D loss below " + D_WINNING_LOSS + " for " + WINNING_STEPS
                    + " steps (step " + d.step() + "): the discriminator is winning and G gets little signal;"
                    + " try a lower learning rate, fewer --d-steps or --label-smoothing");
        }

        boolean saturated = probabilities && d.dFakeAfter() < SATURATED_D_FAKE && d.gGradNorm() < SATURATED_G_GRAD;
        saturatedRun = saturated ? saturatedRun + 1 : 0;
        if (saturatedRun >= SATURATED_STEPS && !warnedSaturated) {
            warnedSaturated = true;
            if (speak) warnings.println("fusedgan: warning: G gradient norm below " + SATURATED_G_GRAD + " while D(G(z)) < "
                    + SATURATED_D_FAKE + " for " + SATURATED_STEPS + " steps (step " + d.step()
                    + "): the generator objective has saturated; the non-saturating objective (--g-objective ns) avoids this");
        }
    }
}
