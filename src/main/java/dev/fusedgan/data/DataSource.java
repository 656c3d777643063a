package dev.fusedgan.data;

/**
 * A reproducible source of training samples: batch {@code b} is a pure function of the source's seed and
 * {@code b}, so a run can be replayed or resumed at any batch. Samples are rows of {@link #dimension()}
 * floats.
 */
public interface DataSource {
    /** A short name for run directories and summaries, e.g. "ring". */
    String name();

    /** Floats per sample. */
    int dimension();

    /** Fills {@code out} (a whole number of samples, row-major) with the samples of batch {@code batchIndex}. */
    void sample(long batchIndex, float[] out);

    /** True when every value lies in [-1, 1] (images), so a generator may end in tanh. */
    default boolean withinUnitRange() { return false; }
}
