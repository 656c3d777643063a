package dev.fusedgan.train;

/** Told after every step (progress bars, tests); must not touch the backend. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = d -> {};

    void stepDone(StepDiagnostics diagnostics);
}
