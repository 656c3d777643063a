package dev.fusedgan.train;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.nn.Parameter;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes parameter values as named float arrays. Format (all big-endian, as {@link DataOutputStream}
 * writes): the 4 ASCII bytes "FGCK", int format version (1), int tensor count, then per tensor its name
 * (modified UTF-8 with a 2-byte length, {@link DataOutputStream#writeUTF}), int rows, int cols and
 * rows * cols float32 values in row-major order. Read back by {@link CheckpointReader}.
 */
public final class CheckpointWriter {
    static final int MAGIC = 0x4647434B;
    static final int VERSION = 1;

    private CheckpointWriter() {}

    public static void write(Backend be, List<Parameter> parameters, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(parameters.size());
            for (Parameter p : parameters) {
                out.writeUTF(p.name());
                out.writeInt(p.value().rows());
                out.writeInt(p.value().cols());
                for (float v : be.download(p.value())) out.writeFloat(v);
            }
        }
    }
}
