package dev.fusedgan.data.image;

import dev.fusedgan.data.DataSource;
import dev.fusedgan.random.Philox;

/**
 * A {@link DataSource} over a fixed {@link ImageSet}: sample i of batch b is image floor(u n) of the n
 * images, u = the uniform of lane 0 of Philox block i of counter stream {@code DATA_STREAM + b} under key
 * seed. Batches are drawn with replacement and depend only on the seed and the batch index, so a run can
 * be replayed or resumed at any batch.
 */
public final class ImageSource implements DataSource {
    /** The same stream range as the mixtures' data: a run reads one data set, never both. */
    public static final long DATA_STREAM = 1L << 40;

    private final String name;
    private final ImageSet images;
    private final long seed;
    private final boolean unitRange;

    public ImageSource(String name, ImageSet images, long seed) {
        if (images.count() < 1) throw new IllegalArgumentException(name + ": the image set is empty");
        this.name = name;
        this.images = images;
        this.seed = seed;
        boolean inside = true;
        for (float v : images.pixels()) inside &= v >= -1f && v <= 1f;
        this.unitRange = inside;
    }

    @Override
    public String name() { return name; }

    @Override
    public int dimension() { return images.pixelsPerImage(); }

    public ImageSet images() { return images; }

    /** Side of the (square) images. */
    public int side() { return images.width(); }

    @Override
    public boolean withinUnitRange() { return unitRange; }

    @Override
    public void sample(long batchIndex, float[] out) {
        int d = dimension();
        if (out.length % d != 0) throw new IllegalArgumentException(name + ": " + out.length + " values is not a whole number of " + d + "-pixel images");
        int[] bits = new int[4];
        for (int i = 0; i < out.length / d; i++) {
            Philox.streamBlock(seed, DATA_STREAM + batchIndex, i, bits);
            int pick = Math.min((int) (Philox.uniform(bits[0]) * images.count()), images.count() - 1);
            System.arraycopy(images.pixels(), pick * d, out, i * d, d);
        }
    }
}
