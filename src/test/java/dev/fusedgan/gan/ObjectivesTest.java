package dev.fusedgan.gan;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.loss.LabelSmoothing;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every objective against its closed form, evaluated here in double. Tolerance |a - b| <= 1e-5 + 1e-5 |ref|:
 * the fused loss is computed in double per element and rounded to float32 once (relative error ~6e-8), and
 * the mean over m = 257 elements adds at most a few float roundings.
 */
class ObjectivesTest {
    private static final int M = 257;
    private final Backend be = new CpuBackend();

    @AfterEach
    void close() { be.close(); }

    /** Normal logits with every fifth one scaled by 60, so the stable branches (|l| up to ~200) are exercised. */
    private static float[] logits(long seed) {
        Random r = new Random(seed);
        float[] x = new float[M];
        for (int i = 0; i < M; i++) x[i] = (float) (r.nextGaussian() * (i % 5 == 0 ? 60 : 2));
        return x;
    }

    static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }

    static double sigmoid(double x) { return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); }

    private static void close(double expected, double actual, String what) {
        double tol = 1e-5 + 1e-5 * Math.abs(expected);
        assertTrue(Math.abs(expected - actual) <= tol, what + ": expected " + expected + ", got " + actual);
    }

    private void checkGenerator(GeneratorObjective o, DoubleUnaryOperator loss, DoubleUnaryOperator grad) {
        float[] l = logits(o.ordinal() + 11);
        try (Tensor x = be.upload(l, M, 1); Tensor g = be.allocate(M, 1)) {
            LossResult r = Objectives.generator(be, o, x, g);
            double sum = 0;
            for (float v : l) sum += loss.applyAsDouble(v);
            close(sum / M, r.value(), o + " loss");
            float[] got = be.download(g);
            for (int i = 0; i < M; i++) close(grad.applyAsDouble(l[i]) / M, got[i], o + " gradient at logit " + l[i]);
        }
    }

    @Test
    void nonSaturatingGeneratorIsMeanSoftplusOfMinusLogit() {
        checkGenerator(GeneratorObjective.NON_SATURATING, x -> softplus(-x), x -> sigmoid(x) - 1);
    }

    @Test
    void minimaxGeneratorIsMinusMeanSoftplusOfLogit() {
        checkGenerator(GeneratorObjective.MINIMAX, x -> -softplus(x), x -> -sigmoid(x));
    }

    @Test
    void leastSquaresGeneratorIsHalfMeanSquaredDistanceToOne() {
        checkGenerator(GeneratorObjective.LEAST_SQUARES, x -> 0.5 * (x - 1) * (x - 1), x -> x - 1);
    }

    @Test
    void hingeGeneratorIsMinusMeanLogit() {
        checkGenerator(GeneratorObjective.HINGE, x -> -x, x -> -1);
    }

    private void checkDiscriminator(DiscriminatorObjective o, LossFunction bce, LabelSmoothing smoothing, float[] real, float[] fake,
                                    DoubleUnaryOperator realLoss, DoubleUnaryOperator realGrad,
                                    DoubleUnaryOperator fakeLoss, DoubleUnaryOperator fakeGrad, double relTol) {
        try (Tensor r = be.upload(real, M, 1); Tensor f = be.upload(fake, M, 1);
             Tensor dr = be.allocate(M, 1); Tensor df = be.allocate(M, 1)) {
            LossResult res = Objectives.discriminator(be, o, bce, r, f, dr, df, smoothing);
            double sum = 0;
            for (int i = 0; i < M; i++) sum += realLoss.applyAsDouble(real[i]) + fakeLoss.applyAsDouble(fake[i]);
            assertTrue(Math.abs(sum / M - res.value()) <= relTol * (1 + Math.abs(sum / M)),
                    o + " loss: expected " + sum / M + ", got " + res.value());
            float[] gr = be.download(dr), gf = be.download(df);
            for (int i = 0; i < M; i++) {
                double er = realGrad.applyAsDouble(real[i]) / M, ef = fakeGrad.applyAsDouble(fake[i]) / M;
                assertTrue(Math.abs(er - gr[i]) <= relTol * (1e-3 + Math.abs(er)), o + " real gradient at " + real[i] + ": " + er + " vs " + gr[i]);
                assertTrue(Math.abs(ef - gf[i]) <= relTol * (1e-3 + Math.abs(ef)), o + " fake gradient at " + fake[i] + ": " + ef + " vs " + gf[i]);
            }
        }
    }

    @Test
    void crossEntropyDiscriminatorIsHalfTheTwoClassMean() {
        // D = 1/(2m) sum [softplus(l_fake) + softplus(-l_real)]
        checkDiscriminator(DiscriminatorObjective.CROSS_ENTROPY, LossFunction.BCE_WITH_LOGITS, LabelSmoothing.NONE,
                logits(1), logits(2),
                x -> 0.5 * softplus(-x), x -> 0.5 * (sigmoid(x) - 1),
                x -> 0.5 * softplus(x), x -> 0.5 * sigmoid(x), 1e-5);
    }

    @Test
    void oneSidedSmoothingMovesOnlyTheRealTarget() {
        // real target y = 0.9: per element softplus(l) - y l; the fake target stays 0.
        double y = 0.9f;
        checkDiscriminator(DiscriminatorObjective.CROSS_ENTROPY, LossFunction.BCE_WITH_LOGITS, LabelSmoothing.oneSided(0.1f),
                logits(3), logits(4),
                x -> 0.5 * (softplus(x) - y * x), x -> 0.5 * (sigmoid(x) - y),
                x -> 0.5 * softplus(x), x -> 0.5 * sigmoid(x), 1e-5);
    }

    @Test
    void unfusedCrossEntropyAgreesOnModerateLogits() {
        // The float32 chain loses relative accuracy in log(1 - q) as |l| grows (1 - q is formed from a
        // rounded q); for |l| <= 8, 1 - q >= 3e-4 and the error stays below ~2e-4 relative, so 1e-3 holds.
        Random r = new Random(5);
        float[] real = new float[M], fake = new float[M];
        for (int i = 0; i < M; i++) {
            real[i] = (float) Math.max(-8, Math.min(8, 3 * r.nextGaussian()));
            fake[i] = (float) Math.max(-8, Math.min(8, 3 * r.nextGaussian()));
        }
        checkDiscriminator(DiscriminatorObjective.CROSS_ENTROPY, LossFunction.BCE_UNFUSED, LabelSmoothing.NONE, real, fake,
                x -> 0.5 * softplus(-x), x -> 0.5 * (sigmoid(x) - 1),
                x -> 0.5 * softplus(x), x -> 0.5 * sigmoid(x), 1e-3);
    }

    @Test
    void leastSquaresDiscriminatorIsHalfSquaredDistancesToOneAndZero() {
        checkDiscriminator(DiscriminatorObjective.LEAST_SQUARES, LossFunction.BCE_WITH_LOGITS, LabelSmoothing.NONE,
                logits(6), logits(7),
                x -> 0.5 * (x - 1) * (x - 1), x -> x - 1,
                x -> 0.5 * x * x, x -> x, 1e-5);
    }

    @Test
    void hingeDiscriminatorIsMeanReluMargins() {
        checkDiscriminator(DiscriminatorObjective.HINGE, LossFunction.BCE_WITH_LOGITS, LabelSmoothing.NONE,
                logits(8), logits(9),
                x -> Math.max(0, 1 - x), x -> x < 1 ? -1 : 0,
                x -> Math.max(0, 1 + x), x -> x > -1 ? 1 : 0, 1e-5);
    }

    @Test
    void hingeDiscriminatorRefusesLabelSmoothing() {
        try (Tensor r = be.upload(logits(1), M, 1); Tensor g = be.allocate(M, 1)) {
            assertThrows(IllegalArgumentException.class, () -> Objectives.discriminator(be, DiscriminatorObjective.HINGE,
                    r, r, g, g, LabelSmoothing.oneSided(0.1f)));
        }
    }

    @Test
    void nonCrossEntropyLossIsRefusedAsTheBceVariant() {
        try (Tensor r = be.upload(logits(1), M, 1); Tensor g = be.allocate(M, 1)) {
            assertThrows(IllegalArgumentException.class, () -> Objectives.generator(be, GeneratorObjective.NON_SATURATING,
                    LossFunction.SQUARED_ERROR, r, g));
        }
    }

    @Test
    void fusedGeneratorLossStaysExactWhereTheUnfusedChainSaturates() {
        // At l = -120, sigmoid(l) rounds to 0 in float32. The fused loss is softplus(120) = 120 with gradient
        // -1/m; the unfused chain clamps log(0) at -100 and its gradient vanishes.
        float[] l = new float[M];
        java.util.Arrays.fill(l, -120f);
        try (Tensor x = be.upload(l, M, 1); Tensor g = be.allocate(M, 1)) {
            LossResult fused = Objectives.generator(be, GeneratorObjective.NON_SATURATING, LossFunction.BCE_WITH_LOGITS, x, g);
            assertEquals(120.0, fused.value(), 1e-4);
            assertEquals(-1.0 / M, be.download(g)[0], 1e-9);
            LossResult unfused = Objectives.generator(be, GeneratorObjective.NON_SATURATING, LossFunction.BCE_UNFUSED, x, g);
            assertEquals(100.0, unfused.value(), 1e-4, "the unfused chain clamps log(0) at -100");
            assertEquals(0.0, be.download(g)[0], 0.0, "the unfused chain's gradient vanishes once q rounds to 0");
        }
    }

    /**
     * The device-side variants (no host sync) write the same terms: their totals are bitwise the host-side
     * objectives' values, and the gradients bitwise the same, for every objective, with NaN logits counted.
     */
    @Test
    void intoVariantsWriteBitwiseTheHostSideLossesAndGradients() {
        for (GeneratorObjective o : new GeneratorObjective[] {GeneratorObjective.NON_SATURATING, GeneratorObjective.MINIMAX,
                GeneratorObjective.LEAST_SQUARES, GeneratorObjective.HINGE}) {
            float[] l = logits(o.ordinal() + 31);
            l[7] = Float.NaN;
            try (Tensor x = be.upload(l, M, 1); Tensor g1 = be.allocate(M, 1); Tensor g2 = be.allocate(M, 1);
                 Tensor rows = be.allocate(1, 2)) {
                LossResult host = Objectives.generator(be, o, LossFunction.BCE_WITH_LOGITS, x, g1);
                Objectives.generatorInto(be, o, LossFunction.BCE_WITH_LOGITS, x, g2, rows);
                LossResult device = Objectives.total(be.download(rows));
                assertEquals(Float.floatToIntBits(host.value()), Float.floatToIntBits(device.value()), o + " value");
                assertEquals(1, host.nanInputs(), o + " NaN count");
                assertEquals(host.nanInputs(), device.nanInputs(), o + " NaN count");
                assertTrue(java.util.Arrays.equals(be.download(g1), be.download(g2)), o + " gradient");
            }
        }
        for (DiscriminatorObjective o : DiscriminatorObjective.values()) {
            float[] real = logits(o.ordinal() + 41), fake = logits(o.ordinal() + 51);
            LabelSmoothing smoothing = o == DiscriminatorObjective.HINGE ? LabelSmoothing.NONE : LabelSmoothing.oneSided(0.1f);
            try (Tensor r = be.upload(real, M, 1); Tensor f = be.upload(fake, M, 1); Tensor dr1 = be.allocate(M, 1);
                 Tensor df1 = be.allocate(M, 1); Tensor dr2 = be.allocate(M, 1); Tensor df2 = be.allocate(M, 1);
                 Tensor rows = be.allocate(2, 2)) {
                LossResult host = Objectives.discriminator(be, o, LossFunction.BCE_WITH_LOGITS, r, f, dr1, df1, smoothing);
                Objectives.discriminatorInto(be, o, LossFunction.BCE_WITH_LOGITS, r, f, dr2, df2, smoothing, rows);
                float[] written = be.download(rows);
                assertTrue(written[0] != 0 && written[2] != 0, o + ": both halves written, got " + java.util.Arrays.toString(written));
                assertEquals(Float.floatToIntBits(host.value()), Float.floatToIntBits(Objectives.total(written).value()), o + " value");
                assertTrue(java.util.Arrays.equals(be.download(dr1), be.download(dr2)), o + " real gradient");
                assertTrue(java.util.Arrays.equals(be.download(df1), be.download(df2)), o + " fake gradient");
            }
        }
    }

    @Test
    void intoVariantsRefuseAResultOfTheWrongShape() {
        try (Tensor x = be.upload(logits(3), M, 1); Tensor g = be.allocate(M, 1); Tensor rows = be.allocate(1, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objectives.discriminatorInto(be,
                    DiscriminatorObjective.CROSS_ENTROPY, LossFunction.BCE_WITH_LOGITS, x, x, g, g, LabelSmoothing.NONE, rows));
            assertTrue(e.getMessage().contains("2 x 2"), e.getMessage());
        }
    }
}
