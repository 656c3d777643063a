package dev.fusedgan.loss;

import dev.fusedgan.tensor.Tensor;

/**
 * The targets of a loss: one scalar shared by every element (a GAN's labels are all 1 or all 0, and
 * then no target tensor is read at all) or a tensor of the input's shape.
 */
public sealed interface Target {
    record Scalar(float value) implements Target {}

    record PerElement(Tensor values) implements Target {
        public PerElement {
            if (values == null) throw new IllegalArgumentException("target tensor is null");
        }
    }

    /** The target tensor, or null for a scalar target. */
    default Tensor tensorOrNull() { return this instanceof PerElement(Tensor values) ? values : null; }

    /** The scalar target, or 0 for a tensor target (which backends then ignore). */
    default float scalarOrZero() { return this instanceof Scalar(float value) ? value : 0f; }

    static Target scalar(float value) { return new Scalar(value); }

    static Target of(Tensor values) { return new PerElement(values); }
}
