package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;

/**
 * The tensors of one loss-suite size on one backend: logits, targets and gradient, each n x 1 (so that a
 * row slice is a contiguous range), logits and targets filled with {@link LossData} repeated end to end.
 */
final class LossInputs implements AutoCloseable {
    final Tensor logits;
    final Tensor targets;
    final Tensor grad;

    LossInputs(Backend backend, int n, LossData data) {
        int block = data.blockSize();
        if (n % block != 0) throw new IllegalArgumentException("size " + n + " is not a multiple of the data block " + block);
        Tensor l = null, t = null, g = null;
        try {
            l = backend.allocate(n, 1);
            t = backend.allocate(n, 1);
            g = backend.allocate(n, 1);
            for (int from = 0; from < n; from += block) {
                backend.upload(data.logits(), l.rowSlice(from, from + block));
                backend.upload(data.targets(), t.rowSlice(from, from + block));
            }
        } catch (RuntimeException e) {
            closeAll(l, t, g);
            throw e;
        }
        logits = l;
        targets = t;
        grad = g;
    }

    @Override
    public void close() { closeAll(logits, targets, grad); }

    private static void closeAll(Tensor... tensors) {
        for (Tensor x : tensors) if (x != null) x.close();
    }
}
