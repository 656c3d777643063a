/**
 * Helpers shared by the numerical tests of every backend: float64 reference formulas, seeded test data
 * (log-uniform logits with infinities and NaN), tolerance assertions and central differences. Nothing
 * here calls a backend except {@link dev.fusedgan.testing.LossConformance}, which any backend's tests can
 * point at their own {@code Backend}.
 */
package dev.fusedgan.testing;
