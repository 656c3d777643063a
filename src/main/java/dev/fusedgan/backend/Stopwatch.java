package dev.fusedgan.backend;

/**
 * Times work submitted to a backend: wall clock on the CPU, CUDA events on the GPU's stream.
 * {@code start()} records a start mark; {@code stopMillis()} records the end, waits for it and returns
 * the elapsed milliseconds between the two marks.
 */
public interface Stopwatch extends AutoCloseable {
    void start();

    float stopMillis();

    @Override
    void close();
}
