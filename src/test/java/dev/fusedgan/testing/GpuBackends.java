package dev.fusedgan.testing;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.backend.Backends;
import org.opentest4j.TestAbortedException;

/** Opening the CUDA backend in a GPU-tagged test, or aborting (skipping) that test with the reason there is none. */
public final class GpuBackends {
    private GpuBackends() {}

    public static Backend openOrSkip() {
        try {
            return Backends.openCuda();
        } catch (BackendUnavailableException e) {
            throw new TestAbortedException("CUDA backend unavailable: " + e.getMessage());
        }
    }
}
