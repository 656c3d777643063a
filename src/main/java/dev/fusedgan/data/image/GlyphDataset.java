package dev.fusedgan.data.image;

import dev.fusedgan.random.Philox;

/**
 * An endless, download-free image data set: sample {@code i} is a {@link GlyphClass} drawn uniformly at
 * random, rendered with random jitter (centre within 2 px of the middle, radius 6.5-9.5 px, rotation
 * within 15 degrees, stroke 1.5-3 px, blur weight 0.1-0.4). Sample {@code i} depends only on the seed and
 * {@code i}: its randomness is Philox block 0 of counter stream {@code i} under key {@code seed}, so any
 * sample can be drawn on its own, in any order, with the same result.
 */
public final class GlyphDataset {
    public static final int SIDE = GlyphRenderer.SIDE;
    public static final int PIXELS = GlyphRenderer.PIXELS;
    public static final int CLASSES = GlyphClass.values().length;

    private static final float MAX_SHIFT = 2f;
    private static final float MIN_RADIUS = 6.5f, RADIUS_RANGE = 3f;
    private static final float MAX_ROTATION = (float) Math.toRadians(15);
    private static final float MIN_STROKE = 1.5f, STROKE_RANGE = 1.5f;
    private static final float MIN_BLUR = 0.1f, BLUR_RANGE = 0.3f;

    private final long seed;

    public GlyphDataset(long seed) {
        this.seed = seed;
    }

    public long seed() { return seed; }

    /** The class of sample {@code index}. */
    public GlyphClass label(long index) {
        return GlyphClass.values()[classIndex(uniforms(index, 0))];
    }

    /** The pose of sample {@code index}. */
    public GlyphPose pose(long index) {
        float[] u = uniforms(index, 0);
        float[] v = uniforms(index, 1);
        return new GlyphPose(
                14f + MAX_SHIFT * (2 * u[1] - 1),
                14f + MAX_SHIFT * (2 * u[2] - 1),
                MIN_RADIUS + RADIUS_RANGE * u[3],
                MAX_ROTATION * (2 * v[0] - 1),
                MIN_STROKE + STROKE_RANGE * v[1],
                MIN_BLUR + BLUR_RANGE * v[2]);
    }

    /** Sample {@code index} as 784 values in [-1, 1], row-major. */
    public float[] image(long index) {
        return GlyphRenderer.render(label(index), pose(index));
    }

    /** Samples {@code first .. first+count-1}, one image after another. */
    public ImageSet images(long first, int count) {
        float[] pixels = new float[count * PIXELS];
        java.util.stream.IntStream.range(0, count).parallel()
                .forEach(i -> System.arraycopy(image(first + i), 0, pixels, i * PIXELS, PIXELS));
        return new ImageSet(count, SIDE, SIDE, pixels);
    }

    /** The class ordinals of samples {@code first .. first+count-1}. */
    public int[] labels(long first, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = label(first + i).ordinal();
        return out;
    }

    private static int classIndex(float[] u) {
        return Math.min(CLASSES - 1, (int) (u[0] * CLASSES));
    }

    private float[] uniforms(long index, int block) {
        int[] bits = new int[4];
        Philox.streamBlock(seed, index, block, bits);
        float[] u = new float[4];
        for (int k = 0; k < 4; k++) u[k] = Philox.uniform(bits[k]);
        return u;
    }
}
