package dev.fusedgan.report;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.gan.Objectives;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Each {@link GeneratorObjective}'s loss and dLoss/dl over the discriminator's logit l for one fake
 * sample, computed by {@link Objectives#generator} on a backend: the very call training makes, so the
 * curves show what training uses. Each point is a batch of one (a 1x1 logit tensor), where the batch
 * mean is the sample itself and the gradient carries no 1/m factor to undo.
 */
public final class GeneratorObjectiveCurves {
    private GeneratorObjectiveCurves() {}

    /** One curve per objective over D's logit ({@link GeneratorObjective#onLogits}), in enum order, over {@code points} logits evenly spaced in [from, to]. */
    public static List<LossCurve> compute(Backend be, double from, double to, int points) {
        float[] logits = Grid.linspace(from, to, points);
        List<LossCurve> curves = new ArrayList<>();
        try (Tensor logit = be.allocate(1, 1); Tensor grad = be.allocate(1, 1)) {
            float[] one = new float[1];
            for (GeneratorObjective o : GeneratorObjective.values()) {
                if (!o.onLogits()) continue;
                double[] loss = new double[points], gradient = new double[points];
                for (int i = 0; i < points; i++) {
                    one[0] = logits[i];
                    be.upload(one, logit);
                    LossResult r = Objectives.generator(be, o, logit, grad);
                    be.download(grad, one);
                    loss[i] = r.value();
                    gradient[i] = one[0];
                }
                curves.add(new LossCurve(o.name(), Grid.toDouble(logits), loss, gradient));
            }
        }
        return curves;
    }
}
