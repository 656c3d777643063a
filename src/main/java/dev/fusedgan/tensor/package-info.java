/**
 * Float32, row-major, two-dimensional tensors owned by a backend. A {@link dev.fusedgan.tensor.Tensor}
 * is only a handle (shape plus storage); all arithmetic lives in the backends. Storage is freed by
 * {@code close()}, never by the garbage collector.
 */
package dev.fusedgan.tensor;
