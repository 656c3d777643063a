package dev.fusedgan.data.image;

/**
 * {@code count} grayscale images of {@code height x width}, one flat row-major image after another, with
 * values in [-1, 1] for unsigned-byte sources (floats are passed through as the file has them).
 */
public record ImageSet(int count, int height, int width, float[] pixels) {
    public ImageSet {
        if ((long) count * height * width != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + height + "x" + width + " need "
                    + (long) count * height * width + " pixels, got " + pixels.length);
        }
    }

    public int pixelsPerImage() { return height * width; }

    /** A copy of image {@code i}. */
    public float[] image(int i) {
        float[] out = new float[pixelsPerImage()];
        System.arraycopy(pixels, i * pixelsPerImage(), out, 0, out.length);
        return out;
    }
}
