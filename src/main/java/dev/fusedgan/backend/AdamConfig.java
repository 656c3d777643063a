package dev.fusedgan.backend;

/**
 * Adam hyper-parameters (Kingma &amp; Ba 2015, with bias correction). For step t (1-based):
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 */
public record AdamConfig(float learningRate, float beta1, float beta2, float epsilon) {
    public AdamConfig {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) throw new IllegalArgumentException("Adam learning rate must be > 0, got " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam beta2 must be in [0, 1), got " + beta2);
        if (!(epsilon > 0)) throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon);
    }

    /** 1 - beta1^t, computed in double on the host and handed to the kernels as a float. */
    public float biasCorrection1(long step) { return (float) (1 - Math.pow(beta1, step)); }

    /** 1 - beta2^t. */
    public float biasCorrection2(long step) { return (float) (1 - Math.pow(beta2, step)); }
}
