package dev.fusedgan.bench;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.gan.Objectives;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.nn.Adam;
import dev.fusedgan.nn.Mlp;
import dev.fusedgan.tensor.Tensor;

/**
 * One iteration of the MLP GAN PyTorch's examples use for 28x28 images, built from the nn and gan
 * packages: G 100-512-512-784 (LeakyReLU 0.2, Tanh output), D 784-512-512-1 (LeakyReLU 0.2, a logit
 * out), Adam(lr 2e-4, betas 0.5/0.999, eps 1e-8) on each, one D step then one G step.
 *
 * <p>D step: fake = G(z) for fresh Normal noise z; D runs once over [real; fake] stacked into 2m rows;
 * cross-entropy D loss; backward into D's parameters; Adam on D. G step: D(fake) with the updated D;
 * non-saturating G loss; backward through D (input gradient only) into G's parameters; Adam on G. The
 * fake batch of the D step is reused, as in PyTorch's DCGAN example. The "real" batch is Uniform(-1, 1)
 * Philox data made once on the backend (the benchmark times the step, not a data loader).
 * (Trainer.step() is not used: it trains other shapes and adds per-step diagnostics that sync the host.)
 *
 * <p>Nothing in an iteration waits for the device: the losses are written to a device tensor
 * ({@link Objectives#discriminatorInto}, {@link Objectives#generatorInto}) and read by {@link #losses()} only
 * when asked for, as the PyTorch side's loop never calls {@code .item()}. Reading them per iteration would add
 * a host round trip and a drained queue to every timed iteration.
 */
final class GanStep implements AutoCloseable {
    static final int NOISE = 100;
    static final int HIDDEN = 512;
    static final int IMAGE = 784;
    static final AdamConfig ADAM = new AdamConfig(2e-4f, 0.5f, 0.999f, 1e-8f);
    private static final long REAL_STREAM = 1L << 40;
    private static final long NOISE_STREAM = 2L << 40;

    /** The two losses of one iteration. */
    record Losses(float discriminator, float generator) {}

    private final Backend be;
    private final LossFunction bce;
    private final long seed;
    private final Mlp generator;
    private final Mlp discriminator;
    private final Adam adamG;
    private final Adam adamD;
    private final Mlp.Workspace gWork;
    private final Mlp.Workspace dBoth;
    private final Mlp.Workspace dFake;
    private final Tensor noise;
    private final Tensor dInput;
    private final Tensor fakeHalf;
    private final Tensor dLogitGrad;
    private final Tensor realLogits;
    private final Tensor fakeLogitsBoth;
    private final Tensor dRealGrad;
    private final Tensor dFakeGrad;
    private final Tensor gLogitGrad;
    private final Tensor fakeGrad;
    /** The last iteration's loss terms, (value, NaN count) per row: D's real and fake halves, then G's. */
    private final Tensor lossRows;
    private long draws;

    GanStep(Backend be, int batch, LossFunction bce, long seed) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        this.be = be;
        this.bce = bce;
        this.seed = seed;
        Activation leaky = Activation.leakyRelu(0.2f);
        generator = new Mlp(be, "G", new int[] {NOISE, HIDDEN, HIDDEN, IMAGE}, leaky, Activation.TANH);
        discriminator = new Mlp(be, "D", new int[] {IMAGE, HIDDEN, HIDDEN, 1}, leaky, Activation.IDENTITY);
        generator.initialise(seed, 0);
        discriminator.initialise(seed, 100);
        adamG = new Adam(be, ADAM, generator.parameters());
        adamD = new Adam(be, ADAM, discriminator.parameters());
        gWork = generator.workspace(batch);
        dBoth = discriminator.workspace(2 * batch);
        dFake = discriminator.workspace(batch);
        noise = be.allocate(batch, NOISE);
        dInput = be.allocate(2 * batch, IMAGE);
        fakeHalf = dInput.rowSlice(batch, 2 * batch);
        be.fillUniform(dInput.rowSlice(0, batch), seed, REAL_STREAM, -1f, 1f);
        dLogitGrad = be.allocate(2 * batch, 1);
        realLogits = dBoth.output().rowSlice(0, batch);
        fakeLogitsBoth = dBoth.output().rowSlice(batch, 2 * batch);
        dRealGrad = dLogitGrad.rowSlice(0, batch);
        dFakeGrad = dLogitGrad.rowSlice(batch, 2 * batch);
        gLogitGrad = be.allocate(batch, 1);
        fakeGrad = be.allocate(batch, IMAGE);
        lossRows = be.allocate(3, 2);
    }

    /** One iteration, enqueued without waiting for the device. */
    void iterate() {
        be.fillNormal(noise, seed, NOISE_STREAM + draws++, 0f, 1f);
        Tensor fake = generator.forward(gWork, noise);
        be.copy(fake, fakeHalf);
        discriminator.forward(dBoth, dInput);
        Objectives.discriminatorInto(be, DiscriminatorObjective.CROSS_ENTROPY, bce, realLogits, fakeLogitsBoth,
                dRealGrad, dFakeGrad, LabelSmoothing.NONE, lossRows.rowSlice(0, 2));
        discriminator.backward(dBoth, dInput, dLogitGrad, null, true);
        adamD.step();

        Tensor fakeLogits = discriminator.forward(dFake, fake);
        Objectives.generatorInto(be, GeneratorObjective.NON_SATURATING, bce, fakeLogits, gLogitGrad, lossRows.rowSlice(2, 3));
        discriminator.backward(dFake, fake, gLogitGrad, fakeGrad, false);
        generator.backward(gWork, noise, fakeGrad, null, true);
        adamG.step();
    }

    /** The last iteration's two losses (this waits for the device). */
    Losses losses() {
        float[] rows = be.download(lossRows);
        return new Losses(Objectives.total(java.util.Arrays.copyOfRange(rows, 0, 4)).value(),
                Objectives.total(java.util.Arrays.copyOfRange(rows, 4, 6)).value());
    }

    @Override
    public void close() {
        noise.close();
        dInput.close();
        dLogitGrad.close();
        gLogitGrad.close();
        fakeGrad.close();
        lossRows.close();
        generator.close();
        discriminator.close();
    }
}
