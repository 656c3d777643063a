package dev.fusedgan.train;

import dev.fusedgan.data.DataSource;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A training data set together with how a run scores and draws what the generator makes of it: mode
 * metrics and a scatter plot for the 2-D mixtures ({@link MixtureEvaluator}), class and distance metrics
 * and image grids for images ({@link ImageEvaluator}). {@link DataSets#open} picks one by name.
 */
public interface Evaluator {
    DataSource data();

    /** Pictures of the data itself, written once at the start of a run (none for the mixtures). */
    void drawData(Path runDirectory) throws IOException;

    /** Scores generated samples (row-major, {@code data().dimension()} floats each). */
    Evaluation evaluate(float[] samples);

    /** Draws generated samples into a PNG under {@code title}. */
    void drawSamples(float[] samples, String title, Path png) throws IOException;
}
