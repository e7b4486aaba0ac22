package dev.vampvm.backend.cuda;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.MontgomeryField;
import jcuda.driver.CUdeviceptr;

/** Elements [start, start + size) of a device buffer of Montgomery-form field elements (32 bytes each). */
final class DeviceScalarVector implements ScalarVector {
    static final int BYTES = 32;

    final CudaBackend backend;
    final MontgomeryField field;
    final DeviceBuffer buffer;
    final int start;
    final int size;
    private final boolean root;

    DeviceScalarVector(CudaBackend backend, MontgomeryField field, DeviceBuffer buffer, int start, int size, boolean root) {
        this.backend = backend;
        this.field = field;
        this.buffer = buffer;
        this.start = start;
        this.size = size;
        this.root = root;
    }

    /** The device address of element 0. */
    CUdeviceptr ptr() {
        return buffer.ptr.withByteOffset((long) BYTES * start);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public MontgomeryField field() {
        return field;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public ScalarVector slice(int from, int to) {
        buffer.checkOpen("vector");
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a vector of " + size);
        }
        return new DeviceScalarVector(backend, field, buffer, start + from, to - from, false);
    }

    @Override
    public void close() {
        if (root) {
            backend.release(buffer);
        }
    }

    @Override
    public String toString() {
        return "cuda " + field.name() + " vector of " + size;
    }
}
