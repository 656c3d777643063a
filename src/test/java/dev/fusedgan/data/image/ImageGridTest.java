package dev.fusedgan.data.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void gridHasTheExpectedSizeAndPixelValues() throws IOException {
        int side = 28, rows = 2, cols = 3, scale = 2;
        float[] images = new GlyphDataset(11).images(0, 5).pixels();
        images[0] = 1f;
        images[1] = -1f;
        images[2] = 0f;
        Path png = dir.resolve("sub/grid.png");
        ImageGrid.write(png, images, 5, side, rows, cols, scale);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(cols * side * scale + (cols + 1) * 2, img.getWidth());
        assertEquals(rows * side * scale + (rows + 1) * 2, img.getHeight());
        int x0 = 2, y0 = 2;
        assertEquals(255, img.getRaster().getSample(x0 + 1, y0 + 1, 0));
        assertEquals(0, img.getRaster().getSample(x0 + 2, y0, 0));
        assertEquals(128, img.getRaster().getSample(x0 + 4, y0 + 1, 0));
        assertEquals(128, img.getRaster().getSample(0, 0, 0), "gap");
        int lastCellX = 2 + 2 * (side * scale + 2);
        int lastCellY = 2 + (side * scale + 2);
        assertEquals(128, img.getRaster().getSample(lastCellX + 5, lastCellY + 5, 0), "sixth cell is empty");
    }
}
