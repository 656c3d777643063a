/**
 * The one interface every compute engine implements ({@link dev.fusedgan.backend.Backend}), the small
 * value types its operations take, and {@link dev.fusedgan.backend.Backends}, which picks the CPU
 * reference or the CUDA implementation. Nothing above this package knows which engine it drives.
 */
package dev.fusedgan.backend;
