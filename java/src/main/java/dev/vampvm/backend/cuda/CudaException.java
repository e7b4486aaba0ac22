package dev.vampvm.backend.cuda;

/**
 * A CUDA driver call failed. The message names the operation (with its arguments where they help) and the
 * driver's error, e.g. {@code cuMemAlloc(33554432 bytes): CUDA_ERROR_OUT_OF_MEMORY (out of memory)}.
 */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int result;

    CudaException(String operation, int result, String errorText) {
        super(operation + ": " + errorText);
        this.result = result;
    }

    /** The driver's CUresult code. */
    public int result() {
        return result;
    }
}
