package dev.vampvm.backend.cuda;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import jcuda.driver.CUdeviceptr;

/** Points [start, start + size) of a device buffer of affine points (x, y; 64 bytes each; identity (0, 0)). */
final class DevicePointVector implements PointVector {
    static final int BYTES = 64;

    final CudaBackend backend;
    final ShortWeierstrassCurve curve;
    final DeviceBuffer buffer;
    final int start;
    final int size;
    private final boolean root;

    DevicePointVector(CudaBackend backend, ShortWeierstrassCurve curve, DeviceBuffer buffer, int start, int size,
            boolean root) {
        this.backend = backend;
        this.curve = curve;
        this.buffer = buffer;
        this.start = start;
        this.size = size;
        this.root = root;
    }

    CUdeviceptr ptr() {
        return buffer.ptr.withByteOffset((long) BYTES * start);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ShortWeierstrassCurve curve() {
        return curve;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public PointVector slice(int from, int to) {
        buffer.checkOpen("vector");
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a vector of " + size);
        }
        return new DevicePointVector(backend, curve, buffer, start + from, to - from, false);
    }

    @Override
    public void close() {
        if (root) {
            backend.release(buffer);
        }
    }

    @Override
    public String toString() {
        return "cuda " + curve.name() + " point vector of " + size;
    }
}
