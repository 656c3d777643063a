package dev.fusedgan.train;

/**
 * Asked after every step whether the run should stop early (the command line answers with the name of a
 * signal it caught). The run then writes a checkpoint and throws {@link TrainingInterruptedException}.
 */
@FunctionalInterface
public interface StopRequest {
    StopRequest NEVER = () -> null;

    /** Why to stop now (e.g. "INT"), or null to go on. */
    String pending();
}
