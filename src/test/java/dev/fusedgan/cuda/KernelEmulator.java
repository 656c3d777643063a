package dev.fusedgan.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The kernel emulator (native/emu, built by native/build-kernel-emulator.sh): the real kernels/*.cu compiled by
 * g++ for the host and run under an emulation of CUDA's execution model (blocks one after another, each block's
 * threads as fibers meeting at real __syncthreads() barriers). It checks the kernel sources' logic against the
 * CPU reference without a GPU; it says nothing about nvcc's code, the device math library or the GPU itself.
 *
 * <p>{@link #launch} takes arguments as {@link KernelLauncher} does (Integer int, Float float, Double double,
 * Long unsigned long long) with a host {@link MemorySegment} (or a {@link KernelLauncher.Device} holding a host
 * address, as {@link Launches} builds them) where the GPU path passes a device pointer ({@link MemorySegment#NULL}
 * or address 0 for a null one), and checks them against the kernel's parameter types before
 * launching. The library is loaded into this object's {@link Arena} and unloaded by {@link #close()}.
 */
final class KernelEmulator implements AutoCloseable {
    /** The directory the build wrote the library (or NOT_BUILT) into; Maven's surefire sets it. */
    static final String PROPERTY = "fusedgan.kernelEmu";
    static final String LIBRARY = "libfgkernels_emu.so";
    /** Thread order between barriers (and block order): ascending, descending, or a seeded shuffle per phase. */
    static final int ASCENDING = 0, DESCENDING = 1;

    /** Sources the library is built from, relative to the project directory (the tests' working directory). */
    private static final List<Path> SOURCES = List.of(Path.of("kernels"), Path.of("native", "emu"));

    private final Arena arena;
    private final MethodHandle launch, lastError, kernelNames, kernelSignature;
    private long launches;

    /** A failed launch: the emulator's status code and its message. */
    static final class LaunchFailure extends RuntimeException {
        final int code;

        LaunchFailure(String kernel, int code, String message) {
            super("emulated launch of " + kernel + " failed (" + code + "): " + message);
            this.code = code;
        }
    }

    /** Thrown by {@link #open()} with the reason the emulator cannot be used here. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) { super(reason); }
    }

    private KernelEmulator(Path library) {
        arena = Arena.ofShared();
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
            Linker linker = Linker.nativeLinker();
            launch = linker.downcallHandle(lookup.findOrThrow("fg_emu_launch_scheduled"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
            lastError = linker.downcallHandle(lookup.findOrThrow("fg_emu_last_error"), FunctionDescriptor.of(ADDRESS));
            kernelNames = linker.downcallHandle(lookup.findOrThrow("fg_emu_kernel_names"), FunctionDescriptor.of(ADDRESS));
            kernelSignature = linker.downcallHandle(lookup.findOrThrow("fg_emu_kernel_signature"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS));
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Loads the library the build made, or says why not: the property is unset (not run through Maven), the
     * build wrote NOT_BUILT (no compiler, or the compile failed), or a source is newer than the library (the
     * build step was skipped with -Dkernels.emu.skip=true after the kernels changed).
     */
    static KernelEmulator open() throws Unavailable {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new Unavailable("system property " + PROPERTY + " is not set (Maven sets it to the directory "
                    + "native/build-kernel-emulator.sh builds into)");
        }
        Path notBuilt = Path.of(dir, "NOT_BUILT");
        Path library = Path.of(dir, LIBRARY);
        try {
            if (Files.exists(notBuilt)) throw new Unavailable("kernel emulator not built: " + Files.readString(notBuilt).strip());
            if (!Files.exists(library)) throw new Unavailable("kernel emulator library " + library + " not found");
            Path newer = newerSource(Files.getLastModifiedTime(library));
            if (newer != null) {
                throw new Unavailable(newer + " is newer than " + library + " (rebuild it: the build step runs unless "
                        + "-Dkernels.emu.skip=true)");
            }
        } catch (IOException e) {
            throw new Unavailable("cannot read " + dir + ": " + e);
        }
        return new KernelEmulator(library);
    }

    private static Path newerSource(FileTime built) throws IOException {
        for (Path root : SOURCES) {
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (Files.getLastModifiedTime(p).compareTo(built) > 0) return p;
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return null;
    }

    /** Launches {@code grid} blocks of {@link KernelLauncher#BLOCK} threads, as KernelLauncher does (nothing when 0). */
    void launch(String kernel, int grid, Object... args) {
        launchScheduled(kernel, grid, KernelLauncher.BLOCK, ASCENDING, args);
    }

    /** Any block size and thread order, for the tests of the emulator itself and of schedule independence. */
    synchronized void launchScheduled(String kernel, int grid, int block, int schedule, Object... args) {
        if (grid == 0) return;
        String signature = signature(kernel);
        if (signature != null) checkArguments(kernel, signature, args);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment params = call.allocate(ADDRESS, Math.max(1, args.length));
            for (int i = 0; i < args.length; i++) params.setAtIndex(ADDRESS, i, value(call, args[i]));
            int code = (int) launch.invokeExact(call.allocateFrom(kernel), grid, block, params, schedule);
            if (code != 0) throw new LaunchFailure(kernel, code, string((MemorySegment) lastError.invokeExact()));
            launches++;
        } catch (LaunchFailure | IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("calling the kernel emulator", t);
        }
    }

    /** The value of one argument in native memory, as cuLaunchKernel expects it (params[i] points at it). */
    private static MemorySegment value(Arena call, Object arg) {
        return switch (arg) {
            case MemorySegment pointer -> call.allocateFrom(ADDRESS, pointer);
            case KernelLauncher.Device d -> call.allocateFrom(ADDRESS, MemorySegment.ofAddress(d.address()));
            case Integer v -> call.allocateFrom(JAVA_INT, v);
            case Float v -> call.allocateFrom(ValueLayout.JAVA_FLOAT, v);
            case Double v -> call.allocateFrom(ValueLayout.JAVA_DOUBLE, v);
            case Long v -> call.allocateFrom(ValueLayout.JAVA_LONG, v);
            default -> throw new IllegalArgumentException("unsupported kernel argument " + arg);
        };
    }

    /**
     * The kernel's parameter types must match the arguments one for one (p pointer, i int, f float, d double,
     * u unsigned long long): cuLaunchKernel cannot check this, so a wrong argument list would read garbage.
     */
    private static void checkArguments(String kernel, String signature, Object[] args) {
        if (signature.length() != args.length) {
            throw new IllegalArgumentException(kernel + " takes " + signature.length() + " arguments (" + signature
                    + "), given " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            char expected = signature.charAt(i);
            char given = switch (args[i]) {
                case MemorySegment ignored -> 'p';
                case KernelLauncher.Device ignored -> 'p';
                case Integer ignored -> 'i';
                case Float ignored -> 'f';
                case Double ignored -> 'd';
                case Long ignored -> 'u';
                case null, default -> '?';
            };
            if (given != expected) {
                throw new IllegalArgumentException(kernel + " argument " + i + ": the kernel takes '" + expected
                        + "' (signature " + signature + "), given " + args[i]);
            }
        }
    }

    /** Kernels launched so far (as {@link KernelLauncher#launches()} counts them, less the non-kernel operations). */
    synchronized long launches() { return launches; }

    /** The registered kernel names (the project's kernels and the emulator's own emu_* test kernels). */
    List<String> kernelNames() {
        try {
            return List.of(string((MemorySegment) kernelNames.invokeExact()).split(","));
        } catch (Throwable t) {
            throw new IllegalStateException("calling the kernel emulator", t);
        }
    }

    /** The kernel's parameter type letters, or null when no kernel of that name is registered. */
    String signature(String kernel) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment s = (MemorySegment) kernelSignature.invokeExact(call.allocateFrom(kernel));
            return s.equals(MemorySegment.NULL) ? null : string(s);
        } catch (Throwable t) {
            throw new IllegalStateException("calling the kernel emulator", t);
        }
    }

    private static String string(MemorySegment cString) {
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    @Override
    public void close() { arena.close(); }
}
