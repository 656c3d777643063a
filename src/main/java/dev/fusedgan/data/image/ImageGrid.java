package dev.fusedgan.data.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes square grayscale images as a grid to a PNG with the JDK's own encoder; it draws into a
 * BufferedImage raster only, which needs no display, so it works headless. Values in [-1, 1] map to
 * black..white; values outside are clamped. Cells are separated by a mid-gray gap and scaled up by an
 * integer factor so that 28x28 images stay readable.
 */
public final class ImageGrid {
    private static final int GAP = 2;
    private static final int GAP_GRAY = 128;

    private ImageGrid() {}

    /**
     * @param images  {@code rows * cols} images of {@code side x side}, one after another (fewer leave cells empty)
     * @param count   how many images {@code images} holds
     * @param scale   pixels per image pixel, at least 1
     */
    public static void write(Path png, float[] images, int count, int side, int rows, int cols, int scale) {
        if (rows < 1 || cols < 1 || side < 1 || scale < 1) {
            throw new IllegalArgumentException("image grid needs rows, cols, side and scale >= 1, got "
                    + rows + ", " + cols + ", " + side + ", " + scale);
        }
        if (count < 0 || (long) count * side * side > images.length) {
            throw new IllegalArgumentException(count + " images of " + side + "x" + side + " need "
                    + (long) count * side * side + " values, got " + images.length);
        }
        int cell = side * scale;
        int width = cols * cell + (cols + 1) * GAP, height = rows * cell + (rows + 1) * GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = out.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) raster.setSample(x, y, 0, GAP_GRAY);
        }
        int shown = Math.min(count, rows * cols);
        for (int i = 0; i < shown; i++) {
            int x0 = GAP + (i % cols) * (cell + GAP), y0 = GAP + (i / cols) * (cell + GAP);
            for (int p = 0; p < side * side; p++) {
                int gray = toGray(images[i * side * side + p]);
                int px = x0 + (p % side) * scale, py = y0 + (p / side) * scale;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) raster.setSample(px + dx, py + dy, 0, gray);
                }
            }
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (!ImageIO.write(out, "png", png.toFile())) throw new IOException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /** -1 is black, 1 is white; NaN shows as black so that it cannot pass for ink. */
    static int toGray(float v) {
        if (Float.isNaN(v)) return 0;
        return (int) Math.round((Math.clamp(v, -1f, 1f) + 1f) * 127.5f);
    }
}
