/**
 * What a loss is asked to compute: the {@link dev.fusedgan.loss.LossFunction} (fused BCE with logits,
 * the unfused textbook chain, squared, absolute, hinge, linear), its {@link dev.fusedgan.loss.Target},
 * and {@link dev.fusedgan.loss.LossOptions} (weights, pos_weight, label smoothing, reduction, scale).
 * The arithmetic lives in the backends; the CPU one in {@code dev.fusedgan.cpu.CpuLosses} is the reference.
 */
package dev.fusedgan.loss;
