package dev.fusedgan.train;

import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.data.image.DataFileException;
import dev.fusedgan.data.image.GlyphDataset;
import dev.fusedgan.data.image.IdxReader;
import dev.fusedgan.data.image.ImageSet;
import dev.fusedgan.data.image.ImageSource;

import java.nio.file.Path;

/**
 * The data sets a run can name: {@code ring} and {@code grid} (2-D mixtures), {@code glyphs} (the embedded
 * 28x28 glyph images: a pool of {@value #GLYPH_POOL} glyphs rendered from the seed) and {@code idx:PATH}
 * (the images of an IDX file such as MNIST's train-images-idx3-ubyte, plain or gzip).
 */
public final class DataSets {
    public static final String GLYPHS = "glyphs";
    public static final String IDX_PREFIX = "idx:";
    public static final int GLYPH_POOL = 20_000;
    /** How many of an IDX file's first images serve as the references of the distance measure. */
    static final int IDX_REFERENCES = 1000;

    private DataSets() {}

    /** True for the image data sets, which get the image defaults and image evaluation. */
    public static boolean isImage(String name) {
        return GLYPHS.equals(name) || name.startsWith(IDX_PREFIX);
    }

    /** A name fit for a directory: the file name (without .gz) for IDX files, the name itself otherwise. */
    public static String shortName(String name) {
        if (!name.startsWith(IDX_PREFIX)) return name;
        Path file = Path.of(name.substring(IDX_PREFIX.length())).getFileName();
        String s = file == null ? "idx" : file.toString();
        return s.endsWith(".gz") ? s.substring(0, s.length() - 3) : s;
    }

    /** The data set {@code name} with its evaluator; unknown names and unusable files throw with one line. */
    public static Evaluator open(String name, long seed) {
        if (GLYPHS.equals(name)) {
            GlyphDataset glyphs = new GlyphDataset(seed);
            return ImageEvaluator.glyphs(new ImageSource(GLYPHS, glyphs.images(0, GLYPH_POOL), seed), glyphs, GLYPH_POOL);
        }
        if (name.startsWith(IDX_PREFIX)) {
            Path file = Path.of(name.substring(IDX_PREFIX.length()));
            ImageSet images = IdxReader.readImages(file);
            if (images.height() != images.width()) {
                throw new DataFileException(file, "holds " + images.height() + "x" + images.width() + " images; fusedgan trains on square images");
            }
            if (images.count() < 2) throw new DataFileException(file, "holds " + images.count() + " image(s); at least 2 are needed");
            int references = Math.min(IDX_REFERENCES, images.count() / 2);
            return ImageEvaluator.file(new ImageSource(shortName(name), images, seed), references);
        }
        if ("ring".equals(name) || "grid".equals(name)) return new MixtureEvaluator(GaussianMixture.named(name, seed));
        throw new IllegalArgumentException("unknown data set '" + name + "' (expected ring, grid, glyphs or idx:FILE)");
    }
}
