package dev.fusedgan.data;

import dev.fusedgan.random.Philox;

import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D mixture of equally weighted isotropic Gaussians, sampled on the host from Philox: sample i of batch
 * b uses block i of stream {@code DATA_STREAM + b} under key = seed; lane 0 picks the mode
 * (floor(u K), u uniform in (0, 1)) and lanes 2, 3 give the offset by Box-Muller with std sigma.
 */
public final class GaussianMixture implements DataSource {
    /** Data streams start here so they never meet the streams used for weights or noise. */
    public static final long DATA_STREAM = 1L << 40;

    private final String name;
    private final List<float[]> modes;
    private final float sigma;
    private final long seed;

    public GaussianMixture(String name, List<float[]> modes, float sigma, long seed) {
        if (modes.isEmpty()) throw new IllegalArgumentException("a mixture needs at least one mode");
        if (!(sigma > 0)) throw new IllegalArgumentException("mixture sigma must be > 0, got " + sigma);
        this.name = name;
        this.modes = modes.stream().map(float[]::clone).toList();
        this.sigma = sigma;
        this.seed = seed;
    }

    /** 8 modes evenly spaced on the circle of radius 1, sigma 0.01 (the PacGAN 2D-ring). */
    public static GaussianMixture ring(long seed) {
        List<float[]> modes = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            double angle = 2 * Math.PI * k / 8;
            modes.add(new float[] {(float) Math.cos(angle), (float) Math.sin(angle)});
        }
        return new GaussianMixture("ring", modes, 0.01f, seed);
    }

    /** 25 modes at {-4, -2, 0, 2, 4}^2, sigma 0.05 (the PacGAN 2D-grid). */
    public static GaussianMixture grid(long seed) {
        List<float[]> modes = new ArrayList<>();
        for (int i = -2; i <= 2; i++) for (int j = -2; j <= 2; j++) modes.add(new float[] {2f * i, 2f * j});
        return new GaussianMixture("grid", modes, 0.05f, seed);
    }

    /** "ring" or "grid". */
    public static GaussianMixture named(String name, long seed) {
        return switch (name) {
            case "ring" -> ring(seed);
            case "grid" -> grid(seed);
            default -> throw new IllegalArgumentException("unknown data set '" + name + "' (expected ring or grid)");
        };
    }

    @Override
    public String name() { return name; }

    @Override
    public int dimension() { return 2; }

    /** The mode centres (copies). */
    public List<float[]> modes() { return modes.stream().map(float[]::clone).toList(); }

    public float sigma() { return sigma; }

    @Override
    public void sample(long batchIndex, float[] out) {
        if (out.length % 2 != 0) throw new IllegalArgumentException("2-D samples need an even array length, got " + out.length);
        int[] bits = new int[4];
        float[] offset = new float[2];
        for (int i = 0; i < out.length / 2; i++) {
            Philox.streamBlock(seed, DATA_STREAM + batchIndex, i, bits);
            int mode = Math.min((int) (Philox.uniform(bits[0]) * modes.size()), modes.size() - 1);
            Philox.boxMuller(bits[2], bits[3], 0f, sigma, offset, 0, 2);
            float[] centre = modes.get(mode);
            out[2 * i] = centre[0] + offset[0];
            out[2 * i + 1] = centre[1] + offset[1];
        }
    }
}
