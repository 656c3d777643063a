package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.tensor.Tensor;

/**
 * The memory roofline of the run: {@link Backend#copy} of 2^log2 floats (2^27 = 512 MiB by default on the
 * GPU), bytes = read + write = 8 * 2^log2, timed like every loss variant (warm-up, median, cache flush).
 */
final class CopyBandwidth {
    private CopyBandwidth() {}

    static BenchRow measure(Backend device, int log2, int warmup, int repeats, Runnable flush) {
        int n = 1 << log2;
        long bytes = 2L * Float.BYTES * n;
        try (Tensor src = device.allocate(n, 1); Tensor dst = device.allocate(n, 1)) {
            device.fillUniform(src, 1, 0, -1f, 1f);
            Timing.Result t = Timing.measure(device, warmup, repeats, flush, () -> device.copy(src, dst));
            return new BenchRow("copy", "copy", device.name(), n, BenchRow.Status.OK, t.medianMs(), t.minMs(), bytes,
                    gbPerS(bytes, t.medianMs()), 100, t.launchesPerCall(), Double.NaN, "device-to-device copy, read + write");
        }
    }

    /** Decimal GB/s (1e9 bytes per second), as memory bandwidths are quoted. */
    static double gbPerS(long bytes, double ms) { return bytes / (ms * 1e6); }
}
