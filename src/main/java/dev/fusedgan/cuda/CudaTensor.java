package dev.fusedgan.cuda;

import dev.fusedgan.tensor.Tensor;
import jcuda.driver.CUdeviceptr;

import java.util.function.Consumer;

/**
 * A tensor in device memory: element (r, c) is the float at {@code address() + 4 (r * cols + c)}. Owners
 * hold a {@link DeviceBuffer} and hand it back to their backend on close (which frees it with the context
 * current); row-slice views share it with a byte offset and free nothing.
 */
final class CudaTensor extends Tensor {
    private final DeviceBuffer buffer;
    private final long byteOffset;
    private final boolean view;
    private final Consumer<CudaTensor> onClose;
    private boolean closed;

    CudaTensor(int rows, int cols, DeviceBuffer buffer, Consumer<CudaTensor> onClose) {
        super(rows, cols);
        this.buffer = buffer;
        this.byteOffset = 0;
        this.view = false;
        this.onClose = onClose;
    }

    private CudaTensor(CudaTensor parent, int fromRow, int toRow) {
        super(toRow - fromRow, parent.cols());
        this.buffer = parent.buffer;
        this.byteOffset = parent.byteOffset + (long) fromRow * parent.cols() * Float.BYTES;
        this.view = true;
        this.onClose = null;
    }

    /** The device address of element 0, for kernel arguments and cuBLAS. */
    long address() { return buffer.address() + byteOffset; }

    /** A JCuda pointer to element 0, for driver calls (memcpy, memset). */
    CUdeviceptr pointer() { return byteOffset == 0 ? buffer.pointer() : buffer.pointer().withByteOffset(byteOffset); }

    long bytes() { return (long) size() * Float.BYTES; }

    /** The storage (shared with views); the owning backend frees it when the owner closes. */
    DeviceBuffer buffer() { return buffer; }

    @Override
    public Tensor rowSlice(int from, int to) {
        checkSlice(from, to);
        return new CudaTensor(this, from, to);
    }

    @Override
    public boolean isView() { return view; }

    @Override
    public void close() {
        if (view || closed) return;
        closed = true;
        onClose.accept(this);
    }
}
