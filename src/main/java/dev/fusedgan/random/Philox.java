package dev.fusedgan.random;

/**
 * Philox4x32-10: a counter-based generator. {@link #block} maps a 128-bit counter and a 64-bit key to
 * 128 random bits, with no state. fusedgan's streams use key = seed and
 * counter = (block index lo, block index hi, stream lo, stream hi); element i of a fill uses block i/4 and
 * lane i%4. Checked against Random123's published known-answer vectors in the tests.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    public static final int ROUNDS = 10;

    private Philox() {}

    /** The 4 output words for counter (c0..c3) and key (k0, k1). */
    public static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[4];
        block(c0, c1, c2, c3, k0, k1, out);
        return out;
    }

    /** As {@link #block(int, int, int, int, int, int)}, into {@code out} (length 4) to avoid allocation. */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = Integer.toUnsignedLong(M0) * Integer.toUnsignedLong(c0);
            long p1 = Integer.toUnsignedLong(M1) * Integer.toUnsignedLong(c2);
            int hi0 = (int) (p0 >>> 32), lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32), lo1 = (int) p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** The block for fusedgan's stream layout: key = seed, counter = (blockIndex, stream). */
    public static void streamBlock(long seed, long stream, long blockIndex, int[] out) {
        block((int) blockIndex, (int) (blockIndex >>> 32), (int) stream, (int) (stream >>> 32),
                (int) seed, (int) (seed >>> 32), out);
    }

    /**
     * A uniform float strictly inside (0, 1) from 32 random bits: the top 23 bits k give (k + 0.5) / 2^23,
     * which is exact in float32, so every backend produces the same value.
     */
    public static float uniform(int bits) {
        return ((bits >>> 9) + 0.5f) * 0x1p-23f;
    }

    /**
     * Box-Muller on two uniforms, in double with StrictMath, rounded once to float:
     * r = sqrt(-2 ln u1), returns (r cos 2 pi u2, r sin 2 pi u2) scaled as mean + std * z.
     */
    public static void boxMuller(int bits1, int bits2, float mean, float std, float[] out, int at, int count) {
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(uniform(bits1)));
        double theta = 2.0 * StrictMath.PI * uniform(bits2);
        out[at] = (float) (mean + std * (r * StrictMath.cos(theta)));
        if (count > 1) out[at + 1] = (float) (mean + std * (r * StrictMath.sin(theta)));
    }

    /** Fills {@code out[0..n)} with Normal(mean, std): element i is block i/4, lanes (0,1) or (2,3) by i%4. */
    public static void fillNormal(float[] out, int offset, int n, long seed, long stream, float mean, float std) {
        int[] bits = new int[4];
        for (int i = 0; i < n; i += 4) {
            streamBlock(seed, stream, i / 4, bits);
            int left = n - i;
            boxMuller(bits[0], bits[1], mean, std, out, offset + i, Math.min(2, left));
            if (left > 2) boxMuller(bits[2], bits[3], mean, std, out, offset + i + 2, Math.min(2, left - 2));
        }
    }

    /** Fills {@code out[0..n)} with Uniform(low, high): element i is lane i%4 of block i/4; low + (high-low) u in float32. */
    public static void fillUniform(float[] out, int offset, int n, long seed, long stream, float low, float high) {
        int[] bits = new int[4];
        float width = high - low;
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) streamBlock(seed, stream, i / 4, bits);
            out[offset + i] = low + width * uniform(bits[i % 4]);
        }
    }
}
