package dev.fusedgan.cpu;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.ActivationReference;
import dev.fusedgan.testing.FiniteDifference;
import dev.fusedgan.testing.GemmReference;
import dev.fusedgan.testing.GemmReference.Matrix;
import dev.fusedgan.testing.TestData;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Every backward formula against central differences of the forward computation. Where the forward is
 * linear in the perturbed value (GEMM, bias) a central difference has no truncation error, so a large step
 * makes the float32 rounding of the forward negligible; for curved functions the step balances truncation
 * (h^2 |f'''| / 6) against rounding (error of f / h), and the tolerance is that sum, computed per element.
 */
class CpuFiniteDifferenceTest {
    private static final double U = Tolerance.FLOAT_ROUNDOFF;
    private final Backend cpu = new CpuBackend();

    @AfterEach
    void close() { cpu.close(); }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true), Arguments.of(true, false), Arguments.of(true, true));
    }

    /**
     * For C = op(A) op(B) and L = sum(G . C), the layer backward is dA = G op(B)^T (stored transposed when
     * transA: op(B) G^T) and dB = op(A)^T G (when transB: G^T op(A)), each one gemm call.
     */
    @ParameterizedTest(name = "transA={0} transB={1}")
    @MethodSource("transposes")
    void gemmBackwardFormulasMatchCentralDifferences(boolean transA, boolean transB) {
        SplittableRandom rng = new SplittableRandom(0x6E33 + (transA ? 2 : 0) + (transB ? 1 : 0));
        int m = 4, k = 5, n = 3;
        Matrix a = transA ? random(rng, k, m) : random(rng, m, k);
        Matrix b = transB ? random(rng, n, k) : random(rng, k, n);
        Matrix g = random(rng, m, n);
        float[] dA, dB;
        try (Tensor ta = upload(a); Tensor tb = upload(b); Tensor tg = upload(g);
             Tensor tdA = cpu.allocate(a.rows(), a.cols()); Tensor tdB = cpu.allocate(b.rows(), b.cols())) {
            if (transA) cpu.gemm(transB, true, 1f, tb, tg, 0f, tdA);
            else cpu.gemm(false, !transB, 1f, tg, tb, 0f, tdA);
            if (transB) cpu.gemm(true, transA, 1f, tg, ta, 0f, tdB);
            else cpu.gemm(!transA, false, 1f, ta, tg, 0f, tdB);
            dA = cpu.download(tdA);
            dB = cpu.download(tdB);
        }
        // L is linear in each entry, so any step is exact up to rounding; h = 0.5 keeps rounding/h small.
        // Rounding: each C entry errs by (k+3) u |op(A)||op(B)| (GemmReference.magnitude), L by the G-weighted
        // sum of that, twice (two evaluations), over the step; the gradient gemm itself adds (inner+3) u of its own magnitude.
        double h = 0.5;
        for (int i = 0; i < a.data().length; i++) {
            final int at = i;
            double fd = FiniteDifference.central(v -> objective(withElement(a, at, (float) v), b, g, transA, transB), a.data()[i], h);
            double tol = 2 * lossRoundingBound(a, b, g, transA, transB, at, h, true) / h + (n + 3) * U * gradMagnitudeA(a, b, g, transA, transB, at);
            Tolerance.assertClose(fd, dA[i], tol, () -> "dA[" + at + "]");
        }
        for (int i = 0; i < b.data().length; i++) {
            final int at = i;
            double fd = FiniteDifference.central(v -> objective(a, withElement(b, at, (float) v), g, transA, transB), b.data()[i], h);
            double tol = 2 * lossRoundingBound(a, b, g, transA, transB, at, h, false) / h + (m + 3) * U * gradMagnitudeB(a, b, g, transA, transB, at);
            Tolerance.assertClose(fd, dB[i], tol, () -> "dB[" + at + "]");
        }
    }

    @Test
    void biasGradientIsTheColumnSumAndMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(0xB1A5);
        int m = 7, n = 5;
        float[] x = TestData.uniform(rng, m * n, -2, 2);
        float[] bias = TestData.uniform(rng, n, -1, 1);
        float[] g = TestData.uniform(rng, m * n, -1, 1);
        float[] db;
        try (Tensor tg = cpu.upload(g, m, n); Tensor out = cpu.allocate(1, n)) {
            cpu.sumRows(tg, out);
            db = cpu.download(out);
        }
        double h = 0.5; // linear in the bias: no truncation error
        for (int j = 0; j < n; j++) {
            final int col = j;
            double fd = FiniteDifference.central(v -> {
                float[] b2 = bias.clone();
                b2[col] = (float) v;
                try (Tensor tx = cpu.upload(x, m, n); Tensor tb = cpu.upload(b2, 1, n)) {
                    cpu.addBias(tx, tb);
                    return dot(g, cpu.download(tx));
                }
            }, bias[j], h);
            // Each x + b is rounded once (u |x + b| <= u (2 + 1.5)); L sums m of them weighted by |g| <= 1, twice, over h.
            double tol = 2 * m * U * 3.5 / h + m * U;
            Tolerance.assertClose(fd, db[j], tol, () -> "d bias[" + col + "]");
        }
    }

    static Stream<Activation> activations() {
        return Stream.of(Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.2f), Activation.TANH, Activation.SIGMOID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationBackwardMatchesCentralDifferences(Activation f) {
        SplittableRandom rng = new SplittableRandom(0xAC7 + f.kind().ordinal());
        int rows = 8, cols = 16, n = rows * cols;
        // h = 2^-7: truncation h^2 |f'''| / 6 <= 1e-5 for tanh; rounding u |f| twice over 2h ~ 8e-6. Inputs stay
        // 2h away from the kink of relu and leaky relu at 0 so no difference straddles it.
        double h = 0x1p-7;
        float[] x = TestData.awayFrom(rng, n, -4, 4, 2 * h, 0.0);
        float[] g = TestData.uniform(rng, n, -1, 1);
        float[] plus = new float[n], minus = new float[n];
        for (int i = 0; i < n; i++) {
            plus[i] = (float) (x[i] + h);
            minus[i] = (float) (x[i] - h);
        }
        float[] fPlus = activate(f, plus, rows, cols), fMinus = activate(f, minus, rows, cols);
        float[] dx;
        try (Tensor tx = cpu.upload(x, rows, cols); Tensor ty = cpu.allocate(rows, cols);
             Tensor tg = cpu.upload(g, rows, cols); Tensor tdx = cpu.allocate(rows, cols)) {
            cpu.activate(f, tx, ty);
            cpu.activateBackward(f, tx, ty, tg, tdx);
            dx = cpu.download(tdx);
        }
        for (int i = 0; i < n; i++) {
            final int at = i;
            double step = (double) plus[i] - minus[i];
            double fd = g[i] * ((double) fPlus[i] - fMinus[i]) / step;
            double tol = Math.abs(g[i]) * (h * h * ActivationReference.thirdDerivativeBound(f) / 6
                    + U * (Math.abs(fPlus[i]) + Math.abs(fMinus[i])) / step + 8 * U);
            Tolerance.assertClose(fd, dx[i], tol, () -> f + " at x=" + x[at]);
        }
    }

    /** Bound on |l'''| of each loss, for truncation: the cross-entropies' l'' is c sigmoid'(x), and |sigmoid''| <= 0.0963. */
    private static double thirdDerivativeBound(LossFunction fn, double c) {
        return fn.isCrossEntropy() ? 0.0963 * c : 0;
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(LossFunction.BCE_WITH_LOGITS, 1f),
                Arguments.of(LossFunction.BCE_WITH_LOGITS, 3f),
                Arguments.of(LossFunction.BCE_UNFUSED, 1f),
                Arguments.of(LossFunction.BCE_UNFUSED, 3f),
                Arguments.of(LossFunction.SQUARED_ERROR, 1f),
                Arguments.of(LossFunction.ABSOLUTE_ERROR, 1f),
                Arguments.of(LossFunction.HINGE, 1f),
                Arguments.of(LossFunction.LINEAR, 1f));
    }

    /**
     * Per element (reduction NONE, so each element's loss is its own function), with weights, pos_weight,
     * label smoothing and scale -0.5. The stable BCE is checked out to |x| = 300; the unfused chain only on
     * |x| <= 4, where it is still accurate.
     */
    @ParameterizedTest(name = "{0} pos_weight={1}")
    @MethodSource("losses")
    void lossGradientMatchesCentralDifferencesPerElement(LossFunction fn, float posWeight) {
        SplittableRandom rng = new SplittableRandom(0x1055 + fn.ordinal() * 10L + (long) posWeight);
        int rows = 10, cols = 20, n = rows * cols;
        float[] x = switch (fn) {
            case BCE_WITH_LOGITS -> TestData.logUniformLogits(rng, n, 1e-3, 300);
            case BCE_UNFUSED -> TestData.uniform(rng, n, -4, 4);
            case HINGE -> TestData.awayFrom(rng, n, -3, 3, 0.1, -1, 1);
            default -> TestData.uniform(rng, n, -3, 3);
        };
        float[] y = switch (fn) {
            case HINGE -> TestData.hardTargets(rng, n);
            default -> TestData.uniform(rng, n, 0, 1);
        };
        if (fn == LossFunction.HINGE) for (int i = 0; i < n; i++) y[i] = 2 * y[i] - 1;
        if (fn == LossFunction.ABSOLUTE_ERROR) for (int i = 0; i < n; i++) if (Math.abs(x[i] - y[i]) < 0.1) x[i] += 0.5f;
        float[] w = TestData.uniform(rng, n, 0.25, 2);
        LabelSmoothing smoothing = fn.isCrossEntropy() ? LabelSmoothing.oneSided(0.1f) : LabelSmoothing.NONE;
        float scale = -0.5f;
        // h = 2^-6 max(1, |x|): relative steps keep rounding of large losses (~|x|) small relative to the step;
        // the unfused chain's noisier loss gets 2^-4. Truncation for the BCE at h = 2^-6: ~6e-6 c.
        double baseStep = fn == LossFunction.BCE_UNFUSED ? 0x1p-4 : 0x1p-6;
        float[] plus = new float[n], minus = new float[n];
        for (int i = 0; i < n; i++) {
            double h = baseStep * Math.max(1, Math.abs(x[i]));
            plus[i] = (float) (x[i] + h);
            minus[i] = (float) (x[i] - h);
        }
        float[] lPlus = elementLosses(fn, plus, y, w, posWeight, smoothing, scale, rows, cols, null);
        float[] lMinus = elementLosses(fn, minus, y, w, posWeight, smoothing, scale, rows, cols, null);
        float[] grad = new float[n];
        elementLosses(fn, x, y, w, posWeight, smoothing, scale, rows, cols, grad);
        for (int i = 0; i < n; i++) {
            final int at = i;
            double step = (double) plus[i] - minus[i];
            double fd = ((double) lPlus[i] - lMinus[i]) / step;
            float ys = smoothing.apply(y[i]);
            double c = fn.isCrossEntropy() ? posWeight * ys + 1 - ys : 1;
            double sw = Math.abs(scale * w[i]);
            double truncation = sw * Math.pow(step / 2, 2) * thirdDerivativeBound(fn, c) / 6;
            double rounding = fn == LossFunction.BCE_UNFUSED
                    // the chain's loss error bound from CpuLossUnfusedTest (per evaluation), and its gradient's 8u(c + p y)
                    ? 2 * sw * (4 * U * (posWeight * ys * (1 + Math.exp(-x[i])) + (1 - ys) * (1 + Math.exp(x[i]))) + 8 * U * 5) / step
                            + sw * 8 * U * (c + posWeight * ys)
                    // each evaluation is rounded once to float (one ulp, generously)
                    : (Math.ulp(lPlus[i]) + Math.ulp(lMinus[i])) / step + Tolerance.floatUlps(grad[i], 2);
            Tolerance.assertClose(fd, grad[i], truncation + rounding, () -> fn + " at x=" + x[at] + " y=" + y[at]);
        }
    }

    /** The gradient is the derivative of the reduced value itself (same reduction factor and scale on both; the factor's absolute value is CpuLossFusedTest's job). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Reduction.class, names = {"MEAN", "SUM"})
    void gradientIsTheDerivativeOfTheReducedValue(Reduction reduction) {
        SplittableRandom rng = new SplittableRandom(0x2ED0 + reduction.ordinal());
        int rows = 2, cols = 3, n = rows * cols;
        float[] x = TestData.uniform(rng, n, -3, 3);
        float[] y = TestData.uniform(rng, n, 0, 1);
        float[] w = TestData.uniform(rng, n, 0.25, 2);
        float scale = -0.5f;
        LossOptions base = LossOptions.MEAN.withReduction(reduction).withScale(scale).withPosWeight(2f);
        float[] grad;
        try (Tensor tx = cpu.upload(x, rows, cols); Tensor ty = cpu.upload(y, rows, cols); Tensor tw = cpu.upload(w, rows, cols);
             Tensor tg = cpu.allocate(rows, cols)) {
            cpu.loss(LossFunction.BCE_WITH_LOGITS, tx, Target.of(ty), base.withWeight(tw), tg, null);
            grad = cpu.download(tg);
        }
        double h = 0x1p-6;
        for (int i = 0; i < n; i++) {
            final int at = i;
            double fd = FiniteDifference.central(v -> {
                float[] x2 = x.clone();
                x2[at] = (float) v;
                try (Tensor tx = cpu.upload(x2, rows, cols); Tensor ty = cpu.upload(y, rows, cols); Tensor tw = cpu.upload(w, rows, cols)) {
                    return cpu.loss(LossFunction.BCE_WITH_LOGITS, tx, Target.of(ty), base.withWeight(tw), null, null).value();
                }
            }, x[i], h);
            // value <= n * 2 * 2 * 4 in magnitude, rounded once per evaluation; truncation h^2 * 0.0963 c / 6 * |scale w|.
            double tol = 2 * Math.ulp(32f * n) / (2 * h) + 0.5 * w[i] * h * h * 0.0963 * 3 / 6 + Tolerance.floatUlps(grad[i], 2);
            Tolerance.assertClose(fd, grad[i], tol, () -> reduction + " at element " + at);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private float[] elementLosses(LossFunction fn, float[] x, float[] y, float[] w, float posWeight, LabelSmoothing smoothing,
                                  float scale, int rows, int cols, float[] gradOut) {
        try (Tensor tx = cpu.upload(x, rows, cols); Tensor ty = cpu.upload(y, rows, cols); Tensor tw = cpu.upload(w, rows, cols);
             Tensor tl = cpu.allocate(rows, cols); Tensor tg = cpu.allocate(rows, cols)) {
            LossOptions options = new LossOptions(tw, posWeight, smoothing, Reduction.NONE, scale);
            cpu.loss(fn, tx, Target.of(ty), options, tg, tl);
            if (gradOut != null) cpu.download(tg, gradOut);
            return cpu.download(tl);
        }
    }

    private float[] activate(Activation f, float[] x, int rows, int cols) {
        try (Tensor tx = cpu.upload(x, rows, cols)) {
            cpu.activate(f, tx, tx);
            return cpu.download(tx);
        }
    }

    private double objective(Matrix a, Matrix b, Matrix g, boolean transA, boolean transB) {
        int m = transA ? a.cols() : a.rows(), n = transB ? b.rows() : b.cols();
        try (Tensor ta = upload(a); Tensor tb = upload(b); Tensor tc = cpu.allocate(m, n)) {
            cpu.gemm(transA, transB, 1f, ta, tb, 0f, tc);
            return dot(g.data(), cpu.download(tc));
        }
    }

    /** Bound on the rounding error of one evaluation of L = sum(G . C), over both perturbed evaluations' magnitudes. */
    private static double lossRoundingBound(Matrix a, Matrix b, Matrix g, boolean transA, boolean transB, int at, double h, boolean perturbA) {
        Matrix a2 = perturbA ? withElement(a, at, (float) (a.data()[at] + Math.signum(a.data()[at]) * h)) : a;
        Matrix b2 = perturbA ? b : withElement(b, at, (float) (b.data()[at] + Math.signum(b.data()[at]) * h));
        double[] mag = GemmReference.magnitude(transA, transB, 1, a2, b2, 0, null);
        int k = transA ? a.rows() : a.cols();
        double s = 0;
        for (int i = 0; i < mag.length; i++) s += Math.abs(g.data()[i]) * (k + 3) * U * mag[i];
        return s;
    }

    private static double gradMagnitudeA(Matrix a, Matrix b, Matrix g, boolean transA, boolean transB, int at) {
        double[] mag = transA ? GemmReference.magnitude(transB, true, 1, b, g, 0, null) : GemmReference.magnitude(false, !transB, 1, g, b, 0, null);
        return mag[at];
    }

    private static double gradMagnitudeB(Matrix a, Matrix b, Matrix g, boolean transA, boolean transB, int at) {
        double[] mag = transB ? GemmReference.magnitude(true, transA, 1, g, a, 0, null) : GemmReference.magnitude(!transA, false, 1, a, g, 0, null);
        return mag[at];
    }

    private Tensor upload(Matrix x) { return cpu.upload(x.data(), x.rows(), x.cols()); }

    private static Matrix random(SplittableRandom rng, int rows, int cols) {
        return new Matrix(TestData.uniform(rng, rows * cols, -1, 1), rows, cols);
    }

    private static Matrix withElement(Matrix x, int at, float value) {
        float[] d = x.data().clone();
        d[at] = value;
        return new Matrix(d, x.rows(), x.cols());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
