package dev.fusedgan.loss;

/**
 * How per-element losses become the returned value. {@code MEAN} divides the (weighted) sum by the
 * number of elements, as PyTorch does, not by the sum of the weights. {@code NONE} writes each element's
 * loss to the caller's tensor and returns their sum.
 */
public enum Reduction { NONE, MEAN, SUM }
