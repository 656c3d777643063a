/**
 * The CUDA implementation of {@link dev.fusedgan.backend.Backend}: device memory and kernel launches through
 * JCuda's driver API, the kernels of {@code kernels/*.cu} loaded from fatbins on the classpath, and cuBLAS
 * SGEMM bound with java.lang.foreign. Layers, losses and the trainer do not live here; they only see the
 * Backend interface.
 */
package dev.fusedgan.cuda;
