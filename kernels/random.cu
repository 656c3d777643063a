// Philox4x32-10 fills that reproduce dev.fusedgan.random.Philox bit for bit: key = seed,
// counter = (block index lo, block index hi, stream lo, stream hi); element i uses lane i%4 of
// block i/4. One thread per Philox block.
#include "common.cuh"

struct fg_bits4 { unsigned int w[4]; };

// reference: Philox.block
__device__ inline fg_bits4 fg_philox(unsigned long long block, unsigned long long seed, unsigned long long stream) {
    const unsigned int M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    unsigned int c0 = (unsigned int)block, c1 = (unsigned int)(block >> 32);
    unsigned int c2 = (unsigned int)stream, c3 = (unsigned int)(stream >> 32);
    unsigned int k0 = (unsigned int)seed, k1 = (unsigned int)(seed >> 32);
    for (int round = 0; round < 10; round++) {
        if (round > 0) { k0 += W0; k1 += W1; }
        unsigned int hi0 = __umulhi(M0, c0), lo0 = M0 * c0;
        unsigned int hi1 = __umulhi(M1, c2), lo1 = M1 * c2;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
    }
    fg_bits4 out = {{c0, c1, c2, c3}};
    return out;
}

// reference: Philox.uniform. (k + 0.5) * 2^-23 with k < 2^23 is exact in float32.
__device__ inline float fg_uniform(unsigned int bits) {
    return __fmul_rn(__fadd_rn((float)(bits >> 9), 0.5f), 0x1p-23f);
}

// reference: Philox.fillUniform
// -> out (n): low + width * u, width = high - low computed on the host in float, no FMA contraction
extern "C" __global__ void fill_uniform(float* __restrict__ out, int n, unsigned long long seed,
                                        unsigned long long stream, float low, float width) {
    long long blocks = ((long long)n + 3) / 4;
    FG_FOR_EACH(b, blocks) {
        fg_bits4 r = fg_philox((unsigned long long)b, seed, stream);
        for (int lane = 0; lane < 4; lane++) {
            long long i = 4 * b + lane;
            if (i < n) out[i] = __fadd_rn(low, __fmul_rn(width, fg_uniform(r.w[lane])));
        }
    }
}

// reference: Philox.boxMuller. Double precision, rounded once to float, as the CPU does with
// StrictMath; CUDA's double log/sqrt/cos/sin are within 1-2 double ulp of fdlibm, so the floats agree
// except (rarely) by one float ulp.
__device__ inline void fg_box_muller(unsigned int bits1, unsigned int bits2, float mean, float std, float* out,
                                     long long at, long long n) {
    double r = sqrt(-2.0 * log((double)fg_uniform(bits1)));
    double theta = (2.0 * 3.141592653589793) * (double)fg_uniform(bits2);
    if (at < n) out[at] = (float)((double)mean + (double)std * (r * cos(theta)));
    if (at + 1 < n) out[at + 1] = (float)((double)mean + (double)std * (r * sin(theta)));
}

// reference: Philox.fillNormal
// -> out (n): lanes (0,1) and (2,3) of each block make two Box-Muller pairs
extern "C" __global__ void fill_normal(float* __restrict__ out, int n, unsigned long long seed,
                                       unsigned long long stream, float mean, float std) {
    long long blocks = ((long long)n + 3) / 4;
    FG_FOR_EACH(b, blocks) {
        fg_bits4 r = fg_philox((unsigned long long)b, seed, stream);
        fg_box_muller(r.w[0], r.w[1], mean, std, out, 4 * b, n);
        fg_box_muller(r.w[2], r.w[3], mean, std, out, 4 * b + 2, n);
    }
}
