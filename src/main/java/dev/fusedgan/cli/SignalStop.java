package dev.fusedgan.cli;

import dev.fusedgan.train.StopRequest;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns SIGINT and SIGTERM into a {@link StopRequest} while a run trains: the handler only records the
 * signal, and the training loop finishes its step, saves a checkpoint and stops. A second signal exits at
 * once (the last checkpoint, written atomically, stays intact). {@link #close} puts the previous handlers back.
 */
final class SignalStop implements StopRequest, AutoCloseable {
    private static final Map<String, Integer> EXIT_CODES = Map.of("INT", 130, "TERM", 143);

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile String caught;

    SignalStop() {
        for (String name : EXIT_CODES.keySet()) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, s -> {
                if (caught != null) Runtime.getRuntime().halt(exitCode(s.getName()));
                caught = s.getName();
            }));
        }
    }

    @Override
    public String pending() { return caught; }

    /** The shell's convention: 128 + the signal number (130 for INT, 143 for TERM). */
    static int exitCode(String signal) { return EXIT_CODES.getOrDefault(signal, 1); }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
