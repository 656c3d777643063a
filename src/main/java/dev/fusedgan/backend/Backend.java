package dev.fusedgan.backend;

import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;

/**
 * A compute engine over float32 row-major tensors. The CPU implementation ({@code dev.fusedgan.cpu}) is
 * the plain reference every other implementation is tested against; the CUDA one ({@code dev.fusedgan.cuda})
 * runs the same operations on an NVIDIA GPU. Callers (layers, objectives, the trainer) only see this.
 *
 * <p>Tensors passed in must come from this backend. Shapes are checked and mismatches throw
 * {@link IllegalArgumentException} naming the operation. Operations may run asynchronously; anything that
 * returns a value to the host (downloads, losses, sums) waits for the work before it.
 */
public interface Backend extends AutoCloseable {

    /** A short human name, e.g. "cpu" or "cuda:0 NVIDIA H100 80GB HBM3". */
    String name();

    /** One line on what this engine is running with, for {@code fusedgan info}; by default the name. */
    default String details() { return name(); }

    /** True for the GPU backend; used only for reporting and tolerances, never for branching in callers. */
    boolean isGpu();

    // ---- memory ---------------------------------------------------------------------------------

    /** A new zero-filled tensor. */
    Tensor allocate(int rows, int cols);

    /** Copies {@code src} (row-major, {@code dst.size()} values) into {@code dst}. */
    void upload(float[] src, Tensor dst);

    /** Copies {@code src} into {@code dst} (at least {@code src.size()} long). */
    void download(Tensor src, float[] dst);

    default Tensor upload(float[] data, int rows, int cols) {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("upload: " + data.length + " values for a " + rows + "x" + cols + " tensor");
        }
        Tensor t = allocate(rows, cols);
        upload(data, t);
        return t;
    }

    default float[] download(Tensor src) {
        float[] out = new float[src.size()];
        download(src, out);
        return out;
    }

    /** dst = src (same shape). */
    void copy(Tensor src, Tensor dst);

    /** Every element of dst = value. */
    void fill(Tensor dst, float value);

    // ---- layers ---------------------------------------------------------------------------------

    /**
     * c = alpha * op(a) * op(b) + beta * c, all row-major; op(x) is x or its transpose.
     * op(a) is m x k, op(b) is k x n, c is m x n.
     */
    void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c);

    /** x (m x n) += bias (1 x n), broadcast over the rows. */
    void addBias(Tensor x, Tensor bias);

    /** out (1 x n) = sum over the rows of dy (m x n): the bias gradient. */
    void sumRows(Tensor dy, Tensor out);

    /** y = f(x), elementwise; y may be x. */
    void activate(Activation f, Tensor x, Tensor y);

    /** dx = dy * f'(x), using x (relu, leaky) or y = f(x) (tanh, sigmoid); dx may be dy. */
    void activateBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /** y += alpha * x (same shape). */
    void axpy(float alpha, Tensor x, Tensor y);

    /** Sum of squares of the elements, accumulated in double (for gradient norms). */
    double sumOfSquares(Tensor x);

    /**
     * A layer's epilogue: z (m x n) += bias (1 x n), then y = f(z); z keeps the pre-activation. This default is
     * the two calls, and is the reference; the GPU does both in one kernel, with the same float operations.
     * y must not alias z.
     */
    default void addBiasActivate(Activation f, Tensor z, Tensor bias, Tensor y) {
        addBias(z, bias);
        activate(f, z, y);
    }

    /**
     * Sum of squares over all elements of all {@code xs} (a squared global gradient norm), accumulated in double.
     * This default adds the tensors' {@link #sumOfSquares(Tensor)} in order; the GPU overrides it to wait for the
     * device once for the whole list instead of once per tensor.
     */
    default double sumOfSquares(java.util.List<? extends Tensor> xs) {
        double s = 0;
        for (Tensor x : xs) s += sumOfSquares(x);
        return s;
    }

    /**
     * {@link #sumOfSquares(java.util.List)} without a host wait: the sum, rounded to float, goes to result[0] and 0
     * to result[1] (result 1 x 2, the layout {@link #lossInto} writes). This default computes it on the host and
     * uploads it; the GPU overrides it to stay on the device, so a training step can defer reading it.
     */
    default void sumOfSquaresInto(java.util.List<? extends Tensor> xs, Tensor result) {
        checkSumOfSquaresResult(result);
        upload(new float[] {(float) sumOfSquares(xs), 0f}, result);
    }

    /** The result of {@link #sumOfSquaresInto} is 1 x 2, or a one-line error. */
    static void checkSumOfSquaresResult(Tensor result) {
        if (result == null || result.rows() != 1 || result.cols() != 2) {
            throw new IllegalArgumentException("sumOfSquaresInto: the result tensor must be 1x2, got " + (result == null ? "none" : result.shape()));
        }
    }

    // ---- losses ---------------------------------------------------------------------------------

    /**
     * Computes a pointwise loss (see {@link LossFunction} for the formulas) and, when {@code grad} is not
     * null, its gradient with respect to {@code input}, already multiplied by the reduction's factor
     * (1/n for mean) and {@code options.scale()}. With reduction NONE the per-element losses go to
     * {@code elementLoss}. An empty input is an {@link IllegalArgumentException}.
     */
    LossResult loss(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss);

    /**
     * As {@link #loss}, but writes [value, nanInputs] (as floats) into {@code result} (1 x 2) without waiting:
     * on the GPU nothing returns to the host, so a timed or pipelined caller never stalls on the loss value.
     * The value is bitwise the one {@link #loss} returns; the NaN count is exact up to 2^24.
     */
    void lossInto(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss, Tensor result);

    // ---- optimizer ------------------------------------------------------------------------------

    /** One Adam update of {@code param} in place with its moments m and v; {@code step} is 1-based. */
    void adamStep(AdamConfig config, long step, Tensor param, Tensor grad, Tensor m, Tensor v);

    /**
     * {@link #adamStep} on every tensor of the lists (same lengths; tensor i of each belongs together), each exactly
     * as adamStep updates it. This default calls adamStep per tensor; the GPU overrides it with one launch for the
     * whole list.
     */
    default void adamSteps(AdamConfig config, long step, java.util.List<? extends Tensor> params, java.util.List<? extends Tensor> grads,
                           java.util.List<? extends Tensor> ms, java.util.List<? extends Tensor> vs) {
        checkAdamLists(params, grads, ms, vs);
        for (int i = 0; i < params.size(); i++) adamStep(config, step, params.get(i), grads.get(i), ms.get(i), vs.get(i));
    }

    /** The lists of {@link #adamSteps} have one entry per parameter, or a one-line error. */
    static void checkAdamLists(java.util.List<?> params, java.util.List<?> grads, java.util.List<?> ms, java.util.List<?> vs) {
        int n = params.size();
        if (grads.size() != n || ms.size() != n || vs.size() != n) {
            throw new IllegalArgumentException("adamSteps: " + n + " parameters but " + grads.size() + " gradients, "
                    + ms.size() + " first and " + vs.size() + " second moments");
        }
    }

    // ---- random numbers (Philox4x32-10, identical streams on every backend; see dev.fusedgan.random) --

    /** Normal(mean, std) samples from Philox with key = seed, counter stream = {@code stream}. */
    void fillNormal(Tensor dst, long seed, long stream, float mean, float std);

    /** Uniform samples in (low, high) from Philox with key = seed, counter stream = {@code stream}. */
    void fillUniform(Tensor dst, long seed, long stream, float low, float high);

    // ---- timing and bookkeeping -------------------------------------------------------------------

    /** Waits until all submitted work is done. */
    void synchronize();

    /** A timer for work submitted to this backend (CUDA events on the GPU, wall clock on the CPU). */
    Stopwatch stopwatch();

    /** Kernel launches (and library calls such as cuBLAS GEMMs) issued so far; 0 on the CPU. */
    long launches();

    /**
     * Times the host has waited for the device so far: every value or download that comes back to the host
     * (and every upload, which must not overwrite what queued work still reads) drains the queue first, and the
     * device then idles until the host enqueues more. 0 on the CPU, which never queues.
     */
    default long hostWaits() { return 0; }

    /** Frees everything the backend owns. Tensors it handed out must not be used afterwards. */
    @Override
    void close();
}
