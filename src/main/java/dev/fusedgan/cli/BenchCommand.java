package dev.fusedgan.cli;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.Backends;
import dev.fusedgan.bench.BenchCsv;
import dev.fusedgan.bench.BenchRun;
import dev.fusedgan.bench.Comparison;
import dev.fusedgan.bench.LossBench;
import dev.fusedgan.bench.StepBench;
import dev.fusedgan.cpu.CpuBackend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code fusedgan bench}: the loss-kernel and training-step benchmarks ({@code bench loss},
 * {@code bench train-step}, or both / {@code --suite}), and {@code bench compare}, which sets a run's CSV
 * beside bench_torch.py's. Exit 1 when a variant failed validation (it is then not timed).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the loss kernels (validated against the CPU first) and the GAN training step.",
        subcommands = {BenchCommand.Loss.class, BenchCommand.TrainStep.class, BenchCommand.Compare.class})
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private Settings settings;

    @Option(names = "--suite", defaultValue = "all", description = "loss, step or all; default ${DEFAULT-VALUE}")
    private String suite;

    @Override
    public Integer call() throws Exception {
        return switch (suite.toLowerCase(Locale.ROOT)) {
            case "loss" -> settings.run(spec, true, false);
            case "step", "train-step" -> settings.run(spec, false, true);
            case "all" -> settings.run(spec, true, true);
            default -> throw new IllegalArgumentException("unknown suite '" + suite + "' (expected loss, step or all)");
        };
    }

    @Command(name = "loss", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Loss-kernel suite: fused (target tensor, scalar target), unfused and CPU against the copy bandwidth.")
    static final class Loss implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private Settings settings;

        @Override
        public Integer call() throws Exception { return settings.run(spec, true, false); }
    }

    @Command(name = "train-step", aliases = "step", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Training-step suite: the 28x28 MLP GAN, one D and one G step per iteration.")
    static final class TrainStep implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private Settings settings;

        @Override
        public Integer call() throws Exception { return settings.run(spec, false, true); }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Sets a bench CSV beside bench_torch.py's CSV: speedups and the targets.")
    static final class Compare implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--java", required = true, description = "bench.csv written by fusedgan bench")
        private Path java;

        @Option(names = "--torch", required = true, description = "the CSV written by benchmarks/pytorch/bench_torch.py")
        private Path torch;

        @Option(names = "--out", description = "also write the comparison to this file")
        private Path out;

        @Override
        public Integer call() throws Exception {
            for (Path p : List.of(java, torch)) {
                if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no such file: " + p);
            }
            String report = Comparison.report(BenchCsv.read(java), BenchCsv.read(torch));
            PrintWriter w = spec.commandLine().getOut();
            w.print(report);
            w.flush();
            if (out != null) Files.writeString(out, report, StandardCharsets.UTF_8);
            return 0;
        }
    }

    /** Options shared by the suites; size defaults depend on whether the device is a GPU. */
    static final class Settings {
        @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda; default ${DEFAULT-VALUE}")
        String device;

        @Option(names = "--out", description = "output directory; default runs/bench-<timestamp>")
        Path out;

        @Option(names = "--warmup", defaultValue = "5", description = "untimed calls before timing; default ${DEFAULT-VALUE}")
        int warmup;

        @Option(names = "--repeats", defaultValue = "20", description = "timed calls per row (median reported); default ${DEFAULT-VALUE}")
        int repeats;

        @Option(names = "--seed", defaultValue = "1234", description = "Philox seed of all data; default ${DEFAULT-VALUE}")
        long seed;

        @Option(names = "--min-log2", defaultValue = "10", description = "smallest loss size 2^k; default ${DEFAULT-VALUE}")
        int minLog2;

        @Option(names = "--max-log2", description = "largest loss size 2^k; default 27 on a GPU, 20 on the CPU")
        Integer maxLog2;

        @Option(names = "--cpu-max-log2", defaultValue = "20", description = "largest size of the cpu loss variant; default ${DEFAULT-VALUE}")
        int cpuMaxLog2;

        @Option(names = "--validate-log2", defaultValue = "20",
                description = "the CPU reference runs on blocks of 2^k elements that larger inputs repeat; default ${DEFAULT-VALUE}")
        int validateLog2;

        @Option(names = "--copy-log2", description = "floats copied for the copy bandwidth; default 27 on a GPU, 22 on the CPU")
        Integer copyLog2;

        @Option(names = "--flush-mib", defaultValue = "128", description = "cache-flush scratch written between repeats; default ${DEFAULT-VALUE}")
        int flushMiB;

        @Option(names = "--batches", split = ",", description = "step-suite batch sizes; default 64,256,4096 on a GPU, 64 on the CPU")
        List<Integer> batches;

        @Option(names = "--cpu-batches", split = ",", defaultValue = "64", description = "batch sizes of the cpu step variant; default ${DEFAULT-VALUE}")
        List<Integer> cpuBatches;

        @Option(names = "--cpu-repeats", defaultValue = "5", description = "timed iterations of the cpu step variant; default ${DEFAULT-VALUE}")
        int cpuRepeats;

        int run(CommandLine.Model.CommandSpec spec, boolean loss, boolean step) throws Exception {
            PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            try (Backend dev = Backends.open(device, note -> { err.println("fusedgan: " + note); err.flush(); });
                 CpuBackend cpu = new CpuBackend()) {
                boolean gpu = dev.isGpu();
                // On a CPU-only run the device is the reference engine itself: one CpuBackend serves as both.
                Backend reference = gpu ? cpu : dev;
                LossBench.Config lossConfig = !loss ? null : new LossBench.Config(minLog2, maxLog2 != null ? maxLog2 : gpu ? 27 : 20,
                        cpuMaxLog2, validateLog2, copyLog2 != null ? copyLog2 : gpu ? 27 : 22, warmup, repeats, flushMiB, seed);
                StepBench.Config stepConfig = !step ? null : new StepBench.Config(
                        batches != null ? batches : gpu ? List.of(64, 256, 4096) : List.of(64),
                        gpu ? cpuBatches : List.of(), warmup, repeats, cpuRepeats, seed);
                Path directory = out != null ? out : Path.of("runs", "bench-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                return BenchRun.run(new BenchRun.Settings(lossConfig, stepConfig, directory), dev, reference, stdout, err);
            }
        }
    }
}
