/**
 * The GAN objectives (non-saturating, minimax, least squares, hinge) written once over
 * {@link dev.fusedgan.backend.Backend#loss}, with the formulas beside the code. Networks, data and the
 * training loop live elsewhere (nn, data, train).
 */
package dev.fusedgan.gan;
