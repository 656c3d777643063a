package dev.fusedgan.loss;

/**
 * What a loss call returns: the reduced value (scaled; for {@link Reduction#NONE} the sum of the
 * per-element losses) and how many input elements were NaN. NaN in gives NaN out: such an element's
 * loss and gradient are NaN, so the value is NaN too, and {@code nanInputs} reports how many.
 */
public record LossResult(float value, long nanInputs) {
    public boolean hasNaN() { return nanInputs > 0; }
}
