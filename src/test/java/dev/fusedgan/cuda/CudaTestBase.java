package dev.fusedgan.cuda;

import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.testing.GpuBackends;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * What every GPU-against-CPU test class shares: the CPU reference, and the GPU backend opened once per class
 * (each test then skips with the reason when there is none, so the skip shows up per test, not as 0 tests).
 * Test classes run one after another, so the static backend belongs to one class at a time.
 */
@Tag("gpu")
abstract class CudaTestBase {
    protected static final CpuBackend cpu = new CpuBackend();
    private static GpuBackends.Gpu opened;
    protected static CudaBackend gpu;

    @BeforeAll
    static void openGpu() { opened = GpuBackends.open(); }

    @BeforeEach
    void requireGpu() { gpu = opened.require(); }

    @AfterAll
    static void closeGpu() {
        opened.close();
        gpu = null;
    }
}
