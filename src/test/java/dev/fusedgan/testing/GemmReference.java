package dev.fusedgan.testing;

/** Naive float64 GEMM on row-major arrays, and the magnitude that bounds a float32 GEMM's rounding error. */
public final class GemmReference {
    private GemmReference() {}

    /** A row-major matrix as an array with its shape. */
    public record Matrix(float[] data, int rows, int cols) {
        public Matrix {
            if (data.length != rows * cols) throw new IllegalArgumentException(data.length + " values for " + rows + "x" + cols);
        }

        /** Element (i, j) of this matrix, or of its transpose when {@code transposed}. */
        double at(boolean transposed, int i, int j) {
            return transposed ? data[j * cols + i] : data[i * cols + j];
        }
    }

    /** alpha op(a) op(b) + beta c in double; c is m x n (read only if beta != 0, as BLAS does). */
    public static double[] gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        return evaluate(transA, transB, alpha, a, b, beta, c, false);
    }

    /**
     * |alpha| |op(a)| |op(b)| + |beta| |c|: a float32 GEMM accumulating over k terms errs by at most
     * (k + 3) * 2^-24 times this per element (k roundings in the dot product, one each for alpha, beta and
     * the final add; Higham, Accuracy and Stability of Numerical Algorithms, section 3.1).
     */
    public static double[] magnitude(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        return evaluate(transA, transB, alpha, a, b, beta, c, true);
    }

    private static double[] evaluate(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c, boolean abs) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double t = a.at(transA, i, p) * b.at(transB, p, j);
                    s += abs ? Math.abs(t) : t;
                }
                double cij = beta == 0 ? 0 : beta * c.data()[i * n + j];
                out[i * n + j] = abs ? Math.abs(alpha) * s + Math.abs(cij) : alpha * s + cij;
            }
        }
        return out;
    }
}
