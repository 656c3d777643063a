package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;

import java.util.Locale;

/**
 * Checks one variant at full size against the CPU reference computed on one data block: the mean loss
 * must match the block's (the data repeats, so the means are equal), and the gradient of the first and
 * the last block must match the block's reference gradient. Gradients are compared per element before the
 * mean's 1/n (device value times n, reference times the block size; both powers of two, so exact), so the
 * tolerance reads on values in [-1, 1] whatever n is.
 */
final class LossValidator {
    record Outcome(boolean ok, String message) {}

    private final Backend reference;
    private final Tolerance tolerance;

    LossValidator(Backend reference, Tolerance tolerance) {
        this.reference = reference;
        this.tolerance = tolerance;
    }

    Outcome validate(LossVariant variant, LossInputs inputs, int n, LossData data) {
        int block = data.blockSize();
        float refValue;
        float[] refGrad;
        try (Tensor x = reference.upload(data.logits(), block, 1);
             Tensor y = reference.upload(data.targets(), block, 1);
             Tensor g = reference.allocate(block, 1)) {
            refValue = reference.loss(variant.function(), x, target(variant, y), LossOptions.MEAN, g, null).value();
            refGrad = reference.download(g);
        }

        Backend be = variant.backend();
        LossResult result = be.loss(variant.function(), inputs.logits, target(variant, inputs.targets), LossOptions.MEAN, inputs.grad, null);
        if (!tolerance.within(result.value(), refValue)) {
            return new Outcome(false, String.format(Locale.ROOT, "loss %.7g vs reference %.7g (tolerance %s)",
                    result.value(), refValue, tolerance));
        }
        double worst = 0;
        for (int from : n == block ? new int[] {0} : new int[] {0, n - block}) {
            float[] got = new float[block];
            be.download(inputs.grad.rowSlice(from, from + block), got);
            for (int i = 0; i < block; i++) {
                double a = (double) got[i] * n;
                double ref = (double) refGrad[i] * block;
                if (!tolerance.within(a, ref)) {
                    return new Outcome(false, String.format(Locale.ROOT,
                            "gradient[%d] * n = %.7g vs reference %.7g (logit %g, target %g; tolerance %s)",
                            from + i, a, ref, data.logits()[i], data.targets()[i], tolerance));
                }
                worst = Math.max(worst, Math.abs(a - ref));
            }
        }
        return new Outcome(true, String.format(Locale.ROOT, "validated: loss err %.2g, max grad*n err %.2g",
                Math.abs((double) result.value() - refValue), worst));
    }

    static Target target(LossVariant v, Tensor targets) {
        return v.target() == LossVariant.TargetKind.TENSOR ? Target.of(targets) : Target.scalar(LossVariant.SCALAR_TARGET);
    }
}
