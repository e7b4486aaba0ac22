package dev.vampvm.backend.cuda;

import dev.vampvm.backend.Arguments;
import dev.vampvm.backend.Backend;

/**
 * What the CUDA engine's vectors share: elements [start, start + size) of a device buffer with a fixed number of
 * bytes per element, and the rule that only the vector that allocated the buffer releases it (slices are views).
 */
abstract class DeviceVector {
    final CudaBackend backend;
    final DeviceBuffer buffer;
    final int start;
    final int size;
    private final int bytesPerElement;
    private final boolean root;

    DeviceVector(CudaBackend backend, DeviceBuffer buffer, int start, int size, int bytesPerElement, boolean root) {
        this.backend = backend;
        this.buffer = buffer;
        this.start = start;
        this.size = size;
        this.bytesPerElement = bytesPerElement;
        this.root = root;
    }

    /** The device address of element 0. */
    DeviceApi.Address ptr() {
        return buffer.ptr.plus((long) bytesPerElement * start);
    }

    /** Checks a slice request against this vector, and that the buffer is still live. */
    final void checkSlice(int from, int to) {
        buffer.checkOpen("vector");
        Arguments.checkSlice(from, to, size);
    }

    public final int size() {
        return size;
    }

    public final Backend backend() {
        return backend;
    }

    public final void close() {
        if (root) {
            backend.release(buffer);
        }
    }
}
