package dev.fusedgan.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

/** One cuMemAlloc allocation, freed by {@link #close()} (idempotent). Zero bytes allocate nothing. */
final class DeviceBuffer implements AutoCloseable {
    private final CUdeviceptr pointer = new CUdeviceptr();
    private final long address;
    private final long bytes;
    private boolean freed;

    /** @param what names the allocation in the out-of-memory message, e.g. "tensor 512x784" */
    DeviceBuffer(long bytes, String what) {
        this.bytes = bytes;
        if (bytes > 0) {
            int rc = cuMemAlloc(pointer, bytes);
            if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) throw outOfMemory(what, bytes);
            CudaException.check(rc, "cuMemAlloc(" + what + ", " + bytes + " bytes)");
        }
        this.address = DeviceAddress.of(pointer);
    }

    /** The one-line error for a failed allocation: what was asked for and what to do about it. */
    static CudaException outOfMemory(String what, long bytes) {
        return new CudaException("out of GPU memory allocating " + what + " (" + bytes + " bytes); try a smaller batch size or model");
    }

    CUdeviceptr pointer() { return pointer; }

    long address() { return address; }

    long bytes() { return bytes; }

    @Override
    public void close() {
        if (freed) return;
        freed = true;
        if (bytes > 0) CudaException.check(cuMemFree(pointer), "cuMemFree");
    }
}
