package dev.fusedgan.cpu;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.random.Philox;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend's random fills are Philox's streams, element i of the tensor taking block i/4 lane i%4.
 * For a row-slice view, i counts from the view's first element: filling rows [r, s) gives the same numbers
 * as the first (s - r) * cols elements of a whole-tensor fill, which coincide with the whole fill's rows
 * [r, s) only when r = 0.
 */
class CpuRandomFillTest {

    @Test
    void tensorFillsEqualPhiloxStreams() {
        try (Backend cpu = new CpuBackend(); Tensor t = cpu.allocate(5, 7)) {
            float[] expected = new float[35];
            Philox.fillNormal(expected, 0, 35, 77, 4, 1f, 0.5f);
            cpu.fillNormal(t, 77, 4, 1f, 0.5f);
            assertArrayEquals(expected, cpu.download(t));
            Philox.fillUniform(expected, 0, 35, 77, 4, -1f, 1f);
            cpu.fillUniform(t, 77, 4, -1f, 1f);
            float[] u = cpu.download(t);
            assertArrayEquals(expected, u);
            for (float v : u) assertTrue(v >= -1f && v <= 1f, "uniform value " + v);
        }
    }

    @Test
    void rowSliceFillsNumberElementsFromTheSliceStart() {
        try (Backend cpu = new CpuBackend(); Tensor whole = cpu.allocate(6, 5); Tensor parts = cpu.allocate(6, 5)) {
            cpu.fillNormal(whole, 5, 2, 0f, 1f);
            cpu.fillNormal(parts.rowSlice(0, 2), 5, 2, 0f, 1f);
            cpu.fillNormal(parts.rowSlice(2, 6), 5, 2, 0f, 1f);
            float[] w = cpu.download(whole), p = cpu.download(parts);
            assertArrayEquals(Arrays.copyOfRange(w, 0, 10), Arrays.copyOfRange(p, 0, 10), "a slice at row 0 matches the whole fill");
            assertArrayEquals(Arrays.copyOfRange(w, 0, 20), Arrays.copyOfRange(p, 10, 30), "a later slice restarts at element 0");
            assertFalse(Arrays.equals(Arrays.copyOfRange(w, 10, 30), Arrays.copyOfRange(p, 10, 30)), "so it differs from the whole fill there");
        }
    }
}
