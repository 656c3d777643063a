/**
 * The benchmark harness: the loss-kernel suite (fused against unfused against the memory roofline), the
 * GAN training-step suite, their CSV/table/chart output, the performance targets, and the joiner that sets
 * the results beside PyTorch's. Every variant is validated against the CPU reference before it is timed.
 * No kernels or layers live here; the harness only drives {@link dev.fusedgan.backend.Backend}.
 */
package dev.fusedgan.bench;
