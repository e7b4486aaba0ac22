package dev.vampvm.backend.cuda;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * One device allocation, shared by a root vector and its slices; freed once, when the root vector (or the
 * backend) is closed. Using a vector after that is an error, as on the Java engine.
 */
final class DeviceBuffer {
    final CUdeviceptr ptr;
    final long bytes;
    private volatile boolean freed;

    DeviceBuffer(CUdeviceptr ptr, long bytes) {
        this.ptr = ptr;
        this.bytes = bytes;
    }

    void checkOpen(String what) {
        if (freed) {
            throw new IllegalStateException("the " + what + " was closed");
        }
    }

    boolean freed() {
        return freed;
    }

    /** Frees the allocation; the caller holds the backend's lock with its context current. */
    void free() {
        if (!freed) {
            freed = true;
            CudaDriver.check(JCudaDriver.cuMemFree(ptr), "cuMemFree(" + bytes + " bytes)");
        }
    }
}
