package dev.fusedgan.cuda;

import jcuda.driver.CUresult;

/** A CUDA driver or cuBLAS call failed; the message names the call and the error. */
public final class CudaException extends RuntimeException {
    CudaException(String message) { super(message); }

    /** Throws unless {@code result} is CUDA_SUCCESS. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call + " failed: " + CUresult.stringFor(result));
        }
    }
}
