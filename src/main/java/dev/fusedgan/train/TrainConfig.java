package dev.fusedgan.train;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.loss.LossFunction;

import java.util.List;

/**
 * Every knob of a training run. Both networks are MLPs with the same hidden widths and activation;
 * their outputs are linear (the discriminator's output is a logit). One Adam configuration
 * ({@code learningRate}, {@code beta1}, {@code beta2}) drives both.
 *
 * @param data           "ring" or "grid"
 * @param steps          generator updates
 * @param batch          samples per batch (real and fake each)
 * @param seed           seeds weights, noise and data; the same seed gives the same run on the CPU
 * @param learningRate   Adam learning rate of both networks
 * @param decayFrom      fraction of the steps after which both learning rates fall linearly, reaching
 *                       learningRate / (remaining steps) at the last step; 1 = constant
 * @param beta1          Adam beta1
 * @param beta2          Adam beta2
 * @param dSteps         discriminator updates per generator update
 * @param gObjective     generator objective
 * @param dObjective     discriminator objective
 * @param bce            BCE_WITH_LOGITS (fused) or BCE_UNFUSED for the cross-entropy objectives
 * @param labelSmoothing one-sided smoothing of the real labels (0 = none)
 * @param hidden         hidden layer widths of both networks
 * @param activation     hidden activation of both networks
 * @param noiseDim       width of the generator's Normal(0, 1) input
 * @param evalSamples    generated samples scored at the end
 * @param dWarmup        discriminator-only updates before the first generator update (a head start for D,
 *                       on the untrained generator's samples); 0 = none
 */
public record TrainConfig(String data, int steps, int batch, long seed, float learningRate, float decayFrom, float beta1, float beta2,
                          int dSteps, GeneratorObjective gObjective, DiscriminatorObjective dObjective, LossFunction bce,
                          float labelSmoothing, List<Integer> hidden, Activation activation, int noiseDim, int evalSamples,
                          int dWarmup) {

    public static final String DATA = "ring";
    public static final int STEPS = 3000;
    public static final int BATCH = 128;
    public static final long SEED = 1;
    public static final float LEARNING_RATE = 1e-3f;
    public static final float DECAY_FROM = 0.5f;
    public static final float BETA1 = 0.5f;
    public static final float BETA2 = 0.999f;
    public static final int D_STEPS = 1;
    /** The default hidden widths as the command line writes them. */
    public static final String HIDDEN_TEXT = "64,64,64";
    public static final List<Integer> HIDDEN = List.of(64, 64, 64);
    public static final Activation ACTIVATION = Activation.RELU;
    public static final int NOISE_DIM = 2;
    public static final int EVAL_SAMPLES = 2500;

    public TrainConfig {
        if (data == null || data.isBlank()) throw new IllegalArgumentException("data set name is empty");
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (!(decayFrom >= 0 && decayFrom <= 1)) throw new IllegalArgumentException("decay start must be a fraction in [0, 1], got " + decayFrom);
        if (dSteps < 1) throw new IllegalArgumentException("d-steps must be >= 1, got " + dSteps);
        if (gObjective == null || dObjective == null) throw new IllegalArgumentException("objectives are required");
        if (bce == null || !bce.isCrossEntropy()) throw new IllegalArgumentException("bce must be BCE_WITH_LOGITS or BCE_UNFUSED, got " + bce);
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        if (labelSmoothing > 0 && dObjective == DiscriminatorObjective.HINGE) {
            throw new IllegalArgumentException("label smoothing does not apply to the hinge discriminator loss");
        }
        if (hidden == null || hidden.isEmpty()) throw new IllegalArgumentException("at least one hidden layer is required");
        for (int w : hidden) if (w < 1) throw new IllegalArgumentException("hidden widths must be >= 1, got " + hidden);
        hidden = List.copyOf(hidden);
        if (activation == null) throw new IllegalArgumentException("activation is required");
        if (noiseDim < 1) throw new IllegalArgumentException("noise dimension must be >= 1, got " + noiseDim);
        if (evalSamples < 1) throw new IllegalArgumentException("eval samples must be >= 1, got " + evalSamples);
        if (dWarmup < 0) throw new IllegalArgumentException("d-warmup must be >= 0, got " + dWarmup);
    }

    /** A run without a discriminator head start. */
    public TrainConfig(String data, int steps, int batch, long seed, float learningRate, float decayFrom, float beta1, float beta2,
                       int dSteps, GeneratorObjective gObjective, DiscriminatorObjective dObjective, LossFunction bce,
                       float labelSmoothing, List<Integer> hidden, Activation activation, int noiseDim, int evalSamples) {
        this(data, steps, batch, seed, learningRate, decayFrom, beta1, beta2, dSteps, gObjective, dObjective, bce, labelSmoothing,
                hidden, activation, noiseDim, evalSamples, 0);
    }

    /** The default run: the 8-mode ring, non-saturating G, cross-entropy D with the fused BCE. */
    public static TrainConfig defaults() {
        return new TrainConfig(DATA, STEPS, BATCH, SEED, LEARNING_RATE, DECAY_FROM, BETA1, BETA2, D_STEPS,
                GeneratorObjective.NON_SATURATING, DiscriminatorObjective.CROSS_ENTROPY, LossFunction.BCE_WITH_LOGITS,
                0f, HIDDEN, ACTIVATION, NOISE_DIM, EVAL_SAMPLES);
    }

    /** The learning rate of generator update {@code step} (1-based): constant, then a linear decay. */
    public float learningRateAt(long step) {
        long start = (long) Math.floor((double) decayFrom * steps);
        if (step <= start) return learningRate;
        return (float) ((double) learningRate * (steps - step + 1) / (steps - start));
    }

    public TrainConfig withSteps(int s) { return new TrainConfig(data, s, batch, seed, learningRate, decayFrom, beta1, beta2, dSteps, gObjective, dObjective, bce, labelSmoothing, hidden, activation, noiseDim, evalSamples, dWarmup); }

    public TrainConfig withBatch(int b) { return new TrainConfig(data, steps, b, seed, learningRate, decayFrom, beta1, beta2, dSteps, gObjective, dObjective, bce, labelSmoothing, hidden, activation, noiseDim, evalSamples, dWarmup); }

    public TrainConfig withSeed(long s) { return new TrainConfig(data, steps, batch, s, learningRate, decayFrom, beta1, beta2, dSteps, gObjective, dObjective, bce, labelSmoothing, hidden, activation, noiseDim, evalSamples, dWarmup); }

    public TrainConfig withHidden(List<Integer> h) { return new TrainConfig(data, steps, batch, seed, learningRate, decayFrom, beta1, beta2, dSteps, gObjective, dObjective, bce, labelSmoothing, h, activation, noiseDim, evalSamples, dWarmup); }

    public TrainConfig withObjectives(GeneratorObjective g, DiscriminatorObjective d) { return new TrainConfig(data, steps, batch, seed, learningRate, decayFrom, beta1, beta2, dSteps, g, d, bce, labelSmoothing, hidden, activation, noiseDim, evalSamples, dWarmup); }

    public TrainConfig withEvalSamples(int n) { return new TrainConfig(data, steps, batch, seed, learningRate, decayFrom, beta1, beta2, dSteps, gObjective, dObjective, bce, labelSmoothing, hidden, activation, noiseDim, n, dWarmup); }

    public TrainConfig withDWarmup(int w) { return new TrainConfig(data, steps, batch, seed, learningRate, decayFrom, beta1, beta2, dSteps, gObjective, dObjective, bce, labelSmoothing, hidden, activation, noiseDim, evalSamples, w); }
}
