/**
 * The counter-based Philox4x32-10 generator (Salmon et al., SC'11; Random123) and the fixed mapping from
 * its 32-bit outputs to uniform and normal floats. The CUDA kernels in kernels/random.cu implement the
 * same mapping, so the CPU and the GPU draw the same numbers for the same seed, stream and index.
 */
package dev.fusedgan.random;
