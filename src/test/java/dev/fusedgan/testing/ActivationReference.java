package dev.fusedgan.testing;

import dev.fusedgan.backend.Activation;

/** Float64 definitions of the activations and their derivatives, from {@link Activation}'s documentation. */
public final class ActivationReference {
    private ActivationReference() {}

    public static double apply(Activation f, double x) {
        return switch (f.kind()) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : 0;
            case LEAKY_RELU -> x > 0 ? x : f.slope() * x;
            case TANH -> StrictMath.tanh(x);
            case SIGMOID -> LossReference.sigmoid(x);
        };
    }

    /** Bound on |f'''| (for the truncation error of a central difference): tanh''' peaks at 2, sigmoid''' at 1/8. */
    public static double thirdDerivativeBound(Activation f) {
        return switch (f.kind()) {
            case IDENTITY, RELU, LEAKY_RELU -> 0;
            case TANH -> 2;
            case SIGMOID -> 0.125;
        };
    }
}
