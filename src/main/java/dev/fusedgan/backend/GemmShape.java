package dev.fusedgan.backend;

import dev.fusedgan.tensor.Tensor;

/**
 * The sizes of {@code c (m x n) = op(a) (m x k) op(b) (k x n)}, checked once for every backend's GEMM.
 */
public record GemmShape(int m, int n, int k) {
    public static GemmShape of(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm: op(a) " + m + "x" + k + " times op(b) " + kb + "x" + n
                    + " into c " + c.shape());
        }
        return new GemmShape(m, n, k);
    }
}
