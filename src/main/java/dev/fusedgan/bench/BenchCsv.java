package dev.fusedgan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes {@link BenchRow}s as CSV with the header {@link #HEADER}; bench_torch.py writes the same
 * columns. Fields holding a comma or a quote are quoted (RFC 4180); empty numeric fields mean "not applicable".
 */
public final class BenchCsv {
    private BenchCsv() {}

    public static final List<String> HEADER = List.of("suite", "variant", "device", "n", "status", "ms_median", "ms_min",
            "bytes", "gb_per_s", "pct_copy", "launches_per_call", "samples_per_s", "note");

    public static void write(Path file, List<BenchRow> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (BenchRow r : rows) {
            List<String> f = List.of(r.suite(), r.variant(), r.device(), Long.toString(r.n()), r.status().name(),
                    num(r.msMedian(), "%.5f"), num(r.msMin(), "%.5f"), r.bytes() < 0 ? "" : Long.toString(r.bytes()),
                    num(r.gbPerS(), "%.2f"), num(r.pctCopy(), "%.2f"), num(r.launchesPerCall(), "%.2f"),
                    num(r.samplesPerS(), "%.1f"), r.note());
            sb.append(String.join(",", f.stream().map(BenchCsv::quote).toList())).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Reads a file written by {@link #write} or by bench_torch.py; a missing column or bad number names the line. */
    public static List<BenchRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IllegalArgumentException(file + ": empty file, expected the header " + String.join(",", HEADER));
        List<String> header = split(lines.getFirst());
        int[] at = new int[HEADER.size()];
        for (int i = 0; i < HEADER.size(); i++) {
            at[i] = header.indexOf(HEADER.get(i));
            if (at[i] < 0) throw new IllegalArgumentException(file + ": no column '" + HEADER.get(i) + "' in the header");
        }
        List<BenchRow> rows = new ArrayList<>();
        for (int line = 1; line < lines.size(); line++) {
            if (lines.get(line).isBlank()) continue;
            List<String> f = split(lines.get(line));
            if (f.size() < header.size()) {
                throw new IllegalArgumentException(file + " line " + (line + 1) + ": " + f.size() + " fields, expected " + header.size());
            }
            try {
                rows.add(new BenchRow(f.get(at[0]), f.get(at[1]), f.get(at[2]), Long.parseLong(f.get(at[3])),
                        BenchRow.Status.valueOf(f.get(at[4])), dbl(f.get(at[5])), dbl(f.get(at[6])),
                        f.get(at[7]).isEmpty() ? -1 : Long.parseLong(f.get(at[7])), dbl(f.get(at[8])), dbl(f.get(at[9])),
                        dbl(f.get(at[10])), dbl(f.get(at[11])), f.get(at[12])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (line + 1) + ": " + e.getMessage());
            }
        }
        return rows;
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    private static double dbl(String s) { return s.isEmpty() ? Double.NaN : Double.parseDouble(s); }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Splits one CSV line, honouring double-quoted fields with "" as an escaped quote. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
