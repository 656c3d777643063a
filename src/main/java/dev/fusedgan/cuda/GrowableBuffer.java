package dev.fusedgan.cuda;

import jcuda.driver.CUstream;

import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

/**
 * Scratch device memory that is reallocated only when a request is larger than anything seen before, so a
 * training loop that repeats the same shapes allocates no device memory after its first step.
 */
final class GrowableBuffer implements AutoCloseable {
    private final String what;
    private final CUstream stream;
    private DeviceBuffer buffer;

    GrowableBuffer(String what, CUstream stream) {
        this.what = what;
        this.stream = stream;
    }

    /** The address of at least {@code bytes} bytes, valid until the next call that grows it. */
    long ensure(long bytes) {
        if (buffer == null || buffer.bytes() < bytes) {
            // Work already queued may still read the old buffer.
            CudaException.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
            if (buffer != null) buffer.close();
            buffer = null;
            buffer = new DeviceBuffer(bytes, what);
        }
        return buffer.address();
    }

    @Override
    public void close() {
        if (buffer != null) buffer.close();
        buffer = null;
    }
}
