package dev.fusedgan.train;

import java.nio.file.Path;

/** The run stopped early on request after saving a checkpoint; the message says how to resume. */
public class TrainingInterruptedException extends RuntimeException {
    private final long step;
    private final String reason;

    public TrainingInterruptedException(long step, String reason, Path checkpoint) {
        super("interrupted at step " + step + "; checkpoint saved to " + checkpoint + "; resume with: fusedgan train --resume "
                + checkpoint.getParent());
        this.step = step;
        this.reason = reason;
    }

    /** The last step taken and saved. */
    public long step() { return step; }

    /** What {@link StopRequest#pending()} answered, e.g. "INT". */
    public String reason() { return reason; }
}
