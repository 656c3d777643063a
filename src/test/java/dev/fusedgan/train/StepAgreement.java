package dev.fusedgan.train;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.data.GaussianMixture;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.ForwardingBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a backend's training is compared with the CPU reference's, for the GPU (GpuTrainingTest) and, to show the
 * criterion is sound, for CPU backends with known differences (TrackingToleranceTest).
 *
 * <p>Why not compare two long runs: GAN training on the ring amplifies float32 rounding differences in jumps.
 * Measured on 2026-11-23 with a CPU backend whose GEMM results are moved by up to 8 ulps at random (about what
 * summing in another order does, as cuBLAS does), the losses of a 300-step run stayed within 1e-6 of the
 * reference's for a while and then departed suddenly: in 5 of 6 seeds by more than 1e-4 somewhere between
 * steps 22 and 149, by up to 59% after step 100, with the final samples up to 2.0 apart (the ring's radius is
 * 1). A trajectory tolerance wide enough for that checks little. So the comparison is
 * <ol>
 *   <li>the first {@link #EARLY_STEPS} steps of the two runs, from the same start, within
 *       {@link #EARLY_LOSS_RTOL} (the perturbed runs: at most 1.6e-7 before step 22);</li>
 *   <li>and, along the subject's own run, at {@link #CHECKED_STEPS}: one step taken by both backends from the
 *       subject's state, its losses, gradient norms and D outputs within {@link #LOSS_RTOL} (perturbed: at most
 *       1.8e-7), every parameter afterwards within {@link #WEIGHT_TOL} of the learning rate (perturbed: at most
 *       3.4e-4 lr) and every Adam moment within {@link #MOMENT_RTOL} of itself plus 1e-6 of its tensor's largest, except that up to {@link #SIGN_FLIPS} parameters may differ by up to
 *       2 lr + {@link #WEIGHT_TOL} lr: in Adam's first step the update is lr sign(g), and a gradient that is 0 up to
 *       rounding may take either sign.</li>
 * </ol>
 */
final class StepAgreement {
    private StepAgreement() {}

    static final int EARLY_STEPS = 10;
    static final double EARLY_LOSS_RTOL = 1e-4;
    static final long[] CHECKED_STEPS = {1, 2, 51, 101, 151, 201, 251};
    static final double LOSS_RTOL = 1e-5;
    static final double WEIGHT_TOL = 1e-2;
    static final int SIGN_FLIPS = 4;
    static final double MOMENT_RTOL = 1e-4;

    /** The default configuration, 300 steps. */
    static final TrainConfig CONFIG = TrainConfig.defaults().withSteps(300);

    private static Trainer trainer(Backend be, TrainConfig config) {
        return new Trainer(be, config, GaussianMixture.named(config.data(), config.seed()));
    }

    /** Both criteria above, {@code subject} against the CPU reference. */
    static void assertAgrees(Backend subject, TrainConfig config) {
        List<StepDiagnostics> early = new ArrayList<>();
        try (Trainer s = trainer(subject, config)) {
            for (long step = 1; step <= config.steps(); step++) {
                StepDiagnostics d = contains(CHECKED_STEPS, step) ? stepBesideTheCpu(s, config) : s.step();
                if (step <= EARLY_STEPS) early.add(d);
            }
        }
        try (Backend cpu = new CpuBackend(); Trainer r = trainer(cpu, config)) {
            for (StepDiagnostics d : early) {
                StepDiagnostics c = r.step();
                assertClose("early run, step " + c.step() + " D loss", c.dLoss(), d.dLoss(), EARLY_LOSS_RTOL);
                assertClose("early run, step " + c.step() + " G loss", c.gLoss(), d.gLoss(), EARLY_LOSS_RTOL);
            }
        }
    }

    /**
     * The subject's next step, and the same step on the CPU from the subject's state, compared (criterion 2).
     * Returns the subject's step: its run goes on as if unobserved.
     */
    private static StepDiagnostics stepBesideTheCpu(Trainer subject, TrainConfig config) {
        Snapshot before = subject.snapshot();
        long step = subject.steps() + 1;
        try (Backend cpu = new CpuBackend(); Trainer reference = trainer(cpu, config)) {
            reference.restore(before);
            StepDiagnostics c = reference.step();
            StepDiagnostics s = subject.step();
            Snapshot refAfter = reference.snapshot(), subjectAfter = subject.snapshot();
            String at = "one step from the subject's state at step " + step + ": ";
            assertClose(at + "D loss", c.dLoss(), s.dLoss(), LOSS_RTOL);
            assertClose(at + "G loss", c.gLoss(), s.gLoss(), LOSS_RTOL);
            assertClose(at + "G gradient norm", c.gGradNorm(), s.gGradNorm(), LOSS_RTOL);
            assertClose(at + "D gradient norm", c.dGradNorm(), s.dGradNorm(), LOSS_RTOL);
            assertClose(at + "D(real)", c.dReal(), s.dReal(), LOSS_RTOL);
            assertClose(at + "D(G(z)) before", c.dFakeBefore(), s.dFakeBefore(), LOSS_RTOL);
            assertClose(at + "D(G(z)) after", c.dFakeAfter(), s.dFakeAfter(), LOSS_RTOL);
            assertParametersAgree(at, refAfter, subjectAfter, config.learningRateAt(step));
            return s;
        }
    }

    private static void assertParametersAgree(String at, Snapshot reference, Snapshot subject, double lr) {
        assertEquals(reference.counters(), subject.counters(), at + "counters");
        int flips = 0;
        for (String name : reference.arrays().keySet()) {
            float[] a = reference.array(name), b = subject.array(name);
            boolean moment = name.contains("adam");
            double largest = 0;
            for (float v : a) largest = Math.max(largest, Math.abs(v));
            for (int i = 0; i < a.length; i++) {
                double d = Math.abs((double) a[i] - b[i]);
                // The moments m and v are gradient-sized, not lr-sized: relative to their size, with a floor of
                // 1e-6 of the tensor's largest (a gradient that cancels to near 0 keeps the rounding of its terms).
                double tol = moment ? MOMENT_RTOL * Math.abs(a[i]) + 1e-6 * largest : WEIGHT_TOL * lr;
                if (d <= tol) continue;
                if (!moment && d <= (2 + WEIGHT_TOL) * lr && ++flips <= SIGN_FLIPS) continue;
                throw new AssertionError(at + name + "[" + i + "]: " + a[i] + " (CPU) vs " + b[i] + ", difference "
                        + d + " > " + tol + (moment ? "" : " (" + flips + " sign flips so far)"));
            }
        }
    }

    private static void assertClose(String what, double expected, double actual, double rtol) {
        double tol = rtol * Math.abs(expected) + 1e-7;
        assertTrue(Math.abs(expected - actual) <= tol, what + ": CPU " + expected + ", subject " + actual + " (tolerance " + tol + ")");
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) if (x == v) return true;
        return false;
    }

    /**
     * The CPU reference with every GEMM result moved by a random whole number of ulps in [-ulps, ulps]: a stand-in
     * for a backend that sums in another order.
     */
    static final class PerturbedGemm extends ForwardingBackend {
        private final SplittableRandom rng;
        private final int ulps;

        PerturbedGemm(long seed, int ulps) {
            this.rng = new SplittableRandom(seed);
            this.ulps = ulps;
        }

        @Override
        public void gemm(boolean ta, boolean tb, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
            cpu.gemm(ta, tb, alpha, a, b, beta, c);
            float[] v = cpu.download(c);
            for (int i = 0; i < v.length; i++) v[i] += (rng.nextInt(2 * ulps + 1) - ulps) * Math.ulp(v[i]);
            cpu.upload(v, c);
        }

        @Override public String name() { return "cpu with GEMM moved by up to " + ulps + " ulps"; }
    }
}
