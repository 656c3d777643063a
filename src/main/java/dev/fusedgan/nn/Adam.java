package dev.fusedgan.nn;

import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;

import java.util.List;

/** Adam over a fixed list of parameters, each updated in place by {@link Backend#adamStep}. */
public final class Adam {
    private final Backend be;
    private AdamConfig config;
    private final List<Parameter> parameters;
    private long step;

    public Adam(Backend be, AdamConfig config, List<Parameter> parameters) {
        this.be = be;
        this.config = config;
        this.parameters = List.copyOf(parameters);
    }

    /** Applies one update from the gradients now in the parameters. */
    public void step() {
        step++;
        for (Parameter p : parameters) be.adamStep(config, step, p.value(), p.grad(), p.adamM(), p.adamV());
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
