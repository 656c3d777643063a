package dev.fusedgan.cuda;

import dev.fusedgan.tensor.Tensor;
import dev.fusedgan.testing.Tolerance;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.fusedgan.cuda.KernelChecks.assertBitwise;
import static dev.fusedgan.cuda.KernelLauncher.REDUCTION_GRID;
import static dev.fusedgan.cuda.KernelLauncher.grid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kernels/reductions.cu, emulated, against CpuBackend: sum_rows (one thread per column adding rows in order in
 * double, the CPU's exact order: bitwise), and the two-stage sum of squares (sum_of_squares_partials, then
 * reduce_partials) launched as CudaBackend.sumOfSquares launches them, for one tensor and for a list, up to
 * 300001 elements, more than REDUCTION_GRID blocks of 256 threads hold, so the grid-stride loop runs.
 */
class EmulatedReductionsTest extends EmulatedKernelTestBase {
    private static final int[] SIZES = {1, 257, 1001, 65537, 300_001};
    private static final long PARTIALS_BYTES = (long) REDUCTION_GRID * Double.BYTES;

    @Test
    void sumRowsIsBitwiseTheCpus() {
        for (int[] s : new int[][] {{1, 1}, {7, 13}, {301, 129}, {3, 65537}, {1000, 1001}}) {
            int rows = s[0], cols = s[1];
            long seed = seed(400L + rows * 7L + cols);
            float[] dy = CudaTestSupport.withNonFinite(CudaTestSupport.normal(random(seed), rows * cols, 10));
            float[] expected;
            try (Tensor td = cpu.upload(dy, rows, cols); Tensor to = cpu.allocate(1, cols)) {
                cpu.sumRows(td, to);
                expected = cpu.download(to);
            }
            for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
                MemorySegment out = output(cols);
                Launches.sumRows(emulator(blocks), upload(dy).address(), out.address(), rows, cols);
                assertBitwise("sumRows " + rows + "x" + cols + " on " + gridNote(blocks) + ", " + seedNote(seed), expected, floats(out));
            }
        }
    }

    /**
     * sum_rows version 2 (chunk sums, then the chunk sums in order): bitwise its own order computed in Java, and
     * within one float ulp of the CPU's row-order sums (the same double additions, associated differently).
     */
    @Test
    void chunkedSumRowsIsBitwiseItsOrderAndWithinAnUlpOfTheCpus() {
        for (int[] s : new int[][] {{33, 1}, {64, 7}, {301, 129}, {1000, 1001}, {4096, 3}}) {
            int rows = s[0], cols = s[1];
            long seed = seed(450L + rows * 7L + cols);
            float[] dy = CudaTestSupport.withNonFinite(CudaTestSupport.normal(random(seed), rows * cols, 10));
            float[] cpuSums;
            try (Tensor td = cpu.upload(dy, rows, cols); Tensor to = cpu.allocate(1, cols)) {
                cpu.sumRows(td, to);
                cpuSums = cpu.download(to);
            }
            float[] chunked = CudaTestSupport.chunkedColumnSums(dy, rows, cols, Launches.ROW_CHUNK);
            for (int blocks : new int[] {0, EmulatedElementwiseTest.STRIDED_GRID}) {
                String what = "chunked sumRows " + rows + "x" + cols + " on " + gridNote(blocks)
                        + ", " + seedNote(seed);
                MemorySegment out = output(cols), partials = bytes(Launches.sumRowsScratch(rows, cols) * Double.BYTES);
                Launches.sumRowsChunked(emulator(blocks), upload(dy).address(), out.address(), rows, cols, partials.address());
                assertBitwise(what, chunked, floats(out));
                KernelChecks.assertWithin(what + " against the CPU", cpuSums, floats(out), i -> Math.ulp(cpuSums[i]));
            }
        }
    }

    /** CudaBackend.sumOfSquares: the partials launch, then reduce_partials into the scratch's result slot. */
    private double sumOfSquares(float[] x, int schedule) {
        int n = x.length;
        MemorySegment scratch = bytes(2 * PARTIALS_BYTES + 16);
        MemorySegment partialSums = scratch, result = scratch.asSlice(2 * PARTIALS_BYTES);
        Launches.Sink sink = (kernel, grid, args) -> emu.launchScheduled(kernel, grid, KernelLauncher.BLOCK, schedule, args);
        // CudaBackend.sumOfSquares: the partials, then reduce(blocks, countNans = false)
        int blocks = Launches.sumOfSquaresPartials(sink, upload(x).address(), n, partialSums.address());
        Launches.reduce(sink, partialSums.address(), 0, blocks, 1.0, result.address(), 0);
        return doubles(result, 1)[0];
    }

    @Test
    void sumOfSquaresMatchesTheCpu() {
        for (int n : SIZES) {
            long seed = seed(500 + n);
            float[] x = CudaTestSupport.normal(random(seed), n, 100);
            double expected;
            try (Tensor t = cpu.upload(x, 1, n)) {
                expected = cpu.sumOfSquares(t);
            }
            // The terms x*x are exact in double on both sides; only the order of the sum differs (the CPU's is
            // sequential, the kernels' a grid-stride sum per thread then two trees). Each order's error is below
            // (n-1) 2^-53 times the sum of the (positive) terms, so the two differ by less than twice that.
            double tolerance = 2.0 * n * Tolerance.DOUBLE_ROUNDOFF * expected;
            double got = sumOfSquares(x, KernelEmulator.ASCENDING);
            assertEquals(expected, got, tolerance, "sumOfSquares n=" + n + ", " + seedNote(seed));
        }
    }

    @Test
    void sumOfSquaresOfSmallIntegersIsExact() {
        // Squares of integers below 1024 summed over 300001 elements stay below 2^53: every order of the sum is
        // exact, so the two-stage reduction must equal the CPU's sum exactly (a lost or doubled element shows).
        for (int n : SIZES) {
            long seed = seed(600 + n);
            var rng = random(seed);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = rng.nextInt(-1023, 1024);
            double expected;
            try (Tensor t = cpu.upload(x, 1, n)) {
                expected = cpu.sumOfSquares(t);
            }
            assertEquals(expected, sumOfSquares(x, KernelEmulator.ASCENDING), 0.0, "n=" + n + ", " + seedNote(seed));
        }
    }

    /**
     * CudaBackend.sumOfSquares(list): each non-empty tensor's partials into its own range of one buffer, then one
     * reduce_partials over all of them; here 3 + 1 + 1024 + 1024 + 4 + 1 = 2057 partials, more than reduce_partials' one
     * block of 256 threads holds, so its strided loop runs too.
     */
    @Test
    void sumOfSquaresOfAListMatchesTheCpu() {
        int[] sizes = {557, 1, 300_001, 262_145, 0, 1001, 3};
        long seed = seed(750);
        var rng = random(seed);
        List<float[]> xs = new ArrayList<>();
        for (int n : sizes) xs.add(CudaTestSupport.normal(rng, n, 10));
        double expected;
        List<Tensor> onCpu = new ArrayList<>();
        try {
            for (float[] x : xs) onCpu.add(cpu.upload(x, 1, x.length));
            expected = cpu.sumOfSquares(onCpu);
        } finally {
            onCpu.forEach(Tensor::close);
        }
        long total = 0, n = 0;
        for (float[] x : xs) {
            total += grid(x.length, REDUCTION_GRID);
            n += x.length;
        }
        MemorySegment partials = bytes(total * Double.BYTES), scratch = bytes(2 * PARTIALS_BYTES + 16);
        MemorySegment result = scratch.asSlice(2 * PARTIALS_BYTES);
        long at = 0;
        for (float[] x : xs) {
            if (x.length == 0) continue;  // CudaBackend filters empty tensors out
            at += (long) Launches.sumOfSquaresPartials(emulator(), upload(x).address(), x.length, partials.asSlice(at).address())
                    * Double.BYTES;
        }
        Launches.reduce(emulator(), partials.address(), 0, Math.toIntExact(total), 1.0, result.address(), 0);
        // the same bound as for one tensor: positive terms, exact in double, summed in another order
        assertEquals(expected, doubles(result, 1)[0], 2.0 * n * Tolerance.DOUBLE_ROUNDOFF * expected,
                "sumOfSquares of " + sizes.length + " tensors, " + seedNote(seed));
    }

    @Test
    void sumOfSquaresIsBitwiseReproducibleWhateverTheThreadOrder() {
        int n = 300_001;
        long seed = seed(700);
        float[] x = CudaTestSupport.normal(random(seed), n, 1);
        double first = sumOfSquares(x, KernelEmulator.ASCENDING);
        for (int schedule : new int[] {KernelEmulator.ASCENDING, KernelEmulator.DESCENDING, 99}) {
            double again = sumOfSquares(x, schedule);
            assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(again),
                    "schedule " + schedule + ": " + again + " vs " + first + ", " + seedNote(seed));
        }
        assertTrue(first > 0.9 * n && first < 1.1 * n, "a sum of " + n + " squared standard normals, got " + first);
    }
}
