package dev.fusedgan.cli;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.backend.Backends;
import dev.fusedgan.cpu.CpuBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code fusedgan info}: what this machine offers fusedgan: the Java runtime, the CPU engine, and the CUDA engine
 * with its device, or the one-line reason it cannot be used. Exits 0 either way: it reports, it does not judge.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Java runtime and the engines this machine can run: the CPU, and the GPU or why not.")
final class InfoCommand implements Runnable {
    @ParentCommand
    private Main main;

    @Override
    public void run() {
        PrintStream out = main.out();
        Runtime rt = Runtime.getRuntime();
        out.printf(Locale.ROOT, "fusedgan 0.1.0 on Java %s (%s), %d cores, max heap %.1f GiB%n", Runtime.version(),
                System.getProperty("java.vendor"), rt.availableProcessors(), rt.maxMemory() / (double) (1L << 30));
        try (Backend cpu = new CpuBackend()) {
            out.println(cpu.details());
        }
        try (Backend cuda = Backends.openCuda()) {
            out.println(cuda.details());
        } catch (BackendUnavailableException e) {
            out.println("cuda: unavailable: " + e.getMessage());
        }
    }
}
