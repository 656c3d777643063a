package dev.fusedgan.train;

import com.google.gson.JsonObject;

/** The scores of a run's final samples, as an {@link Evaluator} computed them. */
public interface Evaluation {
    /** The scores for the terminal, e.g. "8/8 modes, 91.2% high-quality samples, mode KL 0.055". */
    String oneLine();

    /** Adds the scores to summary.json. */
    void addTo(JsonObject summary);
}
