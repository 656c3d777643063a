package dev.fusedgan.cli;

import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.checkpoint.CheckpointException;
import dev.fusedgan.cuda.CudaException;
import dev.fusedgan.data.image.DataFileException;
import dev.fusedgan.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code fusedgan} command line. Usage errors (unknown option, unparsable value) print the usage and
 * exit 2; expected failures (an invalid setting, no usable GPU, I/O, a diverged run) print one line
 * {@code fusedgan: <message>} and exit 1.
 */
@Command(name = "fusedgan", mixinStandardHelpOptions = true, version = "fusedgan 0.1.0",
        description = "GAN training from Java with a fused, numerically stable BCE with logits.",
        subcommands = {TrainCommand.class, BenchCommand.class, ObjectivesCommand.class, InfoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Standard output of this invocation (results; the run directory). */
    PrintStream out() { return out; }

    /** Standard error of this invocation (progress, warnings, errors). */
    PrintStream err() { return err; }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: fusedgan train)");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        // Subcommands write through these writers and through out()/err(); both flush per line.
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine cli = new CommandLine(new Main(out, err));
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        // `bench --suite loss`: an option's value may be spelled like a subcommand (bench has `loss` and `step`).
        cli.setAllowSubcommandsAsOptionParameters(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (!isExpected(e)) throw e;
            commandLine.getErr().println("fusedgan: " + oneLine(e));
            commandLine.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        int code = cli.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    private static boolean isExpected(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof BackendUnavailableException
                || e instanceof IOException || e instanceof UncheckedIOException || e instanceof TrainingDivergedException
                || e instanceof CheckpointException || e instanceof DataFileException || e instanceof CudaException;
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IOException && !(e.getMessage() != null && e.getMessage().contains(" "))) {
            message = e.getClass().getSimpleName() + ": " + message;
        }
        return message.replace('\n', ' ');
    }
}
