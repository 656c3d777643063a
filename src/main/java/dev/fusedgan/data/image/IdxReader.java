package dev.fusedgan.data.image;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST): magic 00 00 TYPE NDIMS, NDIMS big-endian
 * 32-bit sizes, then the values big-endian, row-major. Plain and gzip files are both accepted, told apart
 * by the gzip magic bytes 1f 8b rather than by the file name.
 *
 * <p>Every check that can be made from the header runs before the data array is allocated: the type,
 * the number of dimensions, an element count that fits a Java array, and, for plain files, that the file
 * holds exactly the bytes the header promises. A gzip file's uncompressed length is unknown until it is
 * read, so its data is read incrementally into an array that grows only as data actually arrives; a
 * header that lies costs at most twice the memory of the data really present. Every refusal is a
 * {@link DataFileException} with one line naming the file and the problem.
 */
public final class IdxReader {
    /** The most values one file may hold: the largest array a JVM reliably allocates. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final int CHUNK_BYTES = 1 << 16;
    /** Starting capacity for gzip data, whose true length shows only while reading. */
    private static final int GZIP_FIRST_CAPACITY = 1 << 20;

    private IdxReader() {}

    /** Any IDX file of unsigned bytes (kept as 0..255) or floats, with any number of dimensions. */
    public static IdxData read(Path file) {
        return read(file, -1, Set.of(IdxType.values()));
    }

    /**
     * An image file: three dimensions (count x height x width); unsigned bytes are scaled to [-1, 1]
     * (0 becomes -1, 255 becomes 1), floats are returned as stored and must be finite.
     */
    public static ImageSet readImages(Path file) {
        IdxData d = read(file, 3, Set.of(IdxType.values()));
        int[] dims = d.dims();
        float[] v = d.values();
        if (d.type() == IdxType.UNSIGNED_BYTE) {
            for (int i = 0; i < v.length; i++) v[i] = v[i] / 127.5f - 1f;
        }
        return new ImageSet(dims[0], dims[1], dims[2], v);
    }

    /** A label file: one dimension of unsigned bytes. */
    public static int[] readLabels(Path file) {
        float[] v = read(file, 1, Set.of(IdxType.UNSIGNED_BYTE)).values();
        int[] labels = new int[v.length];
        for (int i = 0; i < v.length; i++) labels[i] = (int) v[i];
        return labels;
    }

    private static IdxData read(Path file, int wantDims, Set<IdxType> wantTypes) {
        if (Files.isDirectory(file)) throw new DataFileException(file, "is a directory, not an IDX file");
        if (!Files.isRegularFile(file)) throw new DataFileException(file, "no such file");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK_BYTES)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, CHUNK_BYTES) : raw;
            return parse(file, in, gzip ? -1 : Files.size(file), wantDims, wantTypes);
        } catch (ZipException e) {
            throw new DataFileException(file, "is not a valid gzip stream (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new DataFileException(file, "gzip stream is truncated");
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** {@code knownSize} is the file length for plain files, -1 for gzip. */
    private static IdxData parse(Path file, InputStream in, long knownSize, int wantDims, Set<IdxType> wantTypes)
            throws IOException {
        byte[] magic = new byte[4];
        int got = readUpTo(in, magic, 4);
        if (got < 4) throw new DataFileException(file, "is " + got + " bytes long, too short for an IDX header");
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFileException(file, String.format("is not an IDX file (magic bytes %02x %02x %02x %02x; IDX starts with 00 00)",
                    magic[0], magic[1], magic[2], magic[3]));
        }
        IdxType type = IdxType.of(magic[2] & 0xff);
        if (type == null || !wantTypes.contains(type)) {
            throw new DataFileException(file, String.format("has IDX element type 0x%02X; expected %s",
                    magic[2] & 0xff, describe(wantTypes)));
        }
        int ndims = magic[3] & 0xff;
        if (ndims == 0) throw new DataFileException(file, "IDX header declares 0 dimensions");
        if (wantDims > 0 && ndims != wantDims) {
            throw new DataFileException(file, "has " + ndims + " dimensions; expected " + wantDims
                    + (wantDims == 3 ? " (count x height x width)" : wantDims == 1 ? " (one label per sample)" : ""));
        }
        byte[] dimBytes = new byte[4 * ndims];
        if (readUpTo(in, dimBytes, dimBytes.length) < dimBytes.length) {
            throw new DataFileException(file, "header ends inside its " + ndims + " dimension sizes");
        }
        ByteBuffer dimBuf = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[ndims];
        long values = 1;
        for (int i = 0; i < ndims; i++) {
            long size = Integer.toUnsignedLong(dimBuf.getInt());
            if (size > MAX_VALUES) {
                throw new DataFileException(file, "dimension " + i + " claims " + size + " entries, more than "
                        + MAX_VALUES + " values this reader can hold");
            }
            dims[i] = (int) size;
            values *= size;
            if (values > MAX_VALUES) {
                throw new DataFileException(file, "header claims more than " + MAX_VALUES
                        + " values (dimensions so far " + IdxData.shapeOf(Arrays.copyOf(dims, i + 1)) + ")");
            }
        }
        String shape = IdxData.shapeOf(dims);
        long dataBytes = values * type.bytes();
        long headerBytes = 4 + 4L * ndims;
        if (knownSize >= 0 && knownSize - headerBytes != dataBytes) {
            long present = knownSize - headerBytes;
            throw new DataFileException(file, present < dataBytes
                    ? "header claims " + shape + " " + typeName(type) + " values (" + dataBytes + " bytes) but only "
                      + present + " bytes follow the header (truncated)"
                    : "has " + (present - dataBytes) + " bytes after the " + shape + " values its header describes");
        }
        float[] out = readValues(file, in, type, (int) values, shape, knownSize < 0);
        if (knownSize < 0 && in.read() >= 0) {
            throw new DataFileException(file, "gzip data continues after the " + shape + " values its header describes");
        }
        return new IdxData(type, dims, out);
    }

    private static float[] readValues(Path file, InputStream in, IdxType type, int count, String shape, boolean grow)
            throws IOException {
        float[] out = new float[grow ? Math.min(count, GZIP_FIRST_CAPACITY) : count];
        int bytes = type.bytes();
        byte[] buf = new byte[CHUNK_BYTES];
        ByteBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        int done = 0;
        while (done < count) {
            int want = Math.min(CHUNK_BYTES / bytes, count - done) * bytes;
            int got = readUpTo(in, buf, want);
            int n = got / bytes;
            if (done + n > out.length) out = Arrays.copyOf(out, (int) Math.min(count, Math.max(2L * out.length, done + n)));
            for (int i = 0; i < n; i++) {
                float v = type == IdxType.UNSIGNED_BYTE ? buf[i] & 0xff : view.getFloat(i * 4);
                if (!Float.isFinite(v)) {
                    throw new DataFileException(file, "value " + (done + i) + " of " + shape + " is " + v
                            + "; float data must be finite");
                }
                out[done + i] = v;
            }
            done += n;
            if (got < want) {
                throw new DataFileException(file, "data ends after " + done + " of " + count + " values ("
                        + shape + " " + typeName(type) + "; truncated)");
            }
        }
        return out;
    }

    /**
     * Reads until {@code len} bytes or the end of the data. A truncated gzip stream ends with an
     * EOFException instead of -1; both mean the same here, and the caller reports the short count.
     */
    private static int readUpTo(InputStream in, byte[] buf, int len) throws IOException {
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(buf, n, len - n);
                if (r < 0) break;
                n += r;
            }
        } catch (EOFException e) {
            return n;
        }
        return n;
    }

    private static String typeName(IdxType t) {
        return t == IdxType.UNSIGNED_BYTE ? "unsigned-byte" : "float";
    }

    private static String describe(Set<IdxType> types) {
        return String.join(" or ", types.stream().sorted().map(t -> String.format("0x%02X (%s)", t.code(), typeName(t))).toList());
    }
}
