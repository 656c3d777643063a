package dev.fusedgan.backend;

/** A backend that cannot be used on this machine; the message is one line naming the cause. */
public class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message) { super(message); }

    public BackendUnavailableException(String message, Throwable cause) { super(message, cause); }
}
