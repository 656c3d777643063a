package dev.fusedgan.cuda;

import dev.fusedgan.backend.Stopwatch;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;

import java.util.function.Consumer;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

/**
 * Times work on the backend's stream with two CUDA events (device time, not host time). The backend closes
 * any stopwatch still open when it closes itself, so the events never outlive the context.
 */
final class CudaStopwatch implements Stopwatch {
    private final CudaContext context;
    private final CUstream stream;
    private final Consumer<CudaStopwatch> onClose;
    private final CUevent start = new CUevent();
    private final CUevent stop = new CUevent();
    private boolean closed;

    CudaStopwatch(CudaContext context, CUstream stream, Consumer<CudaStopwatch> onClose) {
        this.context = context;
        this.stream = stream;
        this.onClose = onClose;
        context.makeCurrent();
        CudaException.check(cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        int rc = cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT);
        if (rc != 0) cuEventDestroy(start);
        CudaException.check(rc, "cuEventCreate");
    }

    @Override
    public void start() {
        context.makeCurrent();
        CudaException.check(cuEventRecord(start, stream), "cuEventRecord(start)");
    }

    @Override
    public float stopMillis() {
        context.makeCurrent();
        CudaException.check(cuEventRecord(stop, stream), "cuEventRecord(stop)");
        CudaException.check(cuEventSynchronize(stop), "cuEventSynchronize");
        float[] ms = new float[1];
        CudaException.check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
        return ms[0];
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        context.makeCurrent();
        cuEventDestroy(start);
        cuEventDestroy(stop);
        onClose.accept(this);
    }
}
