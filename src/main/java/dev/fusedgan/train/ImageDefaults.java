package dev.fusedgan.train;

import dev.fusedgan.backend.Activation;

import java.util.List;

/**
 * The defaults of an image run (--data glyphs or idx:FILE), in place of the 2-D ones of {@link TrainConfig}:
 * the usual MLP GAN for 28x28 images (noise 100, two hidden layers of 256 with LeakyReLU(0.2), G ending in
 * tanh), batch 64, Adam with beta1 0.5 (Radford et al. 2016) at 5e-4 rather than their 2e-4, because a
 * 3000-step CPU run is short and the faster rate gets further in it. The step count is what the embedded
 * glyphs need for recognisable samples in a few minutes on a 2-core CPU.
 */
public final class ImageDefaults {
    public static final int STEPS = 3000;
    public static final int BATCH = 64;
    public static final float LEARNING_RATE = 5e-4f;
    public static final float DECAY_FROM = 1f;
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
                d.gObjective(), d.dObjective(), d.bce(), d.labelSmoothing(), HIDDEN, ACTIVATION, NOISE_DIM, EVAL_SAMPLES);
    }
}
