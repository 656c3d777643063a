package dev.fusedgan.bench;

import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.ForwardingBackend;

/**
 * A deliberately wrong backend for the harness's own tests: the CPU reference, except that every loss
 * call adds {@code gradError} to one gradient element (counted from the end when negative) and
 * {@code valueError} to the returned loss (both entry points). It counts loss and lossInto calls apart, so
 * a test can see what was validated and what was timed.
 */
final class CorruptingBackend extends ForwardingBackend {
    private final int gradIndex;
    private final float gradError;
    private final float valueError;
    int lossCalls;
    int lossIntoCalls;

    CorruptingBackend(int gradIndex, float gradError, float valueError) {
        this.gradIndex = gradIndex;
        this.gradError = gradError;
        this.valueError = valueError;
    }

    @Override
    public LossResult loss(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss) {
        lossCalls++;
        return corrupted(fn, input, target, options, grad, elementLoss);
    }

    @Override
    public void lossInto(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss, Tensor result) {
        lossIntoCalls++;
        LossResult r = corrupted(fn, input, target, options, grad, elementLoss);
        cpu.upload(new float[] {r.value(), r.nanInputs()}, result);
    }

    private LossResult corrupted(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss) {
        LossResult r = cpu.loss(fn, input, target, options, grad, elementLoss);
        if (grad != null && gradError != 0f) {
            int i = gradIndex >= 0 ? gradIndex : grad.size() + gradIndex;
            float[] g = cpu.download(grad);
            g[i] += gradError;
            cpu.upload(g, grad);
        }
        return new LossResult(r.value() + valueError, r.nanInputs());
    }

    @Override public String name() { return "corrupting-cpu"; }
}
