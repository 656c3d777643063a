package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.loss.LossFunction;

import java.util.List;

/**
 * One contender of the loss suite: a backend, a loss function and the kind of target, run with reduction
 * MEAN and the gradient written, for sizes up to {@code 2^maxLog2}. It is validated against the CPU
 * reference of the same function (the unfused chain against the CPU's unfused chain, because it is meant
 * to differ from the fused loss at large |logit|).
 */
public record LossVariant(String name, Backend backend, LossFunction function, TargetKind target, int maxLog2) {

    /** A per-element target tensor, or the scalar {@link #SCALAR_TARGET} (no target tensor is read). */
    public enum TargetKind { TENSOR, SCALAR }

    public static final float SCALAR_TARGET = 1f;

    public LossVariant {
        if (function != LossFunction.BCE_WITH_LOGITS && function != LossFunction.BCE_UNFUSED) {
            throw new IllegalArgumentException("the loss suite benchmarks the two BCE forms, not " + function);
        }
    }

    /**
     * The standard contenders: fused with a target tensor, fused with a scalar target, the unfused chain
     * (target tensor) on {@code device}, and the fused loss on the CPU reference for sizes up to 2^cpuMaxLog2.
     */
    public static List<LossVariant> standard(Backend device, Backend cpu, int maxLog2, int cpuMaxLog2) {
        return List.of(
                new LossVariant("fused-tensor", device, LossFunction.BCE_WITH_LOGITS, TargetKind.TENSOR, maxLog2),
                new LossVariant("fused-scalar", device, LossFunction.BCE_WITH_LOGITS, TargetKind.SCALAR, maxLog2),
                new LossVariant("unfused", device, LossFunction.BCE_UNFUSED, TargetKind.TENSOR, maxLog2),
                new LossVariant("cpu", cpu, LossFunction.BCE_WITH_LOGITS, TargetKind.TENSOR, cpuMaxLog2));
    }

    /**
     * Bytes a call must move, each input read once and each output written once (float32, n elements);
     * the 4-byte loss value is left out.
     * <ul>
     * <li>fused, target tensor: read logits 4n + read targets 4n + write gradient 4n = 12n.</li>
     * <li>fused, scalar target: read logits 4n + write gradient 4n = 8n.</li>
     * <li>unfused chain, the minimal textbook four kernels (as PyTorch's sigmoid + binary_cross_entropy
     *     forward and backward run): (1) q = sigmoid(x): read x, write q = 8n; (2) loss = mean bce(q, y):
     *     read q, read y = 8n; (3) dL/dq = (q - y) / max(q(1-q), eps) / n: read q, y, write dq = 12n;
     *     (4) dL/dx = dq q(1-q): read dq, q, write dx = 12n. Total 40n with a target tensor; with a scalar
     *     target y is never read: 32n.</li>
     * </ul>
     */
    public long bytesMoved(long n) {
        boolean tensor = target == TargetKind.TENSOR;
        long floats = switch (function) {
            case BCE_WITH_LOGITS -> tensor ? 3 : 2;
            case BCE_UNFUSED -> tensor ? 10 : 8;
            default -> throw new IllegalStateException("unreachable: checked in the constructor");
        };
        return 4L * floats * n;
    }
}
