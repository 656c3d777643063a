package dev.fusedgan.data.image;

import java.nio.file.Path;

/**
 * A data file that cannot be used, with a one-line message naming the file and what is wrong with it,
 * fit to print as is.
 */
public final class DataFileException extends RuntimeException {
    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
