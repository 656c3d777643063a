package dev.fusedgan.train;

/**
 * How a run checkpoints and stops: a checkpoint every {@code checkpointEvery} steps, at the normal end and
 * when {@code stop} asks; none of it changes what is computed.
 */
public record RunControl(int checkpointEvery, StopRequest stop) {
    public static final int CHECKPOINT_EVERY = 500;
    public static final RunControl DEFAULT = new RunControl(CHECKPOINT_EVERY, StopRequest.NEVER);

    public RunControl {
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1 step, got " + checkpointEvery);
        if (stop == null) throw new IllegalArgumentException("stop request is required");
    }
}
