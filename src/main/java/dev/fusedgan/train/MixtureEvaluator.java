package dev.fusedgan.train;

import com.google.gson.JsonObject;
import dev.fusedgan.data.DataSource;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.data.MixtureMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** A 2-D Gaussian mixture, scored by {@link MixtureMetrics} and drawn as a scatter over the mode centres. */
public final class MixtureEvaluator implements Evaluator {
    private final GaussianMixture mixture;

    public MixtureEvaluator(GaussianMixture mixture) {
        this.mixture = mixture;
    }

    @Override
    public DataSource data() { return mixture; }

    @Override
    public void drawData(Path runDirectory) {}

    @Override
    public Scores evaluate(float[] samples) {
        return new Scores(MixtureMetrics.of(mixture, samples));
    }

    @Override
    public void drawSamples(float[] samples, String title, Path png) throws IOException {
        Charts.samples(mixture, samples, title, png);
    }

    /** The mode metrics of one evaluation. */
    public record Scores(MixtureMetrics metrics) implements Evaluation {
        @Override
        public String oneLine() {
            String kl = metrics.modeKl() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", metrics.modeKl());
            return String.format(Locale.ROOT, "%d/%d modes, %.1f%% high-quality samples, mode KL %s",
                    metrics.modesCaptured(), metrics.modesTotal(), 100 * metrics.highQualityFraction(), kl);
        }

        @Override
        public void addTo(JsonObject o) {
            o.addProperty("modes_captured", metrics.modesCaptured());
            o.addProperty("modes_total", metrics.modesTotal());
            o.addProperty("high_quality_fraction", metrics.highQualityFraction());
            o.addProperty("mode_kl", metrics.modeKl());
            o.addProperty("eval_samples", metrics.samples());
        }
    }
}
