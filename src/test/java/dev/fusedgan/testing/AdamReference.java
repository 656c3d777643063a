package dev.fusedgan.testing;

import dev.fusedgan.backend.AdamConfig;

/**
 * Adam in float64, exactly the formula documented on {@link AdamConfig}, with bias corrections in double.
 * It also tracks the error budget of a float32 implementation step by step (see {@link #parameterTolerance}).
 */
public final class AdamReference {
    private static final double U = Tolerance.FLOAT_ROUNDOFF;

    private final AdamConfig config;
    private final double[] param, m, v, mMagnitude, paramTolerance;
    private long step;

    public AdamReference(AdamConfig config, float[] initialParam) {
        this.config = config;
        int n = initialParam.length;
        param = new double[n];
        for (int i = 0; i < n; i++) param[i] = initialParam[i];
        m = new double[n];
        v = new double[n];
        mMagnitude = new double[n];
        paramTolerance = new double[n];
    }

    public void step(float[] grad) {
        step++;
        double b1 = config.beta1(), b2 = config.beta2(), lr = config.learningRate(), eps = config.epsilon();
        double bc1 = 1 - Math.pow(b1, step), bc2 = 1 - Math.pow(b2, step);
        for (int i = 0; i < param.length; i++) {
            double g = grad[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            mMagnitude[i] = b1 * mMagnitude[i] + (1 - b1) * Math.abs(g);
            double denominator = Math.sqrt(v[i] / bc2) + eps;
            double update = lr * (m[i] / bc1) / denominator;
            param[i] -= update;
            // This step's float32 error: rounding the parameter (1/2 ulp), the update's own roundings (~8 u of
            // lr * |m|/bc1 / denominator, with |m| replaced by the cancellation-free mMagnitude because
            // b1 m + (1-b1) g may cancel), and the moments' accumulated relative error (4 u per step so far).
            double updateScale = lr * (mMagnitude[i] / bc1) / denominator;
            paramTolerance[i] += Math.ulp((float) param[i]) + (8 + 4 * step) * U * updateScale;
        }
    }

    public double param(int i) { return param[i]; }

    public double m(int i) { return m[i]; }

    public double v(int i) { return v[i]; }

    /** Accumulated bound on |float32 param - this param|, summed over the steps taken. */
    public double parameterTolerance(int i) { return paramTolerance[i]; }

    /** Bound on the float32 first moment's error: 4 u per step of its cancellation-free magnitude. */
    public double mTolerance(int i) { return 4 * step * U * mMagnitude[i]; }

    /** Bound on the float32 second moment's error: its terms are all positive, 4 u per step relative. */
    public double vTolerance(int i) { return 4 * step * U * v[i]; }
}
