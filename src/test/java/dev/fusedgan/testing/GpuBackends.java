package dev.fusedgan.testing;

import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.cuda.CudaBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one gate every GPU-tagged test opens the CUDA backend through: the backend, or the reason there is none,
 * which skips the test (an assumption that names the reason).
 *
 * <p>Two runs go through it. The README's test command first runs every test with whatever driver the machine
 * has: on a machine without a GPU the GPU tests skip here. Then Maven's "simulated-device" surefire run repeats
 * the GPU tests with {@value #SIMULATED_PROPERTY} set and the simulated device (native/sim: a host-only
 * libcuda.so.1 and libcublas.so.13 that run the kernels in the kernel emulator) first on LD_LIBRARY_PATH. In
 * that run the backend must be the simulated one: a real GPU picked up instead fails the test rather than
 * passing under the simulated run's name. With {@value #REQUIRED_PROPERTY}=true (CI, where g++ exists) a
 * simulated device that was not built fails the tests instead of skipping them; kernels that were not built
 * (no nvcc) still skip them with that reason, as the kernels are nvcc's to build, not g++'s.
 */
public final class GpuBackends {
    /** The directory the build wrote the simulated device (or its NOT_BUILT) into; set by the simulated-device run. */
    public static final String SIMULATED_PROPERTY = "fusedgan.simulatedDevice";
    /** Fail instead of skipping when the emulator or the simulated device is missing (shared with the emulated tests). */
    public static final String REQUIRED_PROPERTY = "fusedgan.kernelEmu.required";
    private GpuBackends() {}

    /** The opened backend, or null and why not; {@code simulatorMissing}: the simulated run found no simulated device. */
    public record Gpu(CudaBackend backend, String unavailableReason, boolean simulatorMissing) {
        /** The backend; without one, skips the calling test with the reason (or fails it, see the class comment). */
        public CudaBackend require() {
            if (simulatorMissing && Boolean.getBoolean(REQUIRED_PROPERTY)) {
                fail("simulated device unavailable, and -D" + REQUIRED_PROPERTY + "=true: " + unavailableReason);
            }
            assumeTrue(backend != null, () -> "CUDA backend unavailable: " + unavailableReason);
            return backend;
        }

        public void close() { if (backend != null) backend.close(); }
    }

    /** True in the simulated-device run. */
    public static boolean simulatedRun() { return System.getProperty(SIMULATED_PROPERTY) != null; }

    /** True when {@code backend} is the simulated device, not a GPU. */
    public static boolean isSimulated(CudaBackend backend) { return backend.isSimulated(); }

    /** Opens the CUDA backend, or says why not; in the simulated run, checks it is the simulated device. */
    public static Gpu open() {
        if (simulatedRun()) {
            Path notBuilt = Path.of(System.getProperty(SIMULATED_PROPERTY), "NOT_BUILT");
            if (Files.exists(notBuilt)) return new Gpu(null, "simulated device not built: " + firstLine(notBuilt), true);
        }
        CudaBackend backend;
        try {
            backend = CudaBackend.open();
        } catch (BackendUnavailableException e) {
            // On the simulated device too, this is a reason to skip: say the kernels were not built (no nvcc).
            return new Gpu(null, e.getMessage(), false);
        }
        if (simulatedRun() && !isSimulated(backend)) {
            String name = backend.name();
            backend.close();
            fail("the simulated-device run opened " + name + " instead of the simulated device: LD_LIBRARY_PATH did not take effect");
        }
        return new Gpu(backend, null, false);
    }

    /** The backend for a GPU-tagged test, or the test skips with the reason. */
    public static CudaBackend openOrSkip() { return open().require(); }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).stream().findFirst().orElse("no reason given");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
