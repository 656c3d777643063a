package dev.fusedgan.train;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.gan.GeneratorObjective;

import java.util.List;

/**
 * The defaults of an image run (--data glyphs or idx:FILE), in place of the 2-D ones of {@link TrainConfig}:
 * the usual MLP GAN for 28x28 images (noise 100, two hidden layers of 256 with LeakyReLU(0.2), G ending in
 * tanh), batch 64, Adam with beta1 0.5 (Radford et al. 2016) at 5e-4 rather than their 2e-4, because a
 * short CPU run gets further with the faster rate.
 * <p>
 * G is trained by feature matching, not the non-saturating BCE, because on the embedded glyphs (seed 1, 2-core
 * CPU) the non-saturating G kept 5 of 10 classes (class KL 0.84 at 1500 and at 3000 steps; label smoothing 0.2
 * and LSGAN did not change that) while feature matching kept 9 (KL 0.23 at 1500 steps, 0.11 with these
 * defaults). The price is speckled samples: nearest-reference distance ratio 1.72 against 1.13. The rates fall
 * linearly over the second half (ratio 1.88 at 3000 steps, 1.72 at 4500), and 4500 steps stay under five
 * minutes on that CPU. README "Images" has the whole comparison.
 */
public final class ImageDefaults {
    public static final int STEPS = 4500;
    public static final int BATCH = 64;
    public static final float LEARNING_RATE = 5e-4f;
    public static final float DECAY_FROM = 0.5f;
    public static final GeneratorObjective G_OBJECTIVE = GeneratorObjective.FEATURE_MATCHING;
    public static final String HIDDEN_TEXT = "256,256";
    public static final List<Integer> HIDDEN = List.of(256, 256);
    public static final Activation ACTIVATION = Activation.leakyRelu(0.2f);
    public static final int NOISE_DIM = 100;
    public static final int EVAL_SAMPLES = 1000;

    private ImageDefaults() {}

    /** The default image run on {@code data}. */
    public static TrainConfig config(String data) {
        TrainConfig d = TrainConfig.defaults();
        return new TrainConfig(data, STEPS, BATCH, d.seed(), LEARNING_RATE, DECAY_FROM, d.beta1(), d.beta2(), d.dSteps(),
                G_OBJECTIVE, G_OBJECTIVE.defaultDiscriminator(), d.bce(), d.labelSmoothing(), HIDDEN, ACTIVATION, NOISE_DIM, EVAL_SAMPLES);
    }
}
