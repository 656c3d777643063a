package dev.fusedgan.data.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** An IDX header (magic 00 00 type ndims, then the sizes) followed by {@code data}. */
    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(plain);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] unsignedBytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) ((i * 37 + seed * 11) & 0xff);
        b[0] = 0;
        b[n - 1] = (byte) 255;
        return b;
    }

    private static String refusal(Path file) {
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(file));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void plainAndGzipUnsignedByteImagesReadBackScaledToMinusOneOne() throws IOException {
        byte[] data = unsignedBytes(3 * 4 * 5, 1);
        byte[] file = idx(0x08, new int[]{3, 4, 5}, data);
        for (Path p : new Path[]{write("plain.idx", file), write("zipped.idx.gz", gzip(file))}) {
            ImageSet images = IdxReader.readImages(p);
            assertEquals(3, images.count());
            assertEquals(4, images.height());
            assertEquals(5, images.width());
            for (int i = 0; i < data.length; i++) {
                assertEquals((data[i] & 0xff) / 127.5f - 1f, images.pixels()[i], 0f, "pixel " + i);
            }
            assertEquals(-1f, images.pixels()[0]);
            assertEquals(1f, images.pixels()[data.length - 1]);
        }
    }

    @Test
    void floatImagesAreReturnedAsStored() throws IOException {
        float[] v = {0.25f, -0.75f, 3.5f, -1e-30f, 1e30f, 0f};
        Path p = write("f.idx.gz", gzip(idx(0x0D, new int[]{1, 2, 3}, floats(v))));
        assertArrayEquals(v, IdxReader.readImages(p).pixels());
    }

    @Test
    void labelsReadAsIntegersZeroTo255() throws IOException {
        byte[] labels = {0, 9, 3, (byte) 255};
        assertArrayEquals(new int[]{0, 9, 3, 255}, IdxReader.readLabels(write("l.idx", idx(0x08, new int[]{4}, labels))));
    }

    @Test
    void missingFileIsRefused() {
        assertTrue(refusal(dir.resolve("absent.idx")).endsWith("no such file"));
    }

    @Test
    void badMagicIsRefused() throws IOException {
        Path p = write("png.idx", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        assertTrue(refusal(p).contains("is not an IDX file (magic bytes 89 50 4e 47"));
    }

    @Test
    void unsupportedElementTypeIsRefused() throws IOException {
        Path p = write("int.idx", idx(0x0C, new int[]{1, 1, 1}, new byte[4]));
        assertTrue(refusal(p).contains("has IDX element type 0x0C; expected"));
    }

    @Test
    void wrongNumberOfDimensionsIsRefused() throws IOException {
        Path p = write("flat.idx", idx(0x08, new int[]{2, 784}, new byte[2 * 784]));
        assertTrue(refusal(p).contains("has 2 dimensions; expected 3 (count x height x width)"));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(p));
        assertTrue(e.getMessage().contains("has 2 dimensions; expected 1"), e.getMessage());
    }

    @Test
    void headerClaimingMnistSizeOverTenBytesIsRefusedFromTheFileLength() throws IOException {
        Path p = write("short.idx", idx(0x08, new int[]{60000, 28, 28}, new byte[10]));
        assertTrue(refusal(p).endsWith("header claims 60000x28x28 unsigned-byte values (47040000 bytes) but only 10 bytes follow the header (truncated)"));
    }

    @Test
    void gzipWhoseDataEndsEarlyIsRefusedWithTheCountRead() throws IOException {
        Path p = write("short.idx.gz", gzip(idx(0x08, new int[]{60000, 28, 28}, new byte[10])));
        assertTrue(refusal(p).endsWith("data ends after 10 of 47040000 values (60000x28x28 unsigned-byte; truncated)"));
    }

    @Test
    void gzipHeaderClaimingEightGigabytesOfFloatsFailsWithoutAllocatingThem() throws IOException {
        // 46340^2 floats are 8.6 GB, far beyond a CI test JVM's heap: allocating the claimed size
        // would end in OutOfMemoryError instead of this message.
        Path p = write("huge.idx.gz", gzip(idx(0x0D, new int[]{1, 46340, 46340}, floats(0.5f, 0.25f))));
        assertTrue(refusal(p).endsWith("data ends after 2 of 2147395600 values (1x46340x46340 float; truncated)"));
    }

    @Test
    void headerClaimingMoreThanTwoToThe31ValuesFailsFromTheHeader() throws IOException {
        Path p = write("big.idx", idx(0x08, new int[]{65536, 65536, 1}, new byte[16]));
        assertTrue(refusal(p).contains("header claims more than 2147483639 values"));
        Path q = write("neg.idx", idx(0x08, new int[]{-1, 28, 28}, new byte[16]));
        assertTrue(refusal(q).contains("dimension 0 claims 4294967295 entries"));
    }

    @Test
    void truncatedPlainDataIsRefused() throws IOException {
        byte[] full = idx(0x08, new int[]{2, 28, 28}, unsignedBytes(2 * 784, 2));
        Path p = write("cut.idx", Arrays.copyOf(full, full.length - 100));
        assertTrue(refusal(p).endsWith("(1568 bytes) but only 1468 bytes follow the header (truncated)"));
    }

    @Test
    void truncatedHeaderIsRefused() throws IOException {
        assertTrue(refusal(write("tiny.idx", new byte[]{0, 0})).endsWith("is 2 bytes long, too short for an IDX header"));
        assertTrue(refusal(write("dims.idx", new byte[]{0, 0, 8, 3, 0, 0, 0, 5})).endsWith("header ends inside its 3 dimension sizes"));
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] file = idx(0x08, new int[]{1, 2, 2}, new byte[6]);
        assertTrue(refusal(write("long.idx", file)).endsWith("has 2 bytes after the 1x2x2 values its header describes"));
        assertTrue(refusal(write("long.idx.gz", gzip(file))).endsWith("gzip data continues after the 1x2x2 values its header describes"));
    }

    @Test
    void nanAndInfinityInFloatFilesAreRefusedWithTheirIndex() throws IOException {
        Path nan = write("nan.idx", idx(0x0D, new int[]{1, 2, 2}, floats(0f, 1f, Float.NaN, 2f)));
        assertTrue(refusal(nan).endsWith("value 2 of 1x2x2 is NaN; float data must be finite"));
        Path inf = write("inf.idx.gz", gzip(idx(0x0D, new int[]{1, 2, 2}, floats(Float.NEGATIVE_INFINITY, 1f, 0f, 2f))));
        assertTrue(refusal(inf).endsWith("value 0 of 1x2x2 is -Infinity; float data must be finite"));
    }

    @Test
    void gzipCutInTheMiddleOfItsStreamIsRefused() throws IOException {
        byte[] z = gzip(idx(0x08, new int[]{50, 28, 28}, unsignedBytes(50 * 784, 3)));
        Path p = write("cut.idx.gz", Arrays.copyOf(z, z.length / 2));
        String m = refusal(p);
        assertTrue(m.contains("data ends after ") && m.endsWith(" of 39200 values (50x28x28 unsigned-byte; truncated)")
                || m.endsWith("gzip stream is truncated"), m);
    }

    @Test
    void gzipWithACorruptHeaderIsRefused() throws IOException {
        Path p = write("bad.gz", new byte[]{0x1f, (byte) 0x8b, 99, 0, 0, 0, 0, 0, 0, 0, 1, 2});
        assertTrue(refusal(p).contains("is not a valid gzip stream"));
    }
}
