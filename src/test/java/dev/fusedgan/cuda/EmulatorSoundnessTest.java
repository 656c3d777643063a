package dev.fusedgan.cuda;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator itself, with its own test kernels (native/emu/selftest.cpp) and common.cuh's block reduction:
 * __syncthreads() is a real barrier (a block sum is exact whatever order the threads run in between barriers),
 * the same tree without barriers gives a wrong sum (so the other tests could fail on a missing barrier), a barrier
 * not reached by the whole block is refused, every thread sees its own coordinates, and a reduction launched
 * with a block size other than FG_BLOCK gives a wrong result.
 */
class EmulatorSoundnessTest extends EmulatedKernelTestBase {
    private static final int BLOCK = KernelLauncher.BLOCK;
    private static final int[] SCHEDULES = {KernelEmulator.ASCENDING, KernelEmulator.DESCENDING, 7, 12345};

    /** Integers below 2^40 as doubles: every partial sum of 256 of them is exact, so any order gives the same sum. */
    private static double[] integers(long seed, int n) {
        var rng = random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextLong(-(1L << 40), 1L << 40);
        return v;
    }

    private static double[] blockSums(double[] v, int blocks) {
        double[] sums = new double[blocks];
        for (int i = 0; i < v.length; i++) sums[i / BLOCK] += v[i];
        return sums;
    }

    private double[] launchBlockSum(String kernel, double[] in, int blocks, int schedule) {
        MemorySegment input = memory.allocateFrom(ValueLayout.JAVA_DOUBLE, in);
        MemorySegment out = bytes((long) blocks * Double.BYTES);
        emu.launchScheduled(kernel, blocks, BLOCK, schedule, input, out);
        return doubles(out, blocks);
    }

    @Test
    void theBlockSumOfKnownValuesIsExactInEveryThreadOrder() {
        int blocks = 5;
        long seed = seed(1);
        double[] in = integers(seed, blocks * BLOCK);
        double[] expected = blockSums(in, blocks);
        for (int schedule : SCHEDULES) {
            assertArrayEquals(expected, launchBlockSum("emu_block_sum", in, blocks, schedule),
                    "fg_block_sum, schedule " + schedule + ", " + seedNote(seed));
        }
    }

    @Test
    void theSameTreeWithoutBarriersGivesAWrongSum() {
        int blocks = 3;
        long seed = seed(2);
        double[] in = integers(seed, blocks * BLOCK);
        double[] expected = blockSums(in, blocks);
        // In ascending order thread 0 runs its whole loop first and adds buf[128] before thread 128 has stored it.
        double[] got = launchBlockSum("emu_block_sum_unsynchronized", in, blocks, KernelEmulator.ASCENDING);
        for (int b = 0; b < blocks; b++) {
            assertNotEquals(expected[b], got[b], "block " + b + ": an unsynchronized tree should read unwritten slots, " + seedNote(seed));
        }
    }

    @Test
    void aBarrierReachedByPartOfTheBlockIsRefused() {
        MemorySegment out = bytes(2L * BLOCK * Integer.BYTES);
        for (String kernel : new String[] {"emu_partial_barrier", "emu_split_barrier"}) {
            var failure = assertThrows(KernelEmulator.LaunchFailure.class, () -> emu.launch(kernel, 2, out));
            assertEquals(3, failure.code, failure.getMessage());
            assertTrue(failure.getMessage().contains("__syncthreads"), failure.getMessage());
        }
    }

    @Test
    void everyThreadSeesItsOwnCoordinatesBeforeAndAfterABarrier() {
        for (int[] geometry : new int[][] {{1, 1}, {3, BLOCK}, {2, 1024}, {4, 33}}) {
            int grid = geometry[0], block = geometry[1], threads = grid * block;
            for (int schedule : SCHEDULES) {
                MemorySegment out = bytes(6L * threads * Integer.BYTES);
                emu.launchScheduled("emu_coordinates", grid, block, schedule, out);
                int[] got = out.toArray(ValueLayout.JAVA_INT);
                for (int i = 0; i < threads; i++) {
                    int[] expected = {i % block, i / block, block, grid, i % block, i / block};
                    int[] actual = java.util.Arrays.copyOfRange(got, 6 * i, 6 * i + 6);
                    assertArrayEquals(expected, actual, "thread " + i + " of grid " + grid + " x block " + block + ", schedule " + schedule);
                }
            }
        }
    }

    @Test
    void aReductionLaunchedWithTheWrongBlockSizeGivesAWrongSum() {
        long seed = seed(3);
        float[] x = CudaTestSupport.normal(random(seed), 128, 1);
        MemorySegment partials = bytes(Double.BYTES);
        // A correct launch first leaves nonzero values in fg_block_sum's shared array (as on a GPU, shared
        // memory is not cleared between blocks).
        float[] other = CudaTestSupport.normal(random(seed + 1), BLOCK, 1);
        emu.launch("sum_of_squares_partials", 1, upload(other), other.length, partials);
        // With 128 threads fg_block_sum's first step adds buf[128..255], which this block never wrote.
        emu.launchScheduled("sum_of_squares_partials", 1, 128, KernelEmulator.ASCENDING, upload(x), x.length, partials);
        double expected = 0;
        for (float v : x) expected += (double) v * v;
        assertNotEquals(expected, doubles(partials, 1)[0], 1e-9 * expected, seedNote(seed));
        emu.launch("sum_of_squares_partials", 1, upload(x), x.length, partials);
        assertEquals(expected, doubles(partials, 1)[0], 1e-12 * expected, "the same with FG_BLOCK threads, " + seedNote(seed));
    }

    /**
     * A float4 access at an address that is not a multiple of 16 fails the launch, as it faults on a GPU: forcing
     * the version-3 loss kernel onto a row slice that starts one float into its buffer is refused, so the
     * alignment check in Launches.enqueue (which sends such slices to version 2) is what keeps the GPU safe.
     */
    @Test
    void aMisalignedFloat4AccessFailsTheLaunchAsOnAGpu() {
        int n = 1001;
        for (int offset : new int[] {0, 1}) {
            MemorySegment x = bytes((n + 1) * 4L).asSlice(offset * 4L, n * 4L), grad = bytes((n + 1) * 4L).asSlice(offset * 4L, n * 4L);
            x.copyFrom(MemorySegment.ofArray(CudaTestSupport.logits(random(seed(77)), n)));
            MemorySegment scratch = bytes(2L * KernelLauncher.REDUCTION_GRID * Double.BYTES);
            var buffers = new Launches.Buffers(x.address(), 0, 0, grad.address(), 0, 0, scratch.address(),
                    scratch.address() + (long) KernelLauncher.REDUCTION_GRID * Double.BYTES);
            // Whatever Launches picks, launch version 3.
            Launches.Sink forceVersion3 = (kernel, grid, args) -> emu.launch(kernel.endsWith("_v3") ? kernel : kernel + "_v3", grid, args);
            Runnable launch = () -> Launches.enqueue(forceVersion3, dev.fusedgan.loss.LossFunction.BCE_WITH_LOGITS, buffers, n, 1f,
                    dev.fusedgan.loss.LossOptions.MEAN, 3, kernel -> 4);
            if (offset == 0) {
                launch.run();
            } else {
                var failure = assertThrows(KernelEmulator.LaunchFailure.class, launch::run);
                assertTrue(failure.getMessage().contains("misaligned 16-byte access"), failure.getMessage());
            }
        }
    }
}
