package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;

/**
 * The tensors of one loss-suite size on one backend: logits, targets and gradient, each n x 1 (so that a
 * row slice is a contiguous range), logits and targets filled with {@link LossData} repeated end to end; and
 * the 1 x 2 result the timed calls write [value, NaN count] into ({@code Backend.lossInto}).
 */
final class LossInputs implements AutoCloseable {
    final Tensor logits;
    final Tensor targets;
    final Tensor grad;
    final Tensor result;

    LossInputs(Backend backend, int n, LossData data) {
        int block = data.blockSize();
        if (n % block != 0) throw new IllegalArgumentException("size " + n + " is not a multiple of the data block " + block);
        Tensor l = null, t = null, g = null, r = null;
        try {
            l = backend.allocate(n, 1);
            t = backend.allocate(n, 1);
            g = backend.allocate(n, 1);
            r = backend.allocate(1, 2);
            for (int from = 0; from < n; from += block) {
                backend.upload(data.logits(), l.rowSlice(from, from + block));
                backend.upload(data.targets(), t.rowSlice(from, from + block));
            }
        } catch (RuntimeException e) {
            closeAll(l, t, g, r);
            throw e;
        }
        logits = l;
        targets = t;
        grad = g;
        result = r;
    }

    @Override
    public void close() { closeAll(logits, targets, grad, result); }

    private static void closeAll(Tensor... tensors) {
        for (Tensor x : tensors) if (x != null) x.close();
    }
}
