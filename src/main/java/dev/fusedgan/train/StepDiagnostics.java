package dev.fusedgan.train;

/**
 * What one training step reports (one row of metrics.csv). The D outputs are means over the batch of
 * sigmoid(logit) for the cross-entropy discriminator (probabilities) and of the raw output for the least
 * squares and hinge ones. {@code dFakeBefore} is D(G(z)) in the first D step of the step (before any D
 * update); {@code dFakeAfter} is D(G(z')) in the G step, after the D updates, on fresh noise z'.
 * Gradient norms are global L2 norms over all parameters, taken before the optimizer update.
 */
public record StepDiagnostics(long step, float dLoss, float gLoss, double dReal, double dFakeBefore, double dFakeAfter,
                              double gGradNorm, double dGradNorm) {

    public static final String CSV_HEADER = "step,d_loss,g_loss,d_real,d_fake_before,d_fake_after,g_grad_norm,d_grad_norm";

    public String csvRow() {
        return step + "," + dLoss + "," + gLoss + "," + dReal + "," + dFakeBefore + "," + dFakeAfter + "," + gGradNorm + "," + dGradNorm;
    }

    /** The diagnostics of one {@link #csvRow()} (which round-trips every bit), or null when the row is malformed. */
    public static StepDiagnostics parseCsvRow(String row) {
        String[] f = row.split(",", -1);
        if (f.length != 8) return null;
        try {
            return new StepDiagnostics(Long.parseLong(f[0]), Float.parseFloat(f[1]), Float.parseFloat(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "step " + step + ": D loss " + dLoss + ", G loss " + gLoss + ", D(x) " + dReal + ", D(G(z)) before "
                + dFakeBefore + " after " + dFakeAfter + ", |grad G| " + gGradNorm + ", |grad D| " + dGradNorm;
    }
}
