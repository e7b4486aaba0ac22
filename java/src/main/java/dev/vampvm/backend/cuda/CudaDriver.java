package dev.vampvm.backend.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The checked door to the CUDA driver API (JCuda's {@link JCudaDriver}, which needs only libcuda.so.1 at run
 * time): every call's result goes through {@link #check}, which turns a failure into a {@link CudaException}
 * naming the operation and the driver's error. JCuda's own exceptions stay off, so that the message is ours.
 */
final class CudaDriver {

    private CudaDriver() {
    }

    /** Throws a {@link CudaException} unless {@code result} is CUDA_SUCCESS. */
    static void check(int result, String operation) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(operation, result, errorText(result));
        }
    }

    /** "CUDA_ERROR_NAME (description)" for a CUresult. */
    static String errorText(int result) {
        String name = CUresult.stringFor(result);
        String[] text = new String[1];
        try {
            if (JCudaDriver.cuGetErrorString(result, text) != CUresult.CUDA_SUCCESS || text[0] == null) {
                return name;
            }
        } catch (LinkageError e) {
            return name;
        }
        return name + " (" + text[0] + ")";
    }
}
