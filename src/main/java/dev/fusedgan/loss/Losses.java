package dev.fusedgan.loss;

import dev.fusedgan.tensor.Tensor;

/** Argument checks shared by every backend's loss entry point, so both refuse the same calls with the same words. */
public final class Losses {
    private Losses() {}

    /**
     * Checks shapes and option combinations. An empty input is an error (not a silent 0): a loss over
     * nothing is almost always a bug in the caller's batching.
     */
    public static void check(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss) {
        if (fn == null || input == null || target == null || options == null) {
            throw new IllegalArgumentException("loss: function, input, target and options are required");
        }
        if (input.size() == 0) {
            throw new IllegalArgumentException("loss " + fn + ": empty input (" + input.shape() + ")");
        }
        if (target instanceof Target.PerElement(Tensor t)) sameShape("target", t, input, fn);
        if (options.weight() != null) sameShape("weight", options.weight(), input, fn);
        if (grad != null) sameShape("gradient", grad, input, fn);
        if (options.reduction() == Reduction.NONE) {
            if (elementLoss == null) throw new IllegalArgumentException("loss " + fn + ": reduction NONE needs a per-element loss tensor");
            sameShape("per-element loss", elementLoss, input, fn);
        }
        if (!fn.isCrossEntropy() && options.posWeight() != 1f) {
            throw new IllegalArgumentException("loss " + fn + ": pos_weight applies only to the cross-entropy losses");
        }
    }

    /** Checks the 1 x 2 tensor that {@code Backend.lossInto} writes [value, nanInputs] into. */
    public static void checkResult(LossFunction fn, Tensor result) {
        if (result == null || result.rows() != 1 || result.cols() != 2) {
            throw new IllegalArgumentException("loss " + fn + ": the result tensor must be 1x2, got "
                    + (result == null ? "none" : result.shape()));
        }
    }

    private static void sameShape(String what, Tensor t, Tensor input, LossFunction fn) {
        if (t.rows() != input.rows() || t.cols() != input.cols()) {
            throw new IllegalArgumentException("loss " + fn + ": " + what + " is " + t.shape() + " but the input is " + input.shape());
        }
    }
}
