package dev.fusedgan.cuda;

import dev.fusedgan.backend.BackendUnavailableException;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

/**
 * The compiled kernels: one fatbin per kernels/*.cu, built by native/build-kernels.sh into the jar under
 * {@code /kernels/}, loaded with cuModuleLoadData (no nvcc at run time) and unloaded on close.
 */
final class KernelModules implements AutoCloseable {
    static final String ROOT = "/kernels/";
    static final List<String> NAMES = List.of("activations", "elementwise", "loss", "optimizer", "random", "reductions");

    private final Map<String, CUmodule> modules = new LinkedHashMap<>();

    /**
     * Reads every fatbin from the class path (no CUDA calls), or says in one line why the kernels are
     * missing: the build's NOT_BUILT note (nvcc was not found) or the first fatbin that is absent.
     */
    static Map<String, byte[]> readFatbins(String root) {
        byte[] notBuilt = resource(root + "NOT_BUILT");
        if (notBuilt != null) {
            throw new BackendUnavailableException("CUDA kernels were not built: "
                    + new String(notBuilt, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("no reason given"));
        }
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (String name : NAMES) {
            byte[] image = resource(root + name + ".fatbin");
            if (image == null) {
                throw new BackendUnavailableException("CUDA kernels were not built: " + root + name
                        + ".fatbin is not on the class path (build with nvcc available, without -Dkernels.skip)");
            }
            images.put(name, image);
        }
        return images;
    }

    /** Loads the modules into the current context. */
    KernelModules(Map<String, byte[]> images) {
        try {
            for (var e : images.entrySet()) {
                CUmodule module = new CUmodule();
                CudaException.check(cuModuleLoadData(module, e.getValue()), "cuModuleLoadData(" + e.getKey() + ".fatbin)");
                modules.put(e.getKey(), module);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    CUfunction function(String module, String kernel) {
        CUmodule m = modules.get(module);
        if (m == null) throw new IllegalStateException("no kernel module " + module);
        CUfunction f = new CUfunction();
        CudaException.check(cuModuleGetFunction(f, m, kernel), "cuModuleGetFunction(" + module + "." + kernel + ")");
        return f;
    }

    @Override
    public void close() {
        for (CUmodule m : modules.values()) cuModuleUnload(m);
        modules.clear();
    }

    private static byte[] resource(String path) {
        try (InputStream in = KernelModules.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
