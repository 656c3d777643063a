package dev.fusedgan.backend;

import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.cuda.CudaBackend;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Picks the engine for {@code --device}: {@code cpu}, {@code cuda} (an error naming the cause when no GPU
 * is usable) or {@code auto} (the GPU when usable, otherwise the CPU with a one-line reason).
 */
public final class Backends {
    private Backends() {}

    /** The opened backend and, under {@code auto}, why the CPU was chosen (null when nothing to say). */
    public record Choice(Backend backend, String fallbackReason) {}

    public static Choice open(String device) {
        return switch (device.toLowerCase(Locale.ROOT)) {
            case "cpu" -> new Choice(new CpuBackend(), null);
            case "cuda", "gpu" -> new Choice(openCuda(), null);
            case "auto" -> {
                try {
                    yield new Choice(openCuda(), null);
                } catch (BackendUnavailableException e) {
                    yield new Choice(new CpuBackend(), e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("unknown device '" + device + "' (expected auto, cpu or cuda)");
        };
    }

    /**
     * Opens the backend for {@code device}; when {@code auto} falls back to the CPU, hands {@code fallbackNote}
     * one line saying why ("using the CPU: ...").
     */
    public static Backend open(String device, Consumer<String> fallbackNote) {
        Choice choice = open(device);
        if (choice.fallbackReason() != null) fallbackNote.accept("using the CPU: " + choice.fallbackReason());
        return choice.backend();
    }

    /** Opens the CUDA backend or throws {@link BackendUnavailableException} naming the cause. */
    public static Backend openCuda() {
        return CudaBackend.open();
    }
}
