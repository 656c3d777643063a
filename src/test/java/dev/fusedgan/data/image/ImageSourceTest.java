package dev.fusedgan.data.image;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches of an image set: images of the set, a pure function of seed and batch index, spread over the set. */
class ImageSourceTest {
    private static final int COUNT = 40;

    /** Image i is filled with the value i / COUNT, so a sampled row tells which image it is. */
    private static ImageSource source(long seed) {
        float[] pixels = new float[COUNT * 4];
        for (int i = 0; i < COUNT; i++) Arrays.fill(pixels, i * 4, i * 4 + 4, (float) i / COUNT);
        return new ImageSource("test", new ImageSet(COUNT, 2, 2, pixels), seed);
    }

    @Test
    void batchesAreWholeImagesOfTheSetAndDependOnlyOnSeedAndBatchIndex() {
        ImageSource a = source(5), b = source(5);
        float[] first = new float[16 * 4], again = new float[16 * 4], other = new float[16 * 4];
        a.sample(3, first);
        a.sample(9, other);
        b.sample(3, again);
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        for (int r = 0; r < 16; r++) {
            float v = first[r * 4];
            for (int p = 1; p < 4; p++) assertTrue(first[r * 4 + p] == v, "row " + r + " mixes images");
            int index = Math.round(v * COUNT);
            assertTrue(index >= 0 && index < COUNT && Math.abs(v - (float) index / COUNT) < 1e-7, "row " + r + " is not an image of the set: " + v);
        }
    }

    @Test
    void manyBatchesReachMostOfTheSetAndKnowTheRange() {
        ImageSource s = source(1);
        Set<Integer> seen = new HashSet<>();
        float[] batch = new float[8 * 4];
        for (long b = 0; b < 50; b++) {
            s.sample(b, batch);
            for (int r = 0; r < 8; r++) seen.add(Math.round(batch[r * 4] * COUNT));
        }
        // 400 draws from 40 images miss a given image with probability (39/40)^400 ~ 4e-5.
        assertTrue(seen.size() == COUNT, "saw " + seen.size() + " of " + COUNT);
        assertTrue(s.withinUnitRange());
        float[] wide = {0f, 2f, 0f, 0f};
        assertFalse(new ImageSource("wide", new ImageSet(1, 2, 2, wide), 1).withinUnitRange());
        assertThrows(IllegalArgumentException.class, () -> s.sample(0, new float[5]));
    }
}
