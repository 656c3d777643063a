package dev.fusedgan.nn;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron: Linear layers of the given widths, {@code hidden} after every layer but the
 * last, {@code output} after the last. It owns only its parameters; the activations of a forward pass
 * live in a {@link Workspace} made once per batch size, so a training step allocates nothing.
 */
public final class Mlp implements AutoCloseable {
    private final Backend be;
    private final String name;
    private final int[] widths;
    private final Activation hidden;
    private final Activation output;
    private final List<Linear> layers = new ArrayList<>();
    private final List<Workspace> workspaces = new ArrayList<>();
    /** The parameters' gradient tensors in {@link #parameters()} order, for the per-step gradient norm. */
    private final List<Tensor> gradients;

    /** {@code widths} = input, hidden..., output sizes (at least two entries). */
    public Mlp(Backend be, String name, int[] widths, Activation hidden, Activation output) {
        if (widths.length < 2) throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        this.be = be;
        this.name = name;
        this.widths = widths.clone();
        this.hidden = hidden;
        this.output = output;
        for (int i = 0; i + 1 < widths.length; i++) layers.add(new Linear(be, name + "." + i, widths[i], widths[i + 1]));
        gradients = parameters().stream().map(Parameter::grad).toList();
    }

    public int inputWidth() { return widths[0]; }

    /** All parameters in layer order, weight before bias. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Linear l : layers) {
            out.add(l.weight());
            out.add(l.bias());
        }
        return out;
    }

    /** Layer i takes Philox stream {@code firstStream + i} of {@code seed}; see {@link Linear#initialise}. */
    public void initialise(long seed, long firstStream) {
        for (int i = 0; i < layers.size(); i++) layers.get(i).initialise(seed, firstStream + i);
    }

    /** Buffers for a batch of {@code rows}; closed with the MLP. */
    public Workspace workspace(int rows) {
        Workspace ws = new Workspace(rows);
        workspaces.add(ws);
        return ws;
    }

    private Activation activationOf(int layer) { return layer == layers.size() - 1 ? output : hidden; }

    // x (rows x input) -> returns ws output (rows x output)
    public Tensor forward(Workspace ws, Tensor x) {
        ws.check(x, inputWidth(), "input");
        Tensor in = x;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(in, activationOf(i), ws.pre[i], ws.post[i]);
            in = ws.post[i];
        }
        return in;
    }

    /**
     * Backpropagates dOut (rows x output) through the pass last run by {@link #forward} on {@code ws} with
     * input x: writes the parameter gradients when {@code paramGrads} and dL/dx into dx when not null.
     */
    public void backward(Workspace ws, Tensor x, Tensor dOut, Tensor dx, boolean paramGrads) {
        backwardFrom(ws, x, layers.size() - 1, dOut, dx, paramGrads);
    }

    /**
     * Like {@link #backward}, but starting from dL/d(activation of layer {@code layer}) (rows x its width),
     * as when a loss reads a hidden layer ({@link Workspace#activation}); the layers above it get no
     * gradient (with {@code paramGrads}, theirs are left as they were).
     */
    public void backwardFrom(Workspace ws, Tensor x, int layer, Tensor dActivation, Tensor dx, boolean paramGrads) {
        if (layer < 0 || layer >= layers.size()) throw new IllegalArgumentException(name + ": no layer " + layer);
        ws.check(dActivation, widths[layer + 1], "gradient of layer " + layer);
        if (dx != null) ws.check(dx, inputWidth(), "input gradient");
        Tensor upstream = dActivation;
        for (int i = layer; i >= 0; i--) {
            be.activateBackward(activationOf(i), ws.pre[i], ws.post[i], upstream, ws.grad[i]);
            Tensor in = i == 0 ? x : ws.post[i - 1];
            Tensor dIn = i == 0 ? dx : ws.grad[i - 1];
            layers.get(i).backward(in, ws.grad[i], dIn, paramGrads);
            upstream = dIn;
        }
    }

    /** Sum of squares of all parameter gradients (the squared global gradient norm). */
    public double gradSumOfSquares() {
        return be.sumOfSquares(gradients);
    }

    /** {@link #gradSumOfSquares()} left on the device: [(float) sum, 0] into {@code result} (1 x 2), no host wait. */
    public void gradSumOfSquaresInto(Tensor result) {
        be.sumOfSquaresInto(gradients, result);
    }

    @Override
    public void close() {
        for (Workspace ws : workspaces) ws.release();
        workspaces.clear();
        for (Linear l : layers) l.close();
    }

    /** Per-layer pre-activations, activations and gradients for one batch size. */
    public final class Workspace {
        private final int rows;
        private final Tensor[] pre;
        private final Tensor[] post;
        private final Tensor[] grad;

        private Workspace(int rows) {
            this.rows = rows;
            int n = layers.size();
            pre = new Tensor[n];
            post = new Tensor[n];
            grad = new Tensor[n];
            for (int i = 0; i < n; i++) {
                int w = widths[i + 1];
                pre[i] = be.allocate(rows, w);
                post[i] = be.allocate(rows, w);
                grad[i] = be.allocate(rows, w);
            }
        }

        /** The tensor {@link #forward} returns for this workspace (the last layer's activation). */
        public Tensor output() { return post[post.length - 1]; }

        /** The activation of layer {@code layer} (0-based) from the last {@link #forward}. */
        public Tensor activation(int layer) { return post[layer]; }

        private void check(Tensor t, int cols, String what) {
            if (t.rows() != rows || t.cols() != cols) {
                throw new IllegalArgumentException(name + ": " + what + " is " + t.shape() + ", expected " + rows + "x" + cols);
            }
        }

        private void release() {
            for (int i = 0; i < pre.length; i++) {
                pre[i].close();
                post[i].close();
                grad[i].close();
            }
        }
    }
}
