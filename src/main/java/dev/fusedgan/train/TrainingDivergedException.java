package dev.fusedgan.train;

/** A loss or gradient norm became NaN or infinite; the message names the step and the last diagnostics. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) { super(message); }
}
