package dev.fusedgan.train;

import com.google.gson.JsonObject;
import dev.fusedgan.data.DataSource;
import dev.fusedgan.data.image.GlyphClass;
import dev.fusedgan.data.image.GlyphClassifier;
import dev.fusedgan.data.image.GlyphDataset;
import dev.fusedgan.data.image.ImageGrid;
import dev.fusedgan.data.image.ImageMetrics;
import dev.fusedgan.data.image.ImageSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Square grayscale images, scored by {@link ImageMetrics} and drawn as {@value #GRID}x{@value #GRID}
 * grids. Glyphs are scored with the {@link GlyphClassifier} against real glyphs the run never trains on
 * (drawn after the training pool); an IDX file has no classifier, and its generated and real images are
 * both measured against the file's first images.
 */
public final class ImageEvaluator implements Evaluator {
    public static final String DATA_PNG = "data.png";
    static final int GRID = 8;
    static final int SCALE = 2;

    private final ImageSource source;
    private final GlyphDataset glyphs;
    private final long heldOutFrom;
    private final int idxReferences;

    private ImageEvaluator(ImageSource source, GlyphDataset glyphs, long heldOutFrom, int idxReferences) {
        this.source = source;
        this.glyphs = glyphs;
        this.heldOutFrom = heldOutFrom;
        this.idxReferences = idxReferences;
    }

    /** Glyphs: {@code source} holds glyphs 0 .. heldOutFrom-1 of {@code glyphs}; later ones are the real comparison. */
    static ImageEvaluator glyphs(ImageSource source, GlyphDataset glyphs, long heldOutFrom) {
        return new ImageEvaluator(source, glyphs, heldOutFrom, 0);
    }

    /**
     * Images from a file: the first {@code references} images are the references, the next ones (up to the
     * number of generated samples) the real comparison.
     */
    static ImageEvaluator file(ImageSource source, int references) {
        return new ImageEvaluator(source, null, 0, references);
    }

    @Override
    public DataSource data() { return source; }

    @Override
    public void drawData(Path runDirectory) {
        int count = Math.min(GRID * GRID, source.images().count());
        ImageGrid.write(runDirectory.resolve(DATA_PNG), source.images().pixels(), count, source.side(), GRID, GRID, SCALE);
    }

    @Override
    public Scores evaluate(float[] samples) {
        int count = samples.length / source.dimension();
        if (glyphs != null) {
            float[] real = glyphs.images(heldOutFrom, count).pixels();
            return new Scores(ImageMetrics.ofGlyphs(samples, real, count, Classifier.INSTANCE));
        }
        float[] all = source.images().pixels();
        int d = source.dimension();
        float[][] references = new float[idxReferences][];
        for (int r = 0; r < idxReferences; r++) references[r] = Arrays.copyOfRange(all, r * d, (r + 1) * d);
        int realCount = Math.min(count, source.images().count() - idxReferences);
        float[] real = Arrays.copyOfRange(all, idxReferences * d, (idxReferences + realCount) * d);
        return new Scores(ImageMetrics.ofDistances(samples, count, real, realCount, references));
    }

    @Override
    public void drawSamples(float[] samples, String title, Path png) {
        int count = Math.min(GRID * GRID, samples.length / source.dimension());
        ImageGrid.write(png, samples, count, source.side(), GRID, GRID, SCALE);
    }

    /** Built once per JVM: it renders {@value GlyphClassifier#RENDERS_PER_CLASS} references per class. */
    private static final class Classifier {
        static final GlyphClassifier INSTANCE = new GlyphClassifier();
    }

    /** The image metrics of one evaluation. */
    public record Scores(ImageMetrics metrics) implements Evaluation {
        @Override
        public String oneLine() {
            String classes = metrics.classesCovered() == null ? ""
                    : String.format(Locale.ROOT, "%d/%d glyph classes, class KL %.3f, ", metrics.classesCovered(),
                    metrics.classesTotal(), metrics.classKl());
            return classes + String.format(Locale.ROOT, "nearest-reference distance %.3f (real images %.3f, ratio %.2f)",
                    metrics.generatedDistance(), metrics.realDistance(), metrics.distanceRatio());
        }

        @Override
        public void addTo(JsonObject o) {
            o.addProperty("eval_samples", metrics.samples());
            if (metrics.classHistogram() != null) {
                o.addProperty("classes_covered", metrics.classesCovered());
                o.addProperty("classes_total", metrics.classesTotal());
                o.addProperty("class_kl", metrics.classKl());
                JsonObject histogram = new JsonObject();
                for (GlyphClass c : GlyphClass.values()) histogram.addProperty(c.name().toLowerCase(Locale.ROOT), metrics.classHistogram()[c.ordinal()]);
                o.add("class_histogram", histogram);
            }
            o.addProperty("nearest_reference_distance", metrics.generatedDistance());
            o.addProperty("real_nearest_reference_distance", metrics.realDistance());
            o.addProperty("distance_ratio", metrics.distanceRatio());
        }
    }
}
