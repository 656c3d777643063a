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

    static Target scalar(float value) { return new Scalar(value); }

    static Target of(Tensor values) { return new PerElement(values); }
}
