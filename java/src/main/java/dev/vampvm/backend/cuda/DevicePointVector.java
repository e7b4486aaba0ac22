package dev.vampvm.backend.cuda;

import dev.vampvm.backend.PointVector;
import dev.vampvm.curve.ShortWeierstrassCurve;

/** Points [start, start + size) of a device buffer of affine points (x, y; 64 bytes each; identity (0, 0)). */
final class DevicePointVector extends DeviceVector implements PointVector {
    static final int BYTES = 64;

    final ShortWeierstrassCurve curve;

    DevicePointVector(CudaBackend backend, ShortWeierstrassCurve curve, DeviceBuffer buffer, int start, int size,
            boolean root) {
        super(backend, buffer, start, size, BYTES, root);
        this.curve = curve;
    }

    @Override
    public ShortWeierstrassCurve curve() {
        return curve;
    }

    @Override
    public PointVector slice(int from, int to) {
        checkSlice(from, to);
        return new DevicePointVector(backend, curve, buffer, start + from, to - from, false);
    }

    @Override
    public String toString() {
        return "cuda " + curve.name() + " point vector of " + size;
    }
}
