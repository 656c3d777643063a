package dev.fusedgan.nn;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;

import dev.fusedgan.tensor.Tensor;

import java.util.List;

/** Adam over a fixed list of parameters, all updated in place by one {@link Backend#adamSteps} call per step. */
public final class Adam {
    private final Backend be;
    private AdamConfig config;
    private final List<Tensor> values, grads, ms, vs;
    private long step;

    public Adam(Backend be, AdamConfig config, List<Parameter> parameters) {
        this.be = be;
        this.config = config;
        values = parameters.stream().map(Parameter::value).toList();
        grads = parameters.stream().map(Parameter::grad).toList();
        ms = parameters.stream().map(Parameter::adamM).toList();
        vs = parameters.stream().map(Parameter::adamV).toList();
    }

    /** Applies one update from the gradients now in the parameters (one {@link Backend#adamSteps} call). */
    public void step() {
        step++;
        be.adamSteps(config, step, values, grads, ms, vs);
    }

    /** Sets the learning rate of the following updates (for schedules); the moments are kept. */
    public void setLearningRate(float learningRate) {
        config = new AdamConfig(learningRate, config.beta1(), config.beta2(), config.epsilon());
    }

    /** Updates taken so far. */
    public long steps() { return step; }

    /** Continues from a checkpoint: the next update is number {@code steps + 1} (bias correction follows it). */
    public void restoreSteps(long steps) {
        if (steps < 0) throw new IllegalArgumentException("Adam step count must be >= 0, got " + steps);
        step = steps;
    }
}
