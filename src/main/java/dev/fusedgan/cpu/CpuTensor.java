package dev.fusedgan.cpu;

import dev.fusedgan.tensor.Tensor;

/** A tensor in a Java float array: element (r, c) is {@code data[offset + r * cols + c]}. */
final class CpuTensor extends Tensor {
    final float[] data;
    final int offset;
    private final boolean view;

    CpuTensor(int rows, int cols) {
        super(rows, cols);
        this.data = new float[rows * cols];
        this.offset = 0;
        this.view = false;
    }

    private CpuTensor(CpuTensor parent, int fromRow, int toRow) {
        super(toRow - fromRow, parent.cols());
        this.data = parent.data;
        this.offset = parent.offset + fromRow * parent.cols();
        this.view = true;
    }

    float get(int i) { return data[offset + i]; }

    void set(int i, float v) { data[offset + i] = v; }

    @Override
    public Tensor rowSlice(int from, int to) {
        checkSlice(from, to);
        return new CpuTensor(this, from, to);
    }

    @Override
    public boolean isView() { return view; }

    @Override
    public void close() {
        // Heap memory: nothing to free explicitly.
    }
}
