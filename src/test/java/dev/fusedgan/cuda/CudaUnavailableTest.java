package dev.fusedgan.cuda;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.backend.Backends;
import jcuda.NativePointerObject;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paths that run without a GPU: clear one-line reasons when CUDA cannot be used, and the address trick. */
class CudaUnavailableTest {

    @Test
    void cublasLoaderListsEveryNameItTried() {
        try (Arena arena = Arena.ofConfined()) {
            var e = assertThrows(BackendUnavailableException.class, () ->
                    Cublas.loadLibrary(List.of("libfusedgan-no-such-cublas.so", "/nonexistent/libcublas.so.99"), arena));
            assertTrue(e.getMessage().contains("libfusedgan-no-such-cublas.so"), e.getMessage());
            assertTrue(e.getMessage().contains("/nonexistent/libcublas.so.99"), e.getMessage());
            assertTrue(e.getMessage().contains(Cublas.PROPERTY), e.getMessage());
            assertOneLine(e.getMessage());
        }
    }

    @Test
    void cublasOverridePropertyIsTriedBeforeTheStandardNames() {
        String before = System.getProperty(Cublas.PROPERTY);
        System.setProperty(Cublas.PROPERTY, "/opt/bogus/libcublas.so");
        try {
            List<String> names = Cublas.candidateNames();
            assertEquals(List.of("/opt/bogus/libcublas.so", "libcublas.so.13", "libcublas.so.12"), names.subList(0, 3));
            assertTrue(names.contains("/usr/local/cuda/lib64/libcublas.so.13"), "the toolkit's default location is a fallback: " + names);
        } finally {
            if (before == null) System.clearProperty(Cublas.PROPERTY);
            else System.setProperty(Cublas.PROPERTY, before);
        }
    }

    @Test
    void deviceAddressReadsJCudasNativePointer() {
        class Handle extends NativePointerObject {
            Handle(long address) { super(address); }
        }
        assertEquals(0x7f00_1234_5678L, DeviceAddress.of(new Handle(0x7f00_1234_5678L)));
    }

    @Test
    void missingFatbinIsReportedInOneLine() {
        var e = assertThrows(BackendUnavailableException.class, () -> KernelModules.readFatbins("/no-such-kernels/"));
        assertTrue(e.getMessage().startsWith("CUDA kernels were not built: "), e.getMessage());
        assertTrue(e.getMessage().contains("/no-such-kernels/activations.fatbin"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void notBuiltNoteFromTheBuildIsReported() {
        var e = assertThrows(BackendUnavailableException.class, () -> KernelModules.readFatbins("/kernels-not-built-fixture/"));
        assertEquals("CUDA kernels were not built: nvcc not found at build time (test fixture)", e.getMessage());
    }

    @Test
    void jcudaLoadErrorIsCutToTheLoadersComplaint() {
        // The shape of JCuda 12.6.0's error on a machine without libcuda (seen on the build machine).
        var error = new UnsatisfiedLinkError("""
                Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
                Operating system name: Linux
                ---(start of nested stack traces)---
                java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory
                ---(end of nested stack traces)---""");
        assertEquals("libcuda.so.1: cannot open shared object file: No such file or directory", CudaContext.driverLoadFailure(error));
    }

    @Test
    void outOfMemoryNamesTheAllocationAndSuggestsASmallerBatchInOneLine() {
        CudaException e = DeviceBuffer.outOfMemory("tensor 65536x4096", 65536L * 4096 * Float.BYTES);
        assertEquals("out of GPU memory allocating tensor 65536x4096 (1073741824 bytes); try a smaller batch size or model", e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void openingCudaEitherWorksOrSaysWhyInOneLine() {
        try (Backend cuda = CudaBackend.open()) {
            assertTrue(cuda.isGpu());
            assertTrue(cuda.name().startsWith("cuda:0"), cuda.name());
        } catch (BackendUnavailableException e) {
            assertFalse(e.getMessage().isBlank());
            assertOneLine(e.getMessage());
        }
    }

    @Test
    void autoFallsBackToTheCpuWithAOneLineReason() {
        Backends.Choice choice = Backends.open("auto");
        try (Backend backend = choice.backend()) {
            if (backend.isGpu()) {
                assertNull(choice.fallbackReason());
            } else {
                assertEquals("cpu", backend.name());
                assertFalse(choice.fallbackReason() == null || choice.fallbackReason().isBlank());
                assertOneLine(choice.fallbackReason());
            }
        }
    }

    @Test
    void theKernelVersionPropertiesTakeTheirTwoVersionsAndNameThemselvesOtherwise() {
        assertEquals(3, CudaBackend.version(CudaBackend.LOSS_KERNEL_PROPERTY, "3", 2, 3));
        assertEquals(2, CudaBackend.version(CudaBackend.LOSS_KERNEL_PROPERTY, " 2 ", 2, 3));
        assertEquals(1, CudaBackend.version(CudaBackend.SUM_ROWS_PROPERTY, "1", 1, 2));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CudaBackend.version(CudaBackend.LOSS_KERNEL_PROPERTY, "v4", 2, 3));
        assertEquals("-Dfusedgan.cuda.lossKernel must be 2 or 3, got 'v4'", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CudaBackend.version(CudaBackend.SUM_ROWS_PROPERTY, "3", 1, 2));
        assertEquals("-Dfusedgan.cuda.sumRows must be 1 or 2, got '3'", e.getMessage());
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n"), "expected one line: " + message);
    }
}
