package dev.fusedgan.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the format {@link CheckpointWriter} documents, refusing anything else with a message naming the file. */
public final class CheckpointReader {
    private CheckpointReader() {}

    /** A named tensor of a checkpoint. */
    public record Entry(int rows, int cols, float[] values) {}

    /** The tensors in file order, by name. */
    public static Map<String, Entry> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != CheckpointWriter.MAGIC) throw new IOException(file + " is not a fusedgan checkpoint");
            int version = in.readInt();
            if (version != CheckpointWriter.VERSION) throw new IOException(file + ": unsupported checkpoint version " + version);
            int count = in.readInt();
            Map<String, Entry> out = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rows = in.readInt(), cols = in.readInt();
                if (rows < 0 || cols < 0) throw new IOException(file + ": tensor " + name + " has a negative shape");
                float[] values = new float[Math.multiplyExact(rows, cols)];
                for (int j = 0; j < values.length; j++) values[j] = in.readFloat();
                out.put(name, new Entry(rows, cols, values));
            }
            return out;
        }
    }
}
