/**
 * GAN training end to end over a {@link dev.fusedgan.backend.Backend}: the {@link dev.fusedgan.train.TrainConfig},
 * the alternating {@link dev.fusedgan.train.Trainer}, per-step diagnostics and warnings, and the run directory
 * (metrics, summary, charts, checkpoint). Command-line parsing lives in {@code dev.fusedgan.cli}.
 */
package dev.fusedgan.train;
