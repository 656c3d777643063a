package dev.fusedgan.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads and writes {@link Snapshot}s. Layout (big-endian):
 * <pre>
 *   magic    8 bytes  "FGANCKPT"
 *   version  int      {@link #VERSION}
 *   length   long     payload bytes
 *   payload  entries: int count, then per entry: byte kind ('A' array, 'C' counter, 'T' text), UTF name,
 *            and for 'A' int n + n floats, for 'C' a long, for 'T' an int byte count + UTF-8 bytes
 *   crc32c   long     of the payload
 * </pre>
 * The header and checksum are checked before the payload is parsed, so a truncated, corrupted or foreign
 * file is refused before any large allocation.
 */
public final class CheckpointFile {
    static final byte[] MAGIC = "FGANCKPT".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + Integer.BYTES + Long.BYTES;
    private static final int TRAILER = Long.BYTES;

    private CheckpointFile() {}

    /**
     * Writes atomically: the bytes go to a temporary file beside {@code path}, are forced to disk, and the
     * file is renamed over {@code path}. Until the rename, the previous checkpoint stays as it was.
     */
    public static void write(Path path, Snapshot snapshot) {
        byte[] payload = encode(snapshot);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer file = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
        file.put(MAGIC).putInt(VERSION).putLong(payload.length).put(payload).putLong(crc.getValue()).flip();
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (file.hasRemaining()) ch.write(file);
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The temporary file is harmless; the real error is reported below.
            }
            throw new CheckpointException("cannot write checkpoint " + path + ": " + describe(e), e);
        }
    }

    /** Makes the rename itself durable; not every file system lets a directory be opened, which is fine. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data itself was already forced before the rename.
        }
    }

    public static Snapshot read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + path + " does not exist");
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + path + ": " + describe(e), e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER + TRAILER) {
            throw new CheckpointException("checkpoint " + path + " is truncated (" + bytes.length + " bytes)");
        }
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new CheckpointException("checkpoint " + path + " is not a fusedgan checkpoint (bad magic number)");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new CheckpointException("checkpoint " + path + " has format version " + version
                    + "; this build reads version " + VERSION);
        }
        long length = in.getLong();
        if (length < 0 || length != bytes.length - HEADER - TRAILER) {
            throw new CheckpointException("checkpoint " + path + " is truncated or padded: header says "
                    + length + " payload bytes, file holds " + (bytes.length - HEADER - TRAILER));
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER, (int) length);
        long stored = ByteBuffer.wrap(bytes, HEADER + (int) length, TRAILER).getLong();
        if (crc.getValue() != stored) {
            throw new CheckpointException("checkpoint " + path + " is corrupted (checksum mismatch)");
        }
        try {
            return decode(ByteBuffer.wrap(bytes, HEADER, (int) length).slice());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CheckpointException("checkpoint " + path + " is malformed: " + describe(e), e);
        }
    }

    private static byte[] encode(Snapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(s.arrays().size() + s.counters().size() + s.texts().size());
            for (var e : s.arrays().entrySet()) {
                out.writeByte('A');
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float v : e.getValue()) out.writeFloat(v);
            }
            for (var e : s.counters().entrySet()) {
                out.writeByte('C');
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            for (var e : s.texts().entrySet()) {
                out.writeByte('T');
                out.writeUTF(e.getKey());
                byte[] utf8 = e.getValue().getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    private static Snapshot decode(ByteBuffer in) {
        Snapshot s = new Snapshot();
        int count = in.getInt();
        if (count < 0) throw new IllegalArgumentException("negative entry count");
        for (int i = 0; i < count; i++) {
            byte kind = in.get();
            String name = readUtf(in);
            switch (kind) {
                case 'A' -> {
                    int n = in.getInt();
                    if (n < 0 || (long) n * Float.BYTES > in.remaining()) {
                        throw new IllegalArgumentException("array '" + name + "' claims " + n + " floats");
                    }
                    float[] v = new float[n];
                    in.asFloatBuffer().get(v);
                    in.position(in.position() + n * Float.BYTES);
                    s.putArray(name, v);
                }
                case 'C' -> s.putCounter(name, in.getLong());
                case 'T' -> {
                    int n = in.getInt();
                    if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("text '" + name + "' claims " + n + " bytes");
                    byte[] b = new byte[n];
                    in.get(b);
                    s.putText(name, new String(b, StandardCharsets.UTF_8));
                }
                default -> throw new IllegalArgumentException("unknown entry kind " + kind);
            }
        }
        if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " stray bytes after the entries");
        return s;
    }

    private static String readUtf(ByteBuffer in) {
        int n = Short.toUnsignedInt(in.getShort());
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
