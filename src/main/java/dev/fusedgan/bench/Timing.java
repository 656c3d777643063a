package dev.fusedgan.bench;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.Stopwatch;

import java.util.Arrays;

/**
 * Times one call the honest way: {@code warmup} untimed calls, then {@code repeats} calls each timed alone
 * with {@link Backend#stopwatch()} (CUDA events on the GPU), with {@code betweenRepeats} (e.g. an L2 flush)
 * run before each call outside the timed span. Launches are counted around the timed calls only.
 */
public final class Timing {
    private Timing() {}

    /** Median and minimum milliseconds over the repeats, and launches per call. */
    public record Result(double medianMs, double minMs, double launchesPerCall) {}

    public static Result measure(Backend backend, int warmup, int repeats, Runnable betweenRepeats, Runnable call) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        for (int i = 0; i < warmup; i++) call.run();
        double[] ms = new double[repeats];
        long launches = 0;
        try (Stopwatch sw = backend.stopwatch()) {
            for (int i = 0; i < repeats; i++) {
                betweenRepeats.run();
                long before = backend.launches();
                sw.start();
                call.run();
                ms[i] = sw.stopMillis();
                launches += backend.launches() - before;
            }
        }
        return new Result(median(ms), Arrays.stream(ms).min().orElseThrow(), (double) launches / repeats);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
