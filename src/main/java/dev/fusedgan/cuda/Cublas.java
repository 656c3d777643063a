package dev.fusedgan.cuda;

import dev.fusedgan.backend.BackendUnavailableException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * cuBLAS through java.lang.foreign: one handle bound to the backend's stream, one MethodHandle per {@code _v2}
 * entry point used. (JCublas is not used: its native library does not load against CUDA 13.) The library is
 * loaded once per process and never unloaded: unloading cuBLAS (and the CUDA runtime linked into it) and
 * loading it again for the next backend is a known source of crashes, and the handle, not the library, is
 * the resource worth freeing. The scalars live in this object's Arena; {@link #close()} destroys the handle,
 * then closes the Arena. Create it after the CUDA context is current on the calling thread: cuBLAS attaches
 * to the current context.
 */
final class Cublas implements AutoCloseable {
    static final String PROPERTY = "fusedgan.cublas";
    static final String ENV = "FUSEDGAN_CUBLAS";
    private static final int OP_N = 0, OP_T = 1;
    private static final List<String> SONAMES = List.of("libcublas.so.13", "libcublas.so.12");

    /** The entry points, bound once per process (null until the first successful load). */
    private record Entry(MethodHandle create, MethodHandle destroy, MethodHandle setStream, MethodHandle sgemm) {}

    private static Entry entry;
    /** The library name that loaded (see {@link #candidateNames()}), once one has. */
    private static volatile String loadedFrom;

    private final Arena arena;
    private final Entry api;
    private final MemorySegment handle;
    private final MemorySegment alpha;
    private final MemorySegment beta;
    private boolean closed;

    /**
     * Library names to try, in order: the override (property, then environment), the cuBLAS 13 and 12 sonames
     * (found through the loader's path), then the same files under $CUDA_HOME, $CUDA_PATH and /usr/local/cuda,
     * whose lib64 is often not on the loader's path.
     */
    static List<String> candidateNames() {
        List<String> names = new ArrayList<>();
        String override = System.getProperty(PROPERTY, System.getenv(ENV));
        if (override != null && !override.isBlank()) names.add(override.strip());
        names.addAll(SONAMES);
        for (String root : new String[] {System.getenv("CUDA_HOME"), System.getenv("CUDA_PATH"), "/usr/local/cuda"}) {
            if (root == null || root.isBlank()) continue;
            for (String soname : SONAMES) {
                String path = Path.of(root.strip(), "lib64", soname).toString();
                if (!names.contains(path)) names.add(path);
            }
        }
        return names;
    }

    /** The first of {@code names} that loads, or a one-line error listing every name tried. */
    static SymbolLookup loadLibrary(List<String> names, Arena arena) {
        for (String name : names) {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup(name, arena);
                loadedFrom = name;
                return lib;
            } catch (IllegalArgumentException notFound) {
                // try the next name
            }
        }
        throw new BackendUnavailableException("cuBLAS not found (tried " + String.join(", ", names)
                + "; set -D" + PROPERTY + "=/path/to/libcublas.so or " + ENV + ")");
    }

    private static synchronized Entry entry() {
        if (entry == null) {
            SymbolLookup lib = loadLibrary(candidateNames(), Arena.global());
            entry = new Entry(
                    bind(lib, "cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    bind(lib, "cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    bind(lib, "cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
                    // (handle, transa, transb, m, n, k, const float* alpha, const float* A, lda, const float* B, ldb,
                    //  const float* beta, float* C, ldc); cublasOperation_t is a C enum, an int
                    bind(lib, "cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
                            JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)));
        }
        return entry;
    }

    /** The cuBLAS library this process loaded, e.g. "libcublas.so.13"; null before the first backend opened it. */
    static String loadedFrom() { return loadedFrom; }

    /** @param stream the raw CUstream address the backend launches on */
    Cublas(long stream) {
        api = entry();
        arena = Arena.ofShared();
        MemorySegment created = null;
        try {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) api.create().invokeExact(out), "cublasCreate_v2");
            created = out.get(ADDRESS, 0);
            check((int) api.setStream().invokeExact(created, MemorySegment.ofAddress(stream)), "cublasSetStream_v2");
        } catch (Throwable t) {
            if (created != null) destroyQuietly(created);
            arena.close();
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error e) throw e;
            throw new CudaException("binding cuBLAS failed: " + t);
        }
        handle = created;
        // CUBLAS_POINTER_MODE_HOST (the default): alpha and beta are read from host memory during the call.
        alpha = arena.allocate(JAVA_FLOAT);
        beta = arena.allocate(JAVA_FLOAT);
    }

    /** Frees a handle whose setup failed; the first error is the one worth reporting. */
    private void destroyQuietly(MemorySegment h) {
        try {
            int status = (int) api.destroy().invokeExact(h);
        } catch (Throwable failure) {
            // already failing
        }
    }

    /**
     * Column-major SGEMM: C = alpha op(A) op(B) + beta C with op(A) m x k, op(B) k x n, C m x n (ldc &ge; m).
     * Pointers are raw device addresses on the handle's context.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alphaValue, long a, int lda,
               long b, int ldb, float betaValue, long c, int ldc) {
        alpha.set(JAVA_FLOAT, 0, alphaValue);
        beta.set(JAVA_FLOAT, 0, betaValue);
        int status;
        try {
            status = (int) api.sgemm().invokeExact(handle, transA ? OP_T : OP_N, transB ? OP_T : OP_N, m, n, k, alpha,
                    MemorySegment.ofAddress(a), lda, MemorySegment.ofAddress(b), ldb, beta, MemorySegment.ofAddress(c), ldc);
        } catch (Throwable t) {
            throw new CudaException("cublasSgemm_v2 failed: " + t);
        }
        check(status, "cublasSgemm_v2(m=" + m + ", n=" + n + ", k=" + k + ")");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            check((int) api.destroy().invokeExact(handle), "cublasDestroy_v2");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CudaException("cublasDestroy_v2 failed: " + t);
        } finally {
            arena.close();
        }
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name).orElseThrow(() ->
                new BackendUnavailableException("the loaded cuBLAS has no " + name + " (need cuBLAS 12 or 13)"));
        return Linker.nativeLinker().downcallHandle(symbol, descriptor);
    }

    private static void check(int status, String call) {
        if (status != 0) throw new CudaException(call + " failed: " + statusName(status));
    }

    /** cublasStatus_t names from cublas_api.h. */
    static String statusName(int status) {
        return switch (status) {
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "cuBLAS status " + status;
        };
    }
}
