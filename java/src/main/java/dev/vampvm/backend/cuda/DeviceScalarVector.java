package dev.vampvm.backend.cuda;

import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.MontgomeryField;

/** Elements [start, start + size) of a device buffer of Montgomery-form field elements (32 bytes each). */
final class DeviceScalarVector extends DeviceVector implements ScalarVector {
    static final int BYTES = 32;

    final MontgomeryField field;

    DeviceScalarVector(CudaBackend backend, MontgomeryField field, DeviceBuffer buffer, int start, int size, boolean root) {
        super(backend, buffer, start, size, BYTES, root);
        this.field = field;
    }

    @Override
    public MontgomeryField field() {
        return field;
    }

    @Override
    public ScalarVector slice(int from, int to) {
        checkSlice(from, to);
        return new DeviceScalarVector(backend, field, buffer, start + from, to - from, false);
    }

    @Override
    public String toString() {
        return "cuda " + field.name() + " vector of " + size;
    }
}
