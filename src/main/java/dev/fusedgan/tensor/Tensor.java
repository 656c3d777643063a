package dev.fusedgan.tensor;

/**
 * A float32 matrix of {@code rows x cols}, stored row-major and contiguous, owned by the backend that
 * allocated it. Vectors are {@code 1 x n} (a row) or {@code n x 1}. A row slice is a view that shares
 * the storage of its parent; closing a view does nothing, closing the owner frees the storage.
 */
public abstract class Tensor implements AutoCloseable {
    private final int rows;
    private final int cols;

    protected Tensor(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative tensor shape " + rows + "x" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + rows + "x" + cols + " has more than 2^31-1 elements");
        }
        this.rows = rows;
        this.cols = cols;
    }

    public final int rows() { return rows; }

    public final int cols() { return cols; }

    /** Number of elements, {@code rows * cols}. */
    public final int size() { return rows * cols; }

    public final String shape() { return rows + "x" + cols; }

    /** A view of rows {@code [from, to)} sharing this tensor's storage. */
    public abstract Tensor rowSlice(int from, int to);

    /** True for views made by {@link #rowSlice}; their {@code close()} does nothing. */
    public abstract boolean isView();

    /** Frees the storage (owners only; idempotent). */
    @Override
    public abstract void close();

    protected final void checkSlice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("row slice [" + from + ", " + to + ") of a " + shape() + " tensor");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + shape() + (isView() ? ", view" : "") + "]";
    }
}
