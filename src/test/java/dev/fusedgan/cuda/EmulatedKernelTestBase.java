package dev.fusedgan.cuda;

import dev.fusedgan.cpu.CpuBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every emulated-kernel test class shares: the CPU reference, the {@link KernelEmulator} opened once per
 * class (each test skips with the reason when it is unavailable, so the skip shows per test), host memory that
 * stands in for device memory, freed after each test, and the seed of the test data.
 *
 * <p>These tests run the kernel sources on the CPU (see KernelEmulator); they are not GPU tests and carry no
 * gpu tag.
 */
abstract class EmulatedKernelTestBase {
    protected static final CpuBackend cpu = new CpuBackend();
    /**
     * Base seed of every test's data; -Dfusedgan.emu.seed=N draws other data. Every failure message names it
     * and the failing data's own seed (see {@link #seedNote}), so a failure can be reproduced.
     */
    protected static final long BASE_SEED = Long.getLong("fusedgan.emu.seed", 0x5EED_2025L);

    /**
     * -Dfusedgan.kernelEmu.required=true: fail instead of skipping when the emulator is unavailable, for a CI
     * machine that has g++ (otherwise a kernel the emulator cannot compile would only turn these tests into skips).
     */
    static final String REQUIRED_PROPERTY = "fusedgan.kernelEmu.required";

    private static KernelEmulator opened;
    private static String unavailableReason;
    protected static KernelEmulator emu;
    /** This test's host buffers: the emulated kernels' "device memory". */
    protected Arena memory;

    @BeforeAll
    static void openEmulator() {
        try {
            opened = KernelEmulator.open();
        } catch (KernelEmulator.Unavailable e) {
            unavailableReason = e.getMessage();
        }
    }

    @BeforeEach
    void requireEmulator() {
        if (opened == null && Boolean.getBoolean(REQUIRED_PROPERTY)) {
            fail("kernel emulator unavailable, and -D" + REQUIRED_PROPERTY + "=true: " + unavailableReason);
        }
        assumeTrue(opened != null, () -> "kernel emulator unavailable: " + unavailableReason);
        emu = opened;
        memory = Arena.ofConfined();
    }

    @AfterEach
    void freeMemory() {
        if (memory != null) memory.close();
        memory = null;
    }

    @AfterAll
    static void closeEmulator() {
        if (opened != null) opened.close();
        opened = null;
        emu = null;
    }

    /** The seed for one data set of a test: the base seed mixed with the test's own number. */
    protected static long seed(long salt) {
        return BASE_SEED * 0x9E3779B97F4A7C15L + salt;
    }

    /** For failure messages: the data's seed, and the base seed that reproduces the whole run. */
    protected static String seedNote(long seed) {
        return "data seed " + seed + " (-Dfusedgan.emu.seed=" + BASE_SEED + ")";
    }

    protected static SplittableRandom random(long seed) {
        return new SplittableRandom(seed);
    }

    // ---- launches -------------------------------------------------------------------------------

    /** Where {@link Launches} sends the launches it builds for CudaBackend: the emulator, with CudaBackend's grid. */
    protected static Launches.Sink emulator() {
        return emulator(0);
    }

    /**
     * The emulator with {@code blocks} blocks instead of CudaBackend's grid when {@code blocks} > 0 (a small grid
     * makes the grid-stride loops go round; a correct kernel gives the same result on any grid).
     */
    protected static Launches.Sink emulator(int blocks) {
        return (kernel, grid, args) -> emu.launch(kernel, blocks > 0 ? blocks : grid, args);
    }

    /** For failure messages: the grid {@link #emulator(int)} was given ({@code blocks}, or 0 for CudaBackend's). */
    protected static String gridNote(int blocks) {
        return blocks == 0 ? "CudaBackend's grid" : blocks + " blocks";
    }

    // ---- host memory ----------------------------------------------------------------------------

    protected MemorySegment upload(float[] values) {
        return memory.allocateFrom(ValueLayout.JAVA_FLOAT, values);
    }

    /** n floats for a kernel to write, holding garbage (about 4e18 each) so that an unwritten element shows. */
    protected MemorySegment output(int n) {
        return bytes((long) n * Float.BYTES);
    }

    /** Uninitialized "device memory": filled with 0x5E bytes, as fresh device memory holds whatever it held. */
    protected MemorySegment bytes(long count) {
        MemorySegment s = memory.allocate(count, 16);
        s.fill((byte) 0x5E);
        return s;
    }

    protected static float[] floats(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_FLOAT);
    }

    protected static double[] doubles(MemorySegment s, int n) {
        return s.asSlice(0, (long) n * Double.BYTES).toArray(ValueLayout.JAVA_DOUBLE);
    }

    protected static long[] longs(MemorySegment s, int n) {
        return s.asSlice(0, (long) n * Long.BYTES).toArray(ValueLayout.JAVA_LONG);
    }
}
