package dev.fusedgan.train;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.data.DataSource;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.gan.FeatureMatching;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.gan.Objectives;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.Target;
import dev.fusedgan.nn.Adam;
import dev.fusedgan.nn.Mlp;
import dev.fusedgan.nn.Parameter;
import dev.fusedgan.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Alternating GAN training over a {@link Backend}: each {@link #step} runs {@code dSteps} discriminator
 * updates and then one generator update (the first step after {@code dWarmup} more). Every tensor is allocated in the constructor; a step uploads one
 * real batch per D update and downloads only the logits (for the D-output means), loss values and
 * gradient norms. Both learning rates follow {@link TrainConfig#learningRateAt}.
 *
 * <p>The host waits for the device as little as a step allows: the loss values and squared gradient norms are
 * written on the device ({@code lossInto}, {@code sumOfSquaresInto}) and read with the logits after the G update,
 * so a step with one D update waits 4 times (the real batch's upload, then three downloads at the end, the first
 * of which drains the queue) where reading each value when computed waited 8 times. The norms pass through a
 * float on the way (relative rounding 6e-8; they are diagnostics only).
 *
 * <p>The D update runs one forward pass over [real; fake] stacked into one 2m-row input, so one GEMM per
 * layer serves both halves and the parameter gradients need no accumulation. The G update pushes fresh
 * noise through G and D, backpropagates the generator objective through D (input gradient only) into G.
 * Feature matching reads D's last hidden layer on the fake batch and on the last D step's real batch and
 * backpropagates from that layer. The pixel losses skip D altogether: each step draws one data batch and
 * pulls G(z) toward it; D's diagnostics are then 0.
 *
 * <p>G's output is linear, or tanh when the data lie in [-1, 1] ({@link DataSource#withinUnitRange}).
 */
public final class Trainer implements AutoCloseable {
    /** Philox streams: weights use small stream numbers; noise and evaluation have their own ranges. */
    static final long G_INIT_STREAM = 1000;
    static final long D_INIT_STREAM = 2000;
    static final long NOISE_STREAM = 2L << 40;
    static final long EVAL_STREAM = 3L << 40;

    private final Backend be;
    private final TrainConfig config;
    private final DataSource data;
    private final LabelSmoothing smoothing;
    private final Mlp generator;
    private final Mlp discriminator;
    private final Adam adamG;
    private final Adam adamD;
    private final List<Tensor> owned = new ArrayList<>();

    private final Mlp.Workspace gTrain;
    private final Mlp.Workspace gEval;
    private final Mlp.Workspace dBoth;
    private final Mlp.Workspace dFakeOnly;
    private final Tensor noise;
    private final Tensor evalNoise;
    private final Tensor dInput;
    private final Tensor realInput;
    private final Tensor fakeInput;
    private final Tensor realLogits;
    private final Tensor fakeLogits;
    private final Tensor dLogitGrad;
    private final Tensor dRealGrad;
    private final Tensor dFakeGrad;
    private final Tensor gLogitGrad;
    private final Tensor gOutGrad;
    private final float[] realHost;
    private final float[] logitsHost;
    private final float[] fakeLogitsHost;
    private final int featureLayer;
    private final Mlp.Workspace dRealOnly;
    private final FeatureMatching featureMatching;
    private final Tensor featureGrad;
    /**
     * The step's values, downloaded once at its end, (value, NaN count) or (value, 0) per row: D's real and fake
     * loss terms, G's loss, D's and G's squared gradient norms.
     */
    private final Tensor stepValues;
    private final Tensor dLossRows;
    private final Tensor gLossRow;
    private final Tensor dNormRow;
    private final Tensor gNormRow;
    /** D's logits on a step's first D update, kept for dFakeBefore when later D updates overwrite them. */
    private final Tensor firstLogits;

    private long dataBatches;
    private long noiseDraws;
    private long steps;

    public Trainer(Backend be, TrainConfig config, DataSource data) {
        this.be = be;
        this.config = config;
        this.data = data;
        this.smoothing = LabelSmoothing.oneSided(config.labelSmoothing());
        int m = config.batch();
        int dim = data.dimension();
        Activation gOutput = data.withinUnitRange() ? Activation.TANH : Activation.IDENTITY;
        generator = new Mlp(be, "G", widths(config.noiseDim(), config.hidden(), dim), config.activation(), gOutput);
        discriminator = new Mlp(be, "D", widths(dim, config.hidden(), 1), config.activation(), Activation.IDENTITY);
        generator.initialise(config.seed(), G_INIT_STREAM);
        discriminator.initialise(config.seed(), D_INIT_STREAM);
        AdamConfig adam = new AdamConfig(config.learningRate(), config.beta1(), config.beta2(), 1e-8f);
        adamG = new Adam(be, adam, generator.parameters());
        adamD = new Adam(be, adam, discriminator.parameters());

        gTrain = generator.workspace(m);
        gEval = generator.workspace(config.evalSamples());
        dBoth = discriminator.workspace(2 * m);
        dFakeOnly = discriminator.workspace(m);
        noise = own(be.allocate(m, config.noiseDim()));
        evalNoise = own(be.allocate(config.evalSamples(), config.noiseDim()));
        be.fillNormal(evalNoise, config.seed(), EVAL_STREAM, 0f, 1f);
        dInput = own(be.allocate(2 * m, dim));
        realInput = dInput.rowSlice(0, m);
        fakeInput = dInput.rowSlice(m, 2 * m);
        realLogits = dBoth.output().rowSlice(0, m);
        fakeLogits = dBoth.output().rowSlice(m, 2 * m);
        dLogitGrad = own(be.allocate(2 * m, 1));
        dRealGrad = dLogitGrad.rowSlice(0, m);
        dFakeGrad = dLogitGrad.rowSlice(m, 2 * m);
        gLogitGrad = own(be.allocate(m, 1));
        gOutGrad = own(be.allocate(m, dim));
        realHost = new float[m * dim];
        logitsHost = new float[2 * m];
        fakeLogitsHost = new float[m];
        featureLayer = config.hidden().size() - 1;
        boolean fm = config.gObjective() == GeneratorObjective.FEATURE_MATCHING;
        int features = config.hidden().getLast();
        dRealOnly = fm ? discriminator.workspace(m) : null;
        featureMatching = fm ? new FeatureMatching(be, m, features) : null;
        featureGrad = fm ? own(be.allocate(m, features)) : null;
        stepValues = own(be.allocate(5, 2));
        dLossRows = stepValues.rowSlice(0, 2);
        gLossRow = stepValues.rowSlice(2, 3);
        dNormRow = stepValues.rowSlice(3, 4);
        gNormRow = stepValues.rowSlice(4, 5);
        firstLogits = own(be.allocate(2 * m, 1));
    }

    private static int[] widths(int in, List<Integer> hidden, int out) {
        int[] w = new int[hidden.size() + 2];
        w[0] = in;
        for (int i = 0; i < hidden.size(); i++) w[i + 1] = hidden.get(i);
        w[w.length - 1] = out;
        return w;
    }

    private Tensor own(Tensor t) {
        owned.add(t);
        return t;
    }

    public Mlp generator() { return generator; }

    public Mlp discriminator() { return discriminator; }

    public TrainConfig config() { return config; }

    /**
     * One training step: {@code dSteps} D updates, then one G update. The first step runs {@code dWarmup}
     * extra D updates first. That head start needs no state of its own: a snapshot is taken between steps,
     * so it is either before step 1 (the warm-up still to come) or after it (its draws and Adam steps are in
     * the data-batch, noise-draw and Adam counters).
     */
    public StepDiagnostics step() {
        int m = config.batch();
        steps++;
        float lr = config.learningRateAt(steps);
        adamD.setLearningRate(lr);
        adamG.setLearningRate(lr);
        boolean pixel = config.gObjective().pixelLoss();
        int dSteps = pixel ? 0 : config.dSteps() + (steps == 1 ? config.dWarmup() : 0);
        for (int k = 0; k < dSteps; k++) {
            data.sample(dataBatches++, realHost);
            be.upload(realHost, realInput);
            be.fillNormal(noise, config.seed(), NOISE_STREAM + noiseDraws++, 0f, 1f);
            be.copy(generator.forward(gTrain, noise), fakeInput);
            Tensor logits = discriminator.forward(dBoth, dInput);
            Objectives.discriminatorInto(be, config.dObjective(), config.bce(), realLogits, fakeLogits, dRealGrad, dFakeGrad,
                    smoothing, dLossRows);
            discriminator.backward(dBoth, dInput, dLogitGrad, null, true);
            if (k == 0 && dSteps > 1) be.copy(logits, firstLogits);
            if (k == dSteps - 1) discriminator.gradSumOfSquaresInto(dNormRow);
            adamD.step();
        }

        be.fillNormal(noise, config.seed(), NOISE_STREAM + noiseDraws++, 0f, 1f);
        Tensor fake = generator.forward(gTrain, noise);
        Tensor gFakeLogits = pixel ? pixelLoss(fake) : lossThroughDiscriminator(fake);
        generator.backward(gTrain, noise, gOutGrad, null, true);
        generator.gradSumOfSquaresInto(gNormRow);
        adamG.step();

        // Everything above was only enqueued; the first download waits for it.
        float[] values = be.download(stepValues);
        float gLoss = Objectives.total(Arrays.copyOfRange(values, 4, 6)).value();
        double gGradNorm = Math.sqrt(values[8]);
        float dLoss = 0;
        double dReal = 0, dFakeBefore = 0, dFakeAfter = 0, dGradNorm = 0;
        if (dSteps > 0) {
            dLoss = Objectives.total(Arrays.copyOfRange(values, 0, 4)).value();
            dGradNorm = Math.sqrt(values[6]);
            be.download(dBoth.output(), logitsHost);
            dReal = meanOutput(logitsHost, 0, m);
            if (dSteps > 1) be.download(firstLogits, logitsHost);
            dFakeBefore = meanOutput(logitsHost, m, 2 * m);
        }
        if (!pixel) {
            be.download(gFakeLogits, fakeLogitsHost);
            dFakeAfter = meanOutput(fakeLogitsHost, 0, m);
        }
        return new StepDiagnostics(steps, dLoss, gLoss, dReal, dFakeBefore, dFakeAfter, gGradNorm, dGradNorm);
    }

    /** G's objective through D into gLossRow; leaves dL/dG(z) in gOutGrad and returns D's logits for the fake. */
    private Tensor lossThroughDiscriminator(Tensor fake) {
        Tensor gFakeLogits = discriminator.forward(dFakeOnly, fake);
        if (featureMatching != null) {
            discriminator.forward(dRealOnly, realInput);
            featureMatching.lossInto(dRealOnly.activation(featureLayer), dFakeOnly.activation(featureLayer), featureGrad, gLossRow);
            discriminator.backwardFrom(dFakeOnly, fake, featureLayer, featureGrad, gOutGrad, false);
        } else {
            Objectives.generatorInto(be, config.gObjective(), config.bce(), gFakeLogits, gLogitGrad, gLossRow);
            discriminator.backward(dFakeOnly, fake, gLogitGrad, gOutGrad, false);
        }
        return gFakeLogits;
    }

    /** The pixel-loss foil: G(z) against a fresh data batch, row by row, into gLossRow; no discriminator (returns null). */
    private Tensor pixelLoss(Tensor fake) {
        data.sample(dataBatches++, realHost);
        be.upload(realHost, realInput);
        LossFunction f = config.gObjective() == GeneratorObjective.PIXEL_MSE ? LossFunction.SQUARED_ERROR : LossFunction.ABSOLUTE_ERROR;
        be.lossInto(f, fake, Target.of(realInput), LossOptions.MEAN, gOutGrad, null, gLossRow);
        return null;
    }

    /** Mean D output over logits[from, to): sigmoid probabilities for cross-entropy, raw values otherwise. */
    private double meanOutput(float[] logits, int from, int to) {
        boolean probability = config.dObjective() == DiscriminatorObjective.CROSS_ENTROPY;
        double s = 0;
        for (int i = from; i < to; i++) s += probability ? 1 / (1 + Math.exp(-logits[i])) : logits[i];
        return s / (to - from);
    }

    /**
     * {@code evalSamples} generated samples (row-major) from the fixed evaluation noise, drawn once in the
     * constructor, so runs with the same seed are scored on the same z.
     */
    public float[] generateEvaluationSamples() {
        return be.download(generator.forward(gEval, evalNoise));
    }

    /** Generator updates taken so far (restored ones included). */
    public long steps() { return steps; }

    /**
     * Everything needed to continue exactly (layout in {@link TrainerState}): every parameter with its Adam
     * moments, both Adam step counts, the step, data-batch and noise-draw counters (with the seed in the
     * configuration they are the whole random state, the streams being counter-based) and the configuration.
     */
    public Snapshot snapshot() {
        Snapshot s = new Snapshot();
        TrainerState.putParameters(be, s, parameters());
        return s.putCounter(TrainerState.STEP, steps)
                .putCounter(TrainerState.DATA_BATCHES, dataBatches)
                .putCounter(TrainerState.NOISE_DRAWS, noiseDraws)
                .putCounter(TrainerState.ADAM_G_STEPS, adamG.steps())
                .putCounter(TrainerState.ADAM_D_STEPS, adamD.steps())
                .putText(TrainerState.CONFIG, TrainerState.configJson(config));
    }

    /**
     * Continues from {@code s}; a snapshot whose tensors do not match this trainer's networks (name or shape)
     * is refused with {@link dev.fusedgan.checkpoint.CheckpointException} before anything changes.
     */
    public void restore(Snapshot s) {
        long step = TrainerState.nonNegative(s, TrainerState.STEP);
        long batches = TrainerState.nonNegative(s, TrainerState.DATA_BATCHES);
        long draws = TrainerState.nonNegative(s, TrainerState.NOISE_DRAWS);
        long gSteps = TrainerState.nonNegative(s, TrainerState.ADAM_G_STEPS);
        long dSteps = TrainerState.nonNegative(s, TrainerState.ADAM_D_STEPS);
        TrainerState.loadParameters(be, s, parameters());
        steps = step;
        dataBatches = batches;
        noiseDraws = draws;
        adamG.restoreSteps(gSteps);
        adamD.restoreSteps(dSteps);
    }

    private List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(generator.parameters());
        all.addAll(discriminator.parameters());
        return all;
    }

    @Override
    public void close() {
        for (Tensor t : owned) t.close();
        if (featureMatching != null) featureMatching.close();
        generator.close();
        discriminator.close();
    }
}
