package dev.fusedgan.testing;

import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.Reduction;

/**
 * One loss call as plain arrays, so that any backend can be given the same inputs.
 *
 * @param target per-element targets, or null for the scalar {@code scalarTarget}
 * @param weight per-element weights, or null for none
 */
public record LossCase(LossFunction fn, int rows, int cols, float[] input, float[] target, float scalarTarget,
                       float[] weight, float posWeight, LabelSmoothing smoothing, Reduction reduction, float scale) {
    public LossCase {
        if (input.length != rows * cols) throw new IllegalArgumentException(input.length + " inputs for " + rows + "x" + cols);
    }

    /** The raw (unsmoothed) target of element i. */
    public float targetAt(int i) {
        return target == null ? scalarTarget : target[i];
    }

    public double weightAt(int i) {
        return weight == null ? 1.0 : weight[i];
    }
}
