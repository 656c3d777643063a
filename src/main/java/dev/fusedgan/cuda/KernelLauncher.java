package dev.fusedgan.cuda;

import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

/**
 * Launches kernels on the backend's stream with FG_BLOCK (256) threads per block, as kernels/common.cuh
 * assumes, and counts every operation it enqueues. Arguments are boxed Java values mapped to the kernel's
 * C types: Integer int, Float float, Double double, Long unsigned long long, {@link Device} a pointer.
 */
final class KernelLauncher {
    static final int BLOCK = 256;
    /** Elementwise kernels loop grid-stride, so a few thousand blocks fill any current GPU. */
    static final int ELEMENTWISE_GRID = 8192;
    /** Reductions write one partial per block into a buffer of this many entries. */
    static final int REDUCTION_GRID = 1024;

    /** A device pointer argument: a raw address (0 for a null pointer). */
    record Device(long address) {
        static final Device NULL = new Device(0);

        static Device of(CudaTensor t) { return t == null ? NULL : new Device(t.address()); }
    }

    private final CUstream stream;
    private long launches;

    KernelLauncher(CUstream stream) { this.stream = stream; }

    /** Blocks for {@code work} items, at most {@code cap}; 0 when there is nothing to do. */
    static int grid(long work, int cap) {
        return (int) Math.min((work + BLOCK - 1) / BLOCK, cap);
    }

    /** Launches {@code blocks} blocks (nothing when 0). */
    void launch(CUfunction kernel, int blocks, Object... args) {
        if (blocks == 0) return;
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) params[i] = param(args[i]);
        CudaException.check(cuLaunchKernel(kernel, blocks, 1, 1, BLOCK, 1, 1, 0, stream, Pointer.to(params), null),
                "cuLaunchKernel");
        launches++;
    }

    /** Counts an operation enqueued by other means (memset, device copy, cuBLAS call). */
    void count() { launches++; }

    long launches() { return launches; }

    private static Pointer param(Object arg) {
        return switch (arg) {
            case Device d -> Pointer.to(new long[] {d.address()});
            case Integer v -> Pointer.to(new int[] {v});
            case Float v -> Pointer.to(new float[] {v});
            case Double v -> Pointer.to(new double[] {v});
            case Long v -> Pointer.to(new long[] {v});
            default -> throw new IllegalArgumentException("unsupported kernel argument " + arg);
        };
    }
}
