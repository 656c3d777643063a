package dev.fusedgan.bench;

import dev.fusedgan.random.Philox;

/**
 * Fresh random loss inputs from Philox: a block of {@code blockSize} logits and targets that larger
 * tensors repeat end to end. Logits are Normal(0, 3), except that about 10% are replaced by
 * +-10^u with u uniform in [log10 20, 4], so |l| in [20, 1e4] exercises the stable branches (and the
 * unfused chain's clamps). Targets are uniform in (0, 1), half of them snapped to 0 or 1.
 *
 * <p>Because the data repeats with period blockSize, the mean loss over n = k * blockSize elements equals
 * the mean over one block, and each element's mean-gradient is the block's scaled by blockSize / n; the
 * validator uses this to check full-size results against a block-sized CPU reference.
 */
public record LossData(float[] logits, float[] targets) {
    static final double LARGE_FRACTION = 0.1;
    static final double LARGE_MIN = 20;
    static final double LARGE_MAX = 1e4;

    public int blockSize() { return logits.length; }

    /** Data for one size; {@code stream} keeps every size's data distinct for the same seed. */
    public static LossData generate(int blockSize, long seed, long stream) {
        float[] logits = new float[blockSize];
        float[] pick = new float[blockSize];
        float[] magnitude = new float[blockSize];
        float[] targets = new float[blockSize];
        float[] snap = new float[blockSize];
        Philox.fillNormal(logits, 0, blockSize, seed, 5 * stream, 0f, 3f);
        Philox.fillUniform(pick, 0, blockSize, seed, 5 * stream + 1, 0f, 1f);
        Philox.fillUniform(magnitude, 0, blockSize, seed, 5 * stream + 2, 0f, 1f);
        Philox.fillUniform(targets, 0, blockSize, seed, 5 * stream + 3, 0f, 1f);
        Philox.fillUniform(snap, 0, blockSize, seed, 5 * stream + 4, 0f, 1f);
        double lo = Math.log10(LARGE_MIN), hi = Math.log10(LARGE_MAX);
        for (int i = 0; i < blockSize; i++) {
            if (pick[i] < LARGE_FRACTION) {
                // pick[i] / LARGE_FRACTION is again uniform in (0, 1): its half picks the sign.
                double sign = pick[i] < LARGE_FRACTION / 2 ? -1 : 1;
                logits[i] = (float) (sign * Math.pow(10, lo + (hi - lo) * magnitude[i]));
            }
            if (snap[i] < 0.5f) targets[i] = Math.round(targets[i]);
        }
        return new LossData(logits, targets);
    }
}
