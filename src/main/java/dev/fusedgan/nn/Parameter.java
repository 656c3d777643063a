package dev.fusedgan.nn;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;

/**
 * A trainable tensor with its gradient and Adam's two moment tensors, all of one shape, allocated once
 * on the backend. The name ("G.1.W") keys the tensor in checkpoints.
 */
public final class Parameter implements AutoCloseable {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private final Tensor adamM;
    private final Tensor adamV;

    public Parameter(Backend be, String name, int rows, int cols) {
        this.name = name;
        this.value = be.allocate(rows, cols);
        this.grad = be.allocate(rows, cols);
        this.adamM = be.allocate(rows, cols);
        this.adamV = be.allocate(rows, cols);
    }

    public String name() { return name; }

    public Tensor value() { return value; }

    public Tensor grad() { return grad; }

    /** Adam's first moment (running mean of the gradient). */
    public Tensor adamM() { return adamM; }

    /** Adam's second moment (running mean of the squared gradient). */
    public Tensor adamV() { return adamV; }

    @Override
    public void close() {
        value.close();
        grad.close();
        adamM.close();
        adamV.close();
    }
}
