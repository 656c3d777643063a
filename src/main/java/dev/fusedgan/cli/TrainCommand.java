package dev.fusedgan.cli;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.Backends;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.train.RunControl;
import dev.fusedgan.train.DataSets;
import dev.fusedgan.train.ImageDefaults;
import dev.fusedgan.train.RunSummary;
import dev.fusedgan.train.StopRequest;
import dev.fusedgan.train.TrainConfig;
import dev.fusedgan.train.TrainingInterruptedException;
import dev.fusedgan.train.TrainingListener;
import dev.fusedgan.train.TrainingRun;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code fusedgan train}: trains a GAN on a 2-D mixture or on images and writes a run directory. For image
 * data the options not given take {@link ImageDefaults} instead of the 2-D defaults.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a GAN on a 2-D Gaussian mixture or on images; prints the run directory when done.")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Main main;

    @Option(names = "--data", defaultValue = TrainConfig.DATA, description = "ring (8 modes), grid (25 modes), glyphs (28x28 images, built in) or idx:FILE"
                    + " (an MNIST-style IDX image file, plain or .gz); default ${DEFAULT-VALUE}")
    private String data;

    @Option(names = "--steps", defaultValue = "" + TrainConfig.STEPS, description = "generator updates; default ${DEFAULT-VALUE}")
    private int steps;

    @Option(names = "--batch", defaultValue = "" + TrainConfig.BATCH, description = "batch size; default ${DEFAULT-VALUE}")
    private int batch;

    @Option(names = "--seed", defaultValue = "" + TrainConfig.SEED, description = "seed of weights, noise and data; default ${DEFAULT-VALUE}")
    private long seed;

    @Option(names = "--lr", defaultValue = "" + TrainConfig.LEARNING_RATE, description = "Adam learning rate of both networks; default ${DEFAULT-VALUE}")
    private float learningRate;

    @Option(names = "--lr-decay-from", defaultValue = "" + TrainConfig.DECAY_FROM,
            description = "fraction of the steps after which the learning rates fall linearly (1 = constant); default ${DEFAULT-VALUE}")
    private float decayFrom;

    @Option(names = "--d-steps", defaultValue = "" + TrainConfig.D_STEPS, description = "D updates per G update; default ${DEFAULT-VALUE}")
    private int dSteps;

    @Option(names = "--d-warmup", defaultValue = "0", description = "D-only updates before the first G update (a head start for D); default ${DEFAULT-VALUE}")
    private int dWarmup;

    @Option(names = "--g-objective", defaultValue = "ns", converter = Converters.GeneratorObjectives.class,
            description = "ns (non-saturating), minimax, lsgan, hinge, fm (feature matching), or mse / mae"
                    + " (pixel loss against data samples, no discriminator); default ${DEFAULT-VALUE} (fm for image data)")
    private GeneratorObjective gObjective;

    @Option(names = "--d-objective", converter = Converters.DiscriminatorObjectives.class,
            description = "ce (cross-entropy), lsgan or hinge; default: lsgan for --g-objective lsgan, hinge for hinge, else ce")
    private DiscriminatorObjective dObjective;

    @Option(names = "--bce", defaultValue = "fused", converter = Converters.Bce.class,
            description = "fused (stable BCE with logits, one pass) or unfused (sigmoid, then log); default ${DEFAULT-VALUE}")
    private LossFunction bce;

    @Option(names = "--label-smoothing", defaultValue = "0", description = "one-sided smoothing of the real labels, in [0, 1); default ${DEFAULT-VALUE}")
    private float labelSmoothing;

    @Option(names = "--hidden", defaultValue = TrainConfig.HIDDEN_TEXT, split = ",", description = "hidden widths of both networks; default ${DEFAULT-VALUE}")
    private List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu", converter = Converters.Activations.class,
            description = "hidden activation: relu, leaky_relu[:slope], tanh, sigmoid; default ${DEFAULT-VALUE}")
    private Activation activation;

    @Option(names = "--sample-every", defaultValue = "0", description = "draw samples into RUN_DIR/samples/step-NNNNNN.png every K steps (0 = never); default ${DEFAULT-VALUE}")
    private int sampleEvery;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda; default ${DEFAULT-VALUE}")
    private String device;

    @Option(names = "--out", description = "run directory; default runs/<data>-seed<seed>-<timestamp>")
    private Path out;

    @Option(names = "--quiet", description = "no progress bar")
    private boolean quiet;

    @Option(names = "--checkpoint-every", defaultValue = "" + RunControl.CHECKPOINT_EVERY,
            description = "steps between checkpoints (one is also written at the end and on SIGINT/SIGTERM); default ${DEFAULT-VALUE}")
    private int checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue the run in RUN_DIR from its checkpoint with its saved configuration (--steps may raise the total)")
    private Path resume;

    /** The options --resume can be combined with; the others would change the saved configuration. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--steps", "--hidden", "--device", "--quiet", "--checkpoint-every",
            "--sample-every");

    @Override
    public Integer call() throws Exception {
        PrintStream err = main.err();
        RunControl control = new RunControl(checkpointEvery, StopRequest.NEVER);
        Snapshot checkpoint = resume == null ? null : TrainingRun.readCheckpoint(resume);
        TrainConfig config = checkpoint == null ? askedConfig() : resumedConfig(checkpoint);
        Path directory = resume != null ? resume : out != null ? out : Path.of("runs", DataSets.shortName(data) + "-seed" + seed + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try (var be = Backends.open(device, note -> err.println("fusedgan: " + note)); SignalStop signals = new SignalStop()) {
            control = new RunControl(control.checkpointEvery(), signals);
            long start = checkpoint == null ? 0 : TrainingRun.savedStep(checkpoint);
            RunSummary summary;
            try {
                if (quiet) {
                    summary = TrainingRun.execute(be, config, directory, checkpoint, control, TrainingListener.NONE, err, sampleEvery);
                } else {
                    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train " + config.data()).setInitialMax(config.steps())
                            .startsFrom(start, Duration.ZERO)
                            .setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250).build()) {
                        summary = TrainingRun.execute(be, config, directory, checkpoint, control, d -> bar.step(), err, sampleEvery);
                    }
                }
            } catch (TrainingInterruptedException e) {
                err.println("fusedgan: " + e.getMessage());
                return SignalStop.exitCode(e.reason());
            }
            main.out().println(summary.oneLine());
            main.out().println(directory);
        }
        return 0;
    }

    private TrainConfig askedConfig() {
        TrainConfig config = new TrainConfig(data, steps, batch, seed, learningRate, decayFrom, TrainConfig.BETA1, TrainConfig.BETA2,
                dSteps, gObjective, dObjective == null ? gObjective.defaultDiscriminator() : dObjective, bce,
                labelSmoothing, hidden, activation, TrainConfig.NOISE_DIM, TrainConfig.EVAL_SAMPLES, dWarmup);
        return DataSets.isImage(data) ? imageDefaultsWhereNotGiven(config) : config;
    }

    /** The saved configuration, with the total steps and the hidden widths if given (the checkpoint must fit them). */
    private TrainConfig resumedConfig(Snapshot checkpoint) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (CommandLine.Model.OptionSpec o : parsed.matchedOptions()) {
            if (!RESUME_OPTIONS.contains(o.longestName())) {
                throw new IllegalArgumentException(o.longestName() + " cannot be combined with --resume: the run keeps the configuration"
                        + " saved in its checkpoint (only --steps may change)");
            }
        }
        TrainConfig saved = TrainingRun.savedConfig(resume, checkpoint);
        if (parsed.hasMatchedOption("--steps")) saved = saved.withSteps(steps);
        if (parsed.hasMatchedOption("--hidden")) saved = saved.withHidden(hidden);
        return saved;
    }

    /** {@code given} with the {@link ImageDefaults} for every option the command line left out. */
    private TrainConfig imageDefaultsWhereNotGiven(TrainConfig given) {
        TrainConfig d = ImageDefaults.config(data);
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        boolean gObjectiveGiven = parsed.hasMatchedOption("--g-objective");
        return new TrainConfig(data,
                parsed.hasMatchedOption("--steps") ? given.steps() : d.steps(),
                parsed.hasMatchedOption("--batch") ? given.batch() : d.batch(),
                given.seed(),
                parsed.hasMatchedOption("--lr") ? given.learningRate() : d.learningRate(),
                parsed.hasMatchedOption("--lr-decay-from") ? given.decayFrom() : d.decayFrom(),
                given.beta1(), given.beta2(), given.dSteps(),
                gObjectiveGiven ? given.gObjective() : d.gObjective(),
                gObjectiveGiven || parsed.hasMatchedOption("--d-objective") ? given.dObjective() : d.dObjective(),
                given.bce(), given.labelSmoothing(),
                parsed.hasMatchedOption("--hidden") ? given.hidden() : d.hidden(),
                parsed.hasMatchedOption("--activation") ? given.activation() : d.activation(),
                d.noiseDim(), d.evalSamples(), given.dWarmup());
    }
}
