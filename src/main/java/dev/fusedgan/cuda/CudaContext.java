package dev.fusedgan.cuda;

import dev.fusedgan.backend.BackendUnavailableException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;

import java.nio.charset.StandardCharsets;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;

/**
 * Device 0's primary context, retained while this object is open. The primary context is the one the CUDA
 * runtime (and so cuBLAS) uses, so JCuda and cuBLAS share one context, one per process.
 *
 * <p>Threading rule: a backend is used by one thread at a time. Every backend entry point calls
 * {@link #makeCurrent()} first, so any single thread may drive it, but two threads must not call it at once.
 */
final class CudaContext implements AutoCloseable {
    /** The first driver load failure, kept because JCuda's later attempts only say "could not initialize class". */
    private static volatile String driverFailure;

    private final CUdevice device;
    private final CUcontext context;
    private final String deviceName;
    private boolean released;

    private CudaContext(CUdevice device, CUcontext context, String deviceName) {
        this.device = device;
        this.context = context;
        this.deviceName = deviceName;
    }

    /** Loads the driver, checks for a device and retains its primary context; one-line reasons on failure. */
    static CudaContext open() {
        int init;
        try {
            init = cuInit(0);
        } catch (LinkageError e) {
            if (driverFailure == null) driverFailure = driverLoadFailure(e);
            throw new BackendUnavailableException("no usable NVIDIA driver: " + driverFailure);
        }
        if (init == CUresult.CUDA_ERROR_NO_DEVICE) throw new BackendUnavailableException("no CUDA device found (cuInit: CUDA_ERROR_NO_DEVICE)");
        if (init != CUresult.CUDA_SUCCESS) throw new BackendUnavailableException("the CUDA driver failed to initialise (cuInit: " + CUresult.stringFor(init) + ")");
        int[] count = new int[1];
        CudaException.check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) throw new BackendUnavailableException("no CUDA device found (the driver reports 0 devices)");
        CUdevice device = new CUdevice();
        CudaException.check(cuDeviceGet(device, 0), "cuDeviceGet(0)");
        byte[] name = new byte[256];
        CudaException.check(cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        CUcontext context = new CUcontext();
        CudaException.check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        CudaContext ctx = new CudaContext(device, context, cString(name));
        ctx.makeCurrent();
        return ctx;
    }

    void makeCurrent() {
        CudaException.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    String deviceName() { return deviceName; }

    /** The number of streaming multiprocessors (132 on an H100 SXM). */
    int multiprocessorCount() { return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, "MULTIPROCESSOR_COUNT"); }

    /** The compute capability as "major.minor", e.g. "9.0". */
    String computeCapability() {
        return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, "COMPUTE_CAPABILITY_MAJOR") + "."
                + attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, "COMPUTE_CAPABILITY_MINOR");
    }

    /** Device memory in bytes. */
    long totalMemory() {
        long[] bytes = new long[1];
        CudaException.check(cuDeviceTotalMem(bytes, device), "cuDeviceTotalMem");
        return bytes[0];
    }

    /** The driver's CUDA version, e.g. "13.0". */
    static String driverVersion() {
        int[] v = new int[1];
        CudaException.check(cuDriverGetVersion(v), "cuDriverGetVersion");
        return v[0] / 1000 + "." + v[0] % 1000 / 10;
    }

    private int attribute(int attribute, String name) {
        int[] value = new int[1];
        CudaException.check(cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute(" + name + ")");
        return value[0];
    }

    @Override
    public void close() {
        if (released) return;
        released = true;
        CudaException.check(cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
    }

    /**
     * JCuda's load error spans many lines (each attempt and its stack); the useful part is the loader's
     * complaint about libcuda, e.g. "libcuda.so.1: cannot open shared object file: No such file or directory".
     */
    static String driverLoadFailure(Throwable e) {
        String message = String.valueOf(e.getMessage());
        for (String line : message.split("\n")) {
            int at = line.indexOf("libcuda");
            if (at >= 0 && line.contains("cannot open")) return line.substring(at).trim();
        }
        return message.lines().findFirst().orElse(e.getClass().getSimpleName()).trim();
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }
}
