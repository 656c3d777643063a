package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the chosen suites and writes their results: the table on {@code out} as rows come in, then the
 * targets; in the output directory {@value #CSV} (every row), {@value #CHART} (loss suite) and
 * {@value #REPORT} (the table and the targets). Returns the exit code: 0, or 1 when a variant failed
 * validation (after everything else has run and been written).
 */
public final class BenchRun {
    private BenchRun() {}

    public static final String CSV = "bench.csv";
    public static final String CHART = "loss.png";
    public static final String REPORT = "report.txt";

    /** Either config may be null to skip that suite. */
    public record Settings(LossBench.Config loss, StepBench.Config step, Path outDir) {
        public Settings {
            if (loss == null && step == null) throw new IllegalArgumentException("no suite to run");
            if (outDir == null) throw new IllegalArgumentException("no output directory");
        }
    }

    public static int run(Settings s, Backend device, Backend cpu, PrintWriter out, PrintWriter err) throws IOException {
        Files.createDirectories(s.outDir());
        List<BenchRow> rows = new ArrayList<>();
        StringBuilder report = new StringBuilder("device: " + device.name() + "\n" + ReportTable.header() + "\n");
        out.println("device: " + device.name());
        out.println(ReportTable.header());
        Consumer<BenchRow> onRow = r -> {
            rows.add(r);
            String line = ReportTable.line(r);
            report.append(line).append('\n');
            out.println(line);
            out.flush();
        };
        if (s.loss() != null) {
            List<LossVariant> variants = LossVariant.standard(device, cpu, s.loss().maxLog2(), s.loss().cpuMaxLog2());
            LossBench.Report loss = LossBench.run(s.loss(), device, cpu, variants, onRow);
            LossChart.write(s.outDir().resolve(CHART), loss.copy(), loss.rows());
        }
        if (s.step() != null) StepBench.run(s.step(), device, cpu, onRow);
        BenchCsv.write(s.outDir().resolve(CSV), rows);
        String targets = Targets.format(Targets.evaluate(rows));
        report.append('\n').append(targets);
        Files.writeString(s.outDir().resolve(REPORT), report.toString(), StandardCharsets.UTF_8);
        out.println();
        out.print(targets);
        out.println("results in " + s.outDir());
        out.flush();
        long failed = rows.stream().filter(r -> r.status() == BenchRow.Status.FAILED).count();
        if (failed > 0) {
            err.println("bench: " + failed + " row(s) FAILED validation and were not timed (see the note column of " + CSV + ")");
            err.flush();
            return 1;
        }
        return 0;
    }
}
