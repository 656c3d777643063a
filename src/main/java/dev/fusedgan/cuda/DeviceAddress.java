package dev.fusedgan.cuda;

import jcuda.NativePointerObject;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * The raw address behind a JCuda handle (a {@code CUdeviceptr} from cuMemAlloc, a {@code CUstream}), for
 * kernel arguments and cuBLAS. JCuda keeps it in {@code NativePointerObject.nativePointer} and exposes it only
 * through the protected {@code getNativePointer()}, so it is read once per handle by reflection; that works
 * because JCuda sits on the class path (the unnamed module, whose packages are open). Offsets made with
 * JCuda's {@code withByteOffset} live in a separate field and are NOT included: read only handles as
 * allocated (offset 0) and add offsets yourself, as {@link CudaTensor} does.
 */
final class DeviceAddress {
    private static final MethodHandle GET_NATIVE_POINTER = lookup();

    private DeviceAddress() {}

    static long of(NativePointerObject handle) {
        try {
            return (long) GET_NATIVE_POINTER.invoke(handle);
        } catch (Throwable t) {
            throw new CudaException("reading a JCuda handle's native address failed: " + t);
        }
    }

    private static MethodHandle lookup() {
        try {
            var method = NativePointerObject.class.getDeclaredMethod("getNativePointer");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("cannot read JCuda native addresses (" + e + "); is jcuda on the class path?");
        }
    }
}
