package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;

/**
 * Evicts the caches between timed repeats by writing a scratch buffer much larger than them (128 MiB by
 * default, against the 50 MB L2 of an H100), so large sizes are measured from memory, not from cache.
 * Zero MiB makes it a no-op.
 */
final class L2Flush implements Runnable, AutoCloseable {
    private final Backend backend;
    private final Tensor scratch;
    private float value;

    L2Flush(Backend backend, int mib) {
        if (mib < 0) throw new IllegalArgumentException("flush size must be >= 0 MiB, got " + mib);
        this.backend = backend;
        this.scratch = mib == 0 ? null : backend.allocate(mib * (1 << 20) / Float.BYTES, 1);
    }

    @Override
    public void run() {
        if (scratch == null) return;
        value += 1f;
        backend.fill(scratch, value);
    }

    @Override
    public void close() {
        if (scratch != null) scratch.close();
    }
}
