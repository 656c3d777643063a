package dev.fusedgan.train;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * metrics.csv, one {@link StepDiagnostics} row per step. {@link #sync} forces the rows to disk before each
 * checkpoint, so the file always holds at least the rows up to the last checkpoint's step; on resume
 * {@link #truncate} drops the rows after it (steps that will be redone), so the file reads as one run.
 */
final class MetricsFile implements AutoCloseable {
    private final FileOutputStream stream;
    private final BufferedWriter writer;

    private MetricsFile(Path file, boolean append) throws IOException {
        stream = new FileOutputStream(file.toFile(), append);
        writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }

    /** A new file holding only the header (an older one is replaced). */
    static MetricsFile create(Path file) throws IOException {
        MetricsFile f = new MetricsFile(file, false);
        f.writer.write(StepDiagnostics.CSV_HEADER);
        f.writer.newLine();
        return f;
    }

    /** Appends to a file {@link #truncate} has checked. */
    static MetricsFile append(Path file) throws IOException { return new MetricsFile(file, true); }

    void write(StepDiagnostics d) throws IOException {
        writer.write(d.csvRow());
        writer.newLine();
    }

    void sync() throws IOException {
        writer.flush();
        stream.getFD().sync();
    }

    @Override
    public void close() throws IOException { writer.close(); }

    /**
     * Keeps the header and the rows of steps 1..{@code step} (returned parsed), atomically dropping whatever
     * follows; refuses a file that lacks any of those rows.
     */
    static List<StepDiagnostics> truncate(Path file, long step) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot resume: " + file + " is missing", e);
        }
        if (lines.isEmpty() || !lines.getFirst().equals(StepDiagnostics.CSV_HEADER)) {
            throw new IOException("cannot resume: " + file + " does not start with the metrics header");
        }
        if (lines.size() - 1 < step) {
            throw new IOException("cannot resume: " + file + " holds " + (lines.size() - 1) + " rows but the checkpoint is at step " + step);
        }
        List<StepDiagnostics> rows = new ArrayList<>();
        for (int i = 1; i <= step; i++) {
            StepDiagnostics d = StepDiagnostics.parseCsvRow(lines.get(i));
            if (d == null || d.step() != i) {
                throw new IOException("cannot resume: row " + i + " of " + file + " is not the row of step " + i + ": " + lines.get(i));
            }
            rows.add(d);
        }
        if (lines.size() - 1 > step) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines.subList(0, (int) step + 1), StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return rows;
    }
}
