package dev.fusedgan.nn;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;

/**
 * A fully connected layer Y = X W + b with W (in x out) and b (1 x out), row-major, one sample per row.
 * Backward: dW = X^T dY, db = sum over rows of dY, dX = dY W^T.
 */
public final class Linear implements AutoCloseable {
    private final Backend be;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(Backend be, String name, int in, int out) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("linear layer " + name + ": sizes must be >= 1, got " + in + "x" + out);
        this.be = be;
        this.weight = new Parameter(be, name + ".W", in, out);
        this.bias = new Parameter(be, name + ".b", 1, out);
    }

    public int in() { return weight.value().rows(); }

    public int out() { return weight.value().cols(); }

    public Parameter weight() { return weight; }

    public Parameter bias() { return bias; }

    /**
     * Glorot/Xavier-uniform weights, U(-a, a) with a = sqrt(6 / (in + out)), from Philox stream
     * {@code stream} of {@code seed}; zero bias.
     */
    public void initialise(long seed, long stream) {
        float a = (float) Math.sqrt(6.0 / (in() + out()));
        be.fillUniform(weight.value(), seed, stream, -a, a);
        be.fill(bias.value(), 0f);
    }

    // x (m x in) -> pre (m x out) = x W + b, post = f(pre)
    public void forward(Tensor x, Activation f, Tensor pre, Tensor post) {
        be.gemm(false, false, 1f, x, weight.value(), 0f, pre);
        be.addBiasActivate(f, pre, bias.value(), post);
    }

    /**
     * x (m x in), dy (m x out) -> dW, db into the parameters' gradients (overwritten) when
     * {@code paramGrads}, and dx (m x in) when not null.
     */
    public void backward(Tensor x, Tensor dy, Tensor dx, boolean paramGrads) {
        if (paramGrads) {
            be.gemm(true, false, 1f, x, dy, 0f, weight.grad());
            be.sumRows(dy, bias.grad());
        }
        if (dx != null) be.gemm(false, true, 1f, dy, weight.value(), 0f, dx);
    }

    @Override
    public void close() {
        weight.close();
        bias.close();
    }
}
