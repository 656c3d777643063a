package dev.fusedgan.cuda;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Stopwatch;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.GpuBackends;
import jcuda.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.SplittableRandom;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What only the simulated device (native/sim) can show, since it keeps a table of every allocation and handle:
 * that closing the backend gives back every device resource it took, and that the double refuses what a GPU
 * would (an out-of-bounds copy, a GEMM operand that overruns its buffer) so the other GPU tests passing on it
 * means something. On a GPU these tests skip.
 */
@Tag("gpu")
class SimulatedDeviceTest {
    /** fg_sim_counts' entries (native/sim/driver.cpp). */
    private static final int ALLOCATIONS = 0, BYTES = 1, MODULES = 2, STREAMS = 3, EVENTS = 4, LAUNCHES = 5;

    private static CudaBackend openSimulated() {
        CudaBackend backend = GpuBackends.openOrSkip();
        if (!GpuBackends.isSimulated(backend)) {
            backend.close();
            assumeTrue(false, "needs the simulated device's allocation table; this is " + backend.name());
        }
        return backend;
    }

    /** The simulated driver's live allocations, bytes, modules, streams and events, and kernels launched so far. */
    private static long[] counts() {
        try (Arena arena = Arena.ofConfined()) {
            // The library JCuda's native code is linked to: dlopen by soname finds the loaded one.
            SymbolLookup driver = SymbolLookup.libraryLookup("libcuda.so.1", arena);
            MethodHandle counts = Linker.nativeLinker().downcallHandle(driver.findOrThrow("fg_sim_counts"),
                    FunctionDescriptor.ofVoid(ADDRESS));
            MemorySegment out = arena.allocate(JAVA_LONG, 6);
            counts.invokeExact(out);
            return out.toArray(JAVA_LONG);
        } catch (Throwable t) {
            throw new AssertionError("reading the simulated driver's counts", t);
        }
    }

    @Test
    void closingTheBackendGivesBackEveryAllocationModuleStreamAndEvent() {
        try (CudaBackend first = openSimulated()) {
            // From here on JCuda's native library, and with it the simulated driver, stays loaded.
        }
        long[] before = counts();
        SplittableRandom rng = new SplittableRandom(11);
        CudaBackend gpu = openSimulated();
        try {
            // Every kind of resource the backend takes: tensors, a slice, the growable buffers (unfused loss,
            // multi-tensor sum of squares, column sums), cuBLAS, stopwatch events, Adam's moments and table.
            Tensor x = gpu.upload(CudaTestSupport.logits(rng, 96 * 33), 96, 33);
            Tensor w = gpu.upload(CudaTestSupport.normal(rng, 33 * 17, 0.2), 33, 17);
            Tensor y = gpu.allocate(96, 17);
            gpu.gemm(false, false, 1f, x, w, 0f, y);
            gpu.activate(Activation.TANH, y, y);
            Tensor grad = gpu.allocate(96, 33);
            gpu.loss(LossFunction.BCE_UNFUSED, x, Target.scalar(1f), LossOptions.MEAN, grad, null);
            gpu.loss(LossFunction.BCE_WITH_LOGITS, x.rowSlice(1, 96), Target.scalar(0f), LossOptions.MEAN, null, null);
            Tensor bias = gpu.allocate(1, 33);
            gpu.sumRows(grad, bias);
            gpu.sumOfSquares(java.util.List.of(x, w, y));
            Tensor m = gpu.allocate(33, 17), v = gpu.allocate(33, 17);
            gpu.adamStep(new AdamConfig(2e-4f, 0.5f, 0.999f, 1e-8f), 1, w, w, m, v);
            gpu.adamSteps(new AdamConfig(2e-4f, 0.5f, 0.999f, 1e-8f), 2, java.util.List.of(w), java.util.List.of(w),
                    java.util.List.of(m), java.util.List.of(v));
            Stopwatch sw = gpu.stopwatch();
            sw.start();
            gpu.fillNormal(y, 5, 0, 0f, 1f);
            sw.stopMillis();
            gpu.synchronize();
            // Tensors left open on purpose: closing the backend must free them too.
        } finally {
            gpu.close();
        }
        long[] after = counts();
        assertTrue(after[LAUNCHES] > before[LAUNCHES] + 8, "the kernels ran on the simulated device");
        String[] names = {"allocations", "bytes", "modules", "streams", "events"};
        for (int i = ALLOCATIONS; i <= EVENTS; i++) {
            assertEquals(before[i], after[i], "live device " + names[i] + " after closing the backend");
        }
    }

    @Test
    void aCopyPastTheEndOfAnAllocationIsRefused() {
        try (CudaBackend gpu = openSimulated(); DeviceBuffer buffer = new DeviceBuffer(40, "ten floats")) {
            gpu.synchronize();
            float[] eleven = new float[11];
            assertEquals(jcuda.driver.CUresult.CUDA_ERROR_INVALID_VALUE, cuMemcpyHtoD(buffer.pointer(), Pointer.to(eleven), 44));
            float[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            assertEquals(0, cuMemcpyHtoD(buffer.pointer(), Pointer.to(ten), 40));
            float[] back = new float[10];
            assertEquals(0, cuMemcpyDtoH(Pointer.to(back), buffer.pointer(), 40));
            assertArrayEquals(ten, back);
        }
    }

    @Test
    void newDeviceMemoryHoldsNaNsNotZeros() {
        // A GPU hands out whatever was there before; the double hands out NaNs, so a kernel or scratch buffer that
        // assumes zeroed memory shows up in the other tests.
        try (CudaBackend gpu = openSimulated(); DeviceBuffer buffer = new DeviceBuffer(64, "sixteen floats")) {
            gpu.synchronize();
            float[] back = new float[16];
            assertEquals(0, cuMemcpyDtoH(Pointer.to(back), buffer.pointer(), 64));
            for (float f : back) assertTrue(Float.isNaN(f), "fresh device memory: " + f);
        }
    }

    @Test
    void aGemmOperandThatOverrunsItsBufferIsRefused() {
        // C (4 x 3) = A (4 x 5) B (5 x 3), column-major. With lda 5 instead of 4, A's last column would end one
        // float past its 20-float buffer: the simulated cuBLAS refuses it, as a GPU would read past the buffer.
        try (CudaBackend gpu = openSimulated(); Tensor a = gpu.allocate(1, 20); Tensor b = gpu.allocate(1, 15);
             Tensor c = gpu.allocate(1, 12); Cublas blas = new Cublas(0)) {
            long pa = ((CudaTensor) a).address(), pb = ((CudaTensor) b).address(), pc = ((CudaTensor) c).address();
            blas.sgemm(false, false, 4, 3, 5, 1f, pa, 4, pb, 5, 0f, pc, 4);
            CudaException e = assertThrows(CudaException.class, () -> blas.sgemm(false, false, 4, 3, 5, 1f, pa, 5, pb, 5, 0f, pc, 4));
            assertTrue(e.getMessage().contains("CUBLAS_STATUS_INVALID_VALUE"), e.getMessage());
        }
    }
}
