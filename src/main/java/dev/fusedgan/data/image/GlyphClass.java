package dev.fusedgan.data.image;

/**
 * The ten glyph classes of {@link GlyphDataset}, each drawn in a local frame where the glyph spans about
 * [-1, 1] (y points down, as in the image). Rotation jitter stays within 15 degrees, so the bars keep
 * their orientation and the plus does not turn into the cross.
 */
public enum GlyphClass {
    DISC, RING, SQUARE, TRIANGLE, CROSS, PLUS, HORIZONTAL_BAR, VERTICAL_BAR, DIAGONAL_BAR, CORNER;

    /** The stroke segments (x0, y0, x1, y1) of the outline glyphs; DISC and RING are drawn analytically. */
    float[][] segments() {
        return switch (this) {
            case DISC, RING -> new float[0][];
            case SQUARE -> new float[][]{
                    {-0.8f, -0.8f, 0.8f, -0.8f}, {0.8f, -0.8f, 0.8f, 0.8f},
                    {0.8f, 0.8f, -0.8f, 0.8f}, {-0.8f, 0.8f, -0.8f, -0.8f}};
            case TRIANGLE -> new float[][]{
                    {0f, -0.95f, 0.95f, 0.75f}, {0.95f, 0.75f, -0.95f, 0.75f}, {-0.95f, 0.75f, 0f, -0.95f}};
            case CROSS -> new float[][]{{-0.8f, -0.8f, 0.8f, 0.8f}, {-0.8f, 0.8f, 0.8f, -0.8f}};
            case PLUS -> new float[][]{{-1f, 0f, 1f, 0f}, {0f, -1f, 0f, 1f}};
            case HORIZONTAL_BAR -> new float[][]{{-1f, 0f, 1f, 0f}};
            case VERTICAL_BAR -> new float[][]{{0f, -1f, 0f, 1f}};
            case DIAGONAL_BAR -> new float[][]{{-0.8f, 0.8f, 0.8f, -0.8f}};
            case CORNER -> new float[][]{{-0.7f, -1f, -0.7f, 0.8f}, {-0.7f, 0.8f, 0.8f, 0.8f}};
        };
    }
}
