package dev.fusedgan.report;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;

import java.util.List;

/**
 * The foil to the adversarial objectives: pixel-wise squared and absolute error between a generated pixel
 * G(z) = x + e and a data pixel x, over the error e, computed by {@link Backend#loss} with reduction NONE
 * (per-element loss and gradient, nothing to undo). Every grid point uses a different data pixel x, drawn
 * uniformly from [-1, 1] with Philox: the curves still come out as clean functions of e alone, which is
 * the point: nothing in them depends on x, and nothing depends on a discriminator.
 */
public final class PixelLossCurves {
    private PixelLossCurves() {}

    public static final String SQUARED = "MSE (G(z) - x)^2";
    public static final String ABSOLUTE = "MAE |G(z) - x|";

    /** Squared then absolute error, over {@code points} errors evenly spaced in [from, to]. */
    public static List<LossCurve> compute(Backend be, double from, double to, int points, long seed) {
        float[] errors = Grid.linspace(from, to, points);
        try (Tensor data = be.allocate(1, points);
             Tensor generated = be.allocate(1, points);
             Tensor grad = be.allocate(1, points);
             Tensor elementLoss = be.allocate(1, points)) {
            be.fillUniform(data, seed, 0, -1f, 1f);
            float[] x = be.download(data);
            float[] g = new float[points];
            for (int i = 0; i < points; i++) g[i] = x[i] + errors[i];
            be.upload(g, generated);
            return List.of(curve(be, SQUARED, LossFunction.SQUARED_ERROR, errors, generated, data, grad, elementLoss),
                    curve(be, ABSOLUTE, LossFunction.ABSOLUTE_ERROR, errors, generated, data, grad, elementLoss));
        }
    }

    private static LossCurve curve(Backend be, String name, LossFunction fn, float[] errors, Tensor generated,
                                   Tensor data, Tensor grad, Tensor elementLoss) {
        be.loss(fn, generated, Target.of(data), LossOptions.MEAN.withReduction(Reduction.NONE), grad, elementLoss);
        return new LossCurve(name, Grid.toDouble(errors), Grid.toDouble(be.download(elementLoss)),
                Grid.toDouble(be.download(grad)));
    }
}
