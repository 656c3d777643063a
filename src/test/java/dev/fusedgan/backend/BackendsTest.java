package dev.fusedgan.backend;

import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsTest {
    @Test
    void cpuIsOpenedWithoutAFallbackNote() {
        List<String> notes = new ArrayList<>();
        try (Backend be = Backends.open("CPU", notes::add)) {
            assertEquals("cpu", be.name());
            assertFalse(be.isGpu());
        }
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void unknownDeviceIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.open("tpu"));
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("auto, cpu or cuda"), e.getMessage());
    }

    /** Auto either opens a GPU (no note) or falls back to the CPU with exactly one one-line note saying why. */
    @Test
    void autoEitherOpensTheGpuOrSaysInOneLineWhyItUsesTheCpu() {
        List<String> notes = new ArrayList<>();
        try (Backend be = Backends.open("auto", notes::add)) {
            if (be.isGpu()) {
                assertTrue(notes.isEmpty(), notes.toString());
            } else {
                assertEquals(1, notes.size());
                assertTrue(notes.getFirst().startsWith("using the CPU: ") && notes.getFirst().length() > 15, notes.getFirst());
                assertFalse(notes.getFirst().contains("\n"));
            }
        }
    }

    @Test
    void gemmShapeNamesBothOperandsWhenTheyDoNotFit() {
        try (CpuBackend be = new CpuBackend(); Tensor a = be.allocate(3, 4); Tensor b = be.allocate(5, 2); Tensor c = be.allocate(3, 2)) {
            assertEquals(new GemmShape(3, 2, 5), GemmShape.of(true, false, be.allocate(5, 3), b, c));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmShape.of(false, false, a, b, c));
            assertEquals("gemm: op(a) 3x4 times op(b) 5x2 into c 3x2", e.getMessage());
            assertEquals(new GemmShape(3, 2, 4), GemmShape.of(false, true, a, be.allocate(2, 4), c));
        }
    }

    @Test
    void rowSliceBoundsAreChecked() {
        try (CpuBackend be = new CpuBackend(); Tensor t = be.allocate(4, 3)) {
            Tensor view = t.rowSlice(1, 3);
            assertEquals("2x3", view.shape());
            assertTrue(view.isView());
            assertThrows(IndexOutOfBoundsException.class, () -> t.rowSlice(2, 5));
            assertThrows(IndexOutOfBoundsException.class, () -> t.rowSlice(3, 2));
            assertThrows(IllegalArgumentException.class, () -> be.allocate(-1, 2));
            assertThrows(IllegalArgumentException.class, () -> be.allocate(1 << 16, 1 << 16));
        }
    }
}
