package dev.fusedgan.bench;

import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.loss.LossFunction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LossVariantTest {
    private final CpuBackend cpu = new CpuBackend();

    private long bytes(LossFunction fn, LossVariant.TargetKind kind, long n) {
        return new LossVariant("v", cpu, fn, kind, 10).bytesMoved(n);
    }

    @Test
    void bytesCountEachInputReadOnceAndEachOutputWrittenOnce() {
        long n = 1L << 27;
        assertEquals(12 * n, bytes(LossFunction.BCE_WITH_LOGITS, LossVariant.TargetKind.TENSOR, n));
        assertEquals(8 * n, bytes(LossFunction.BCE_WITH_LOGITS, LossVariant.TargetKind.SCALAR, n));
        assertEquals(40 * n, bytes(LossFunction.BCE_UNFUSED, LossVariant.TargetKind.TENSOR, n));
        assertEquals(32 * n, bytes(LossFunction.BCE_UNFUSED, LossVariant.TargetKind.SCALAR, n));
    }

    @Test
    void onlyTheCrossEntropiesAreLossSuiteVariants() {
        assertThrows(IllegalArgumentException.class,
                () -> new LossVariant("mse", cpu, LossFunction.SQUARED_ERROR, LossVariant.TargetKind.TENSOR, 10));
    }
}
