package dev.fusedgan.cli;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.backend.Backends;
import dev.fusedgan.report.ObjectiveExperiment;
import dev.fusedgan.report.ObjectivesReport;
import dev.fusedgan.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code fusedgan objectives}: plots every generator objective's loss and gradient over the
 * discriminator's logit, and the pixel-loss foil, computed by the project's own loss operations on the
 * chosen device, and writes objectives.md stating what they show. Like the other commands, an invalid
 * setting, an unusable device or an unusable output directory is one line {@code fusedgan: <message>}
 * and exit code 1; the output directory is printed last on success. With {@code --experiment} it also
 * trains the ring once per generator objective and condition ({@link ObjectiveExperiment}): experiment.png and experiment.md.
 */
@Command(name = "objectives", mixinStandardHelpOptions = true,
        description = "Plot the generator objectives' loss and gradient vs the discriminator's logit (and the MSE/MAE foil), "
                + "computed by fusedgan's own loss operations; writes two PNGs and objectives.md.")
public final class ObjectivesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "runs/objectives", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--points", defaultValue = "401", description = "Grid points per curve, 2..100001 (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the pixel-loss foil's random data and of the experiment runs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--experiment", description = "Also train the 8-mode ring once per generator objective (ns, minimax, lsgan, hinge, fm, mse), "
            + "balanced and with a discriminator head start, and write experiment.png and experiment.md (about 4 minutes on 2 CPU cores).")
    boolean experiment;

    @Option(names = "--experiment-steps", defaultValue = "" + TrainConfig.STEPS, description = "Steps of each experiment run (default: ${DEFAULT-VALUE}).")
    int experimentSteps;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (points < 2 || points > 100_001) {
            err.println("fusedgan: --points must be between 2 and 100001, got " + points);
            return 1;
        }
        if (experimentSteps < 1) {
            err.println("fusedgan: --experiment-steps must be >= 1, got " + experimentSteps);
            return 1;
        }
        String problem = prepare(out);
        if (problem != null) {
            err.println("fusedgan: cannot use " + out + " as the output directory: " + problem);
            return 1;
        }
        Backend opened;
        try {
            opened = Backends.open(device, note -> err.println("fusedgan: " + note));
        } catch (BackendUnavailableException | IllegalArgumentException e) {
            err.println("fusedgan: " + e.getMessage());
            return 1;
        }
        try (Backend be = opened) {
            ObjectivesReport.write(be, out, points, seed);
            if (experiment) ObjectiveExperiment.write(be, out, TrainConfig.defaults().withSeed(seed).withSteps(experimentSteps));
        } catch (UncheckedIOException e) {
            err.println("fusedgan: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(out);
        return 0;
    }

    /** Creates the directory; null when it is usable, else the reason in a few words. */
    private static String prepare(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) return p + " is a file, not a directory";
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            return e.getReason() != null ? e.getReason() : "cannot create " + e.getFile();
        } catch (IOException e) {
            return String.valueOf(e.getMessage());
        }
        if (!Files.isWritable(dir)) return "it is not writable";
        return null;
    }
}
