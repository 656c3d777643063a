package dev.fusedgan.cpu;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.GemmShape;
import dev.fusedgan.backend.Stopwatch;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Losses;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.random.Philox;
import dev.fusedgan.tensor.Tensor;

import java.util.stream.IntStream;

/** The CPU reference implementation of {@link Backend}. */
public final class CpuBackend implements Backend {
    /** Below this many multiply-adds a GEMM runs on one thread; above, rows are split across threads. */
    private static final long PARALLEL_GEMM_WORK = 1L << 15;
    /**
     * Rows of c computed together: each row of op(b) is read once per block instead of once per row, which
     * keeps it in L1 while it serves all of them. The arithmetic per element is unchanged.
     */
    private static final int GEMM_ROW_BLOCK = 8;

    @Override
    public String name() { return "cpu"; }

    @Override
    public String details() {
        return "cpu: the reference engine, plain Java loops; large GEMMs run on up to "
                + (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1) + " threads";
    }

    @Override
    public boolean isGpu() { return false; }

    // ---- memory ---------------------------------------------------------------------------------

    @Override
    public Tensor allocate(int rows, int cols) { return new CpuTensor(rows, cols); }

    @Override
    public void upload(float[] src, Tensor dst) {
        CpuTensor d = cpu(dst);
        if (src.length < d.size()) throw new IllegalArgumentException("upload: " + src.length + " values for a " + d.shape() + " tensor");
        System.arraycopy(src, 0, d.data, d.offset, d.size());
    }

    @Override
    public void download(Tensor src, float[] dst) {
        CpuTensor s = cpu(src);
        if (dst.length < s.size()) throw new IllegalArgumentException("download: array of " + dst.length + " for a " + s.shape() + " tensor");
        System.arraycopy(s.data, s.offset, dst, 0, s.size());
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        CpuTensor s = cpu(src), d = cpu(dst);
        sameShape("copy", s, d);
        System.arraycopy(s.data, s.offset, d.data, d.offset, s.size());
    }

    @Override
    public void fill(Tensor dst, float value) {
        CpuTensor d = cpu(dst);
        java.util.Arrays.fill(d.data, d.offset, d.offset + d.size(), value);
    }

    // ---- layers ---------------------------------------------------------------------------------

    // a (m x k) op b (k x n) -> c (m x n); element (i, j) of c is accumulated over p = 0..k-1 in that order,
    // acc += a_ip * b_pj in float, whatever the blocking, so the result does not depend on threads or blocks.
    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        CpuTensor A = cpu(a), B = cpu(b), C = cpu(c);
        GemmShape shape = GemmShape.of(transA, transB, A, B, C);
        int m = shape.m(), n = shape.n(), k = shape.k();
        float[] opA = rowMajor(A, transA);
        float[] opB = rowMajor(B, transB);
        IntStream blocks = IntStream.range(0, (m + GEMM_ROW_BLOCK - 1) / GEMM_ROW_BLOCK);
        if ((long) m * n * k >= PARALLEL_GEMM_WORK) blocks = blocks.parallel();
        blocks.forEach(block -> {
            int first = block * GEMM_ROW_BLOCK, rows = Math.min(GEMM_ROW_BLOCK, m - first);
            float[] acc = new float[rows * n];
            for (int p = 0; p < k; p++) {
                int bRow = p * n;
                for (int r = 0; r < rows; r++) {
                    float aip = opA[(first + r) * k + p];
                    int accRow = r * n;
                    for (int j = 0; j < n; j++) acc[accRow + j] += aip * opB[bRow + j];
                }
            }
            for (int r = 0; r < rows; r++) {
                int cRow = C.offset + (first + r) * n;
                for (int j = 0; j < n; j++) {
                    // BLAS semantics: beta == 0 means c is not read (so garbage or NaN in c is ignored).
                    C.data[cRow + j] = beta == 0f ? alpha * acc[r * n + j] : alpha * acc[r * n + j] + beta * C.data[cRow + j];
                }
            }
        });
    }

    /** op(x) as a fresh row-major array (a transposed copy when {@code transpose}). */
    private static float[] rowMajor(CpuTensor x, boolean transpose) {
        int r = x.rows(), c = x.cols();
        float[] out = new float[r * c];
        if (!transpose) {
            System.arraycopy(x.data, x.offset, out, 0, r * c);
        } else {
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) out[j * r + i] = x.data[x.offset + i * c + j];
        }
        return out;
    }

    // x (m x n) += bias (1 x n)
    @Override
    public void addBias(Tensor x, Tensor bias) {
        CpuTensor X = cpu(x), B = cpu(bias);
        if (B.size() != X.cols()) throw new IllegalArgumentException("addBias: bias " + B.shape() + " for x " + X.shape());
        int n = X.cols();
        for (int i = 0; i < X.rows(); i++) for (int j = 0; j < n; j++) X.data[X.offset + i * n + j] += B.get(j);
    }

    // dy (m x n) -> out (1 x n), each column summed in double from row 0 to m-1
    @Override
    public void sumRows(Tensor dy, Tensor out) {
        CpuTensor D = cpu(dy), O = cpu(out);
        if (O.size() != D.cols()) throw new IllegalArgumentException("sumRows: out " + O.shape() + " for dy " + D.shape());
        int n = D.cols();
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < D.rows(); i++) s += D.data[D.offset + i * n + j];
            O.set(j, (float) s);
        }
    }

    @Override
    public void activate(Activation f, Tensor x, Tensor y) {
        CpuTensor X = cpu(x), Y = cpu(y);
        sameShape("activate", X, Y);
        for (int i = 0; i < X.size(); i++) Y.set(i, apply(f, X.get(i)));
    }

    static float apply(Activation f, float v) {
        return switch (f.kind()) {
            case IDENTITY -> v;
            case RELU -> v > 0 ? v : 0f;
            case LEAKY_RELU -> v > 0 ? v : f.slope() * v;
            case TANH -> (float) Math.tanh(v);
            case SIGMOID -> (float) CpuLosses.sigmoid(v);
        };
    }

    @Override
    public void activateBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        CpuTensor X = cpu(x), Y = cpu(y), DY = cpu(dy), DX = cpu(dx);
        sameShape("activateBackward", X, Y);
        sameShape("activateBackward", X, DY);
        sameShape("activateBackward", X, DX);
        for (int i = 0; i < X.size(); i++) {
            float g = DY.get(i);
            float yi = Y.get(i);
            float d = switch (f.kind()) {
                case IDENTITY -> g;
                case RELU -> X.get(i) > 0 ? g : 0f;
                case LEAKY_RELU -> X.get(i) > 0 ? g : f.slope() * g;
                case TANH -> g * (1f - yi * yi);
                case SIGMOID -> g * (yi * (1f - yi));
            };
            DX.set(i, d);
        }
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        CpuTensor X = cpu(x), Y = cpu(y);
        sameShape("axpy", X, Y);
        for (int i = 0; i < X.size(); i++) Y.set(i, Y.get(i) + alpha * X.get(i));
    }

    @Override
    public double sumOfSquares(Tensor x) {
        CpuTensor X = cpu(x);
        double s = 0;
        for (int i = 0; i < X.size(); i++) s += (double) X.get(i) * X.get(i);
        return s;
    }

    // ---- losses ---------------------------------------------------------------------------------

    // input (N), target (N or scalar), weight (N or none) -> loss (1 or N), grad (N)
    @Override
    public LossResult loss(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss) {
        Losses.check(fn, input, target, options, grad, elementLoss);
        CpuTensor X = cpu(input);
        CpuTensor T = target.tensorOrNull() == null ? null : cpu(target.tensorOrNull());
        float scalarTarget = target.scalarOrZero();
        CpuTensor W = options.weight() == null ? null : cpu(options.weight());
        CpuTensor G = grad == null ? null : cpu(grad);
        CpuTensor L = options.reduction() == Reduction.NONE ? cpu(elementLoss) : null;
        int n = X.size();
        double factor = options.factor(n);
        double[] g = new double[1];
        double sum = 0;
        long nans = 0;
        for (int i = 0; i < n; i++) {
            float x = X.get(i);
            if (Float.isNaN(x)) nans++;
            float y = options.smoothing().apply(T == null ? scalarTarget : T.get(i));
            double w = W == null ? 1.0 : W.get(i);
            double l = CpuLosses.times(w, CpuLosses.elementLoss(fn, x, y, options.posWeight(), g));
            sum += l;
            if (L != null) L.set(i, (float) (options.scale() * l));
            if (G != null) G.set(i, (float) (factor * CpuLosses.times(w, g[0])));
        }
        return new LossResult((float) (factor * sum), nans);
    }

    @Override
    public void lossInto(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss, Tensor result) {
        Losses.checkResult(fn, result);
        CpuTensor R = cpu(result);
        LossResult r = loss(fn, input, target, options, grad, elementLoss);
        R.set(0, r.value());
        R.set(1, (float) r.nanInputs());
    }

    // ---- optimizer ------------------------------------------------------------------------------

    // param, grad, m, v (N): float32 arithmetic in the order written in AdamConfig
    @Override
    public void adamStep(AdamConfig cfg, long step, Tensor param, Tensor grad, Tensor m, Tensor v) {
        CpuTensor P = cpu(param), G = cpu(grad), M = cpu(m), V = cpu(v);
        sameShape("adam", P, G);
        sameShape("adam", P, M);
        sameShape("adam", P, V);
        if (step < 1) throw new IllegalArgumentException("adam: step is 1-based, got " + step);
        float b1 = cfg.beta1(), b2 = cfg.beta2(), lr = cfg.learningRate(), eps = cfg.epsilon();
        float bc1 = cfg.biasCorrection1(step), bc2 = cfg.biasCorrection2(step);
        for (int i = 0; i < P.size(); i++) {
            float gi = G.get(i);
            float mi = b1 * M.get(i) + (1f - b1) * gi;
            float vi = b2 * V.get(i) + (1f - b2) * gi * gi;
            M.set(i, mi);
            V.set(i, vi);
            float mHat = mi / bc1;
            float vHat = vi / bc2;
            P.set(i, P.get(i) - lr * mHat / ((float) Math.sqrt(vHat) + eps));
        }
    }

    // ---- random numbers -------------------------------------------------------------------------

    @Override
    public void fillNormal(Tensor dst, long seed, long stream, float mean, float std) {
        CpuTensor D = cpu(dst);
        Philox.fillNormal(D.data, D.offset, D.size(), seed, stream, mean, std);
    }

    @Override
    public void fillUniform(Tensor dst, long seed, long stream, float low, float high) {
        CpuTensor D = cpu(dst);
        Philox.fillUniform(D.data, D.offset, D.size(), seed, stream, low, high);
    }

    // ---- timing and bookkeeping -------------------------------------------------------------------

    @Override
    public void synchronize() {}

    @Override
    public Stopwatch stopwatch() {
        return new Stopwatch() {
            private long started;

            @Override
            public void start() { started = System.nanoTime(); }

            @Override
            public float stopMillis() { return (System.nanoTime() - started) / 1e6f; }

            @Override
            public void close() {}
        };
    }

    @Override
    public long launches() { return 0; }

    @Override
    public void close() {}

    private static CpuTensor cpu(Tensor t) {
        if (t instanceof CpuTensor c) return c;
        throw new IllegalArgumentException("the CPU backend was given a tensor it does not own: " + t);
    }

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes differ, " + a.shape() + " vs " + b.shape());
        }
    }
}
