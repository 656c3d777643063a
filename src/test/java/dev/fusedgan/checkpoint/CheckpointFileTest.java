package dev.fusedgan.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointFileTest {
    @TempDir
    Path dir;

    private static Snapshot randomSnapshot(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = new float[1000 + rnd.nextInt(100)];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-8, 9)));
        w[3] = Float.NaN;
        w[4] = Float.NEGATIVE_INFINITY;
        w[5] = -0f;
        return new Snapshot().putArray("g.w0", w).putArray("empty", new float[0])
                .putCounter("step", rnd.nextLong()).putText("config", "{\"seed\": " + seed + ", \"name\": \"résumé\"}");
    }

    @Test
    void roundTripKeepsEveryBitAndEntry() {
        Snapshot s = randomSnapshot(7);
        Path p = dir.resolve("ckpt.bin");
        CheckpointFile.write(p, s);
        Snapshot r = CheckpointFile.read(p);
        float[] a = s.array("g.w0"), b = r.array("g.w0");
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "index " + i);
        assertArrayEquals(new float[0], r.array("empty"));
        assertEquals(s.counter("step"), r.counter("step"));
        assertEquals(s.text("config"), r.text("config"));
        assertEquals(s.arrays().keySet(), r.arrays().keySet());
        assertFalse(Files.exists(dir.resolve("ckpt.bin.tmp")), "temporary file left behind");
    }

    @Test
    void truncatedFileIsRefusedWithOneLine() throws IOException {
        Path p = dir.resolve("ckpt.bin");
        CheckpointFile.write(p, randomSnapshot(1));
        byte[] bytes = Files.readAllBytes(p);
        for (int keep : new int[] {0, 10, 20, bytes.length / 2, bytes.length - 1}) {
            Files.write(p, java.util.Arrays.copyOf(bytes, keep));
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(p));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void flippedByteIsRefusedAsCorrupted() throws IOException {
        Path p = dir.resolve("ckpt.bin");
        CheckpointFile.write(p, randomSnapshot(2));
        byte[] bytes = Files.readAllBytes(p);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            byte[] bad = bytes.clone();
            int at = 20 + rnd.nextInt(bad.length - 28);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(p, bad);
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(p));
            assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
        }
    }

    @Test
    void otherVersionAndForeignFilesAreRefused() throws IOException {
        Path p = dir.resolve("ckpt.bin");
        CheckpointFile.write(p, randomSnapshot(4));
        byte[] bytes = Files.readAllBytes(p);
        ByteBuffer.wrap(bytes).putInt(8, CheckpointFile.VERSION + 1);
        Files.write(p, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(p));
        assertTrue(e.getMessage().contains("format version " + (CheckpointFile.VERSION + 1)), e.getMessage());

        Files.writeString(p, "this is a text file, long enough to pass the size check");
        e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(p));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());

        e = assertThrows(CheckpointException.class, () -> CheckpointFile.read(dir.resolve("missing.bin")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void failedWriteLeavesThePreviousCheckpointIntact() throws IOException {
        Path p = dir.resolve("ckpt.bin");
        Snapshot first = randomSnapshot(5);
        CheckpointFile.write(p, first);
        byte[] before = Files.readAllBytes(p);
        // A directory where the temporary file must go makes the write fail before the rename.
        Files.createDirectory(dir.resolve("ckpt.bin.tmp"));
        assertThrows(CheckpointException.class, () -> CheckpointFile.write(p, randomSnapshot(6)));
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(first.counter("step"), CheckpointFile.read(p).counter("step"));
    }

    @Test
    void missingEntryIsAClearError() {
        Snapshot s = randomSnapshot(8);
        CheckpointException e = assertThrows(CheckpointException.class, () -> s.array("d.w9"));
        assertTrue(e.getMessage().contains("d.w9"));
        assertThrows(IllegalArgumentException.class, () -> s.putCounter("step", 1));
    }
}
