package dev.vampvm.backend.cuda;

/**
 * One device allocation, shared by a root vector and its slices; freed once, when the root vector (or the
 * backend) is closed. Using a vector after that is an error, as on the Java engine.
 */
final class DeviceBuffer {
    final DeviceApi.Allocation allocation;
    /** The address of its first byte. */
    final DeviceApi.Address ptr;
    final long bytes;
    private volatile boolean freed;

    DeviceBuffer(DeviceApi.Allocation allocation, long bytes) {
        this.allocation = allocation;
        this.ptr = new DeviceApi.Address(allocation, 0);
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

    /** Frees the allocation; the caller holds the backend's lock. */
    void free(DeviceApi device) {
        if (!freed) {
            freed = true;
            device.free(allocation, bytes);
        }
    }
}
