package dev.vampvm.backend;

import dev.vampvm.curve.ShortWeierstrassCurve;

/** A {@link PointVector} of the Java engine: affine points [start, start + size) of a flat heap array. */
final class HeapPointVector implements PointVector {

    final long[] data;
    final int start;
    private final int size;
    private final ShortWeierstrassCurve curve;
    private final JavaBackend backend;
    private final Lifetime lifetime;
    /** Slices are views: only the vector that allocated the storage releases it. */
    private final boolean root;

    HeapPointVector(JavaBackend backend, ShortWeierstrassCurve curve, long[] data, int start, int size,
            Lifetime lifetime, boolean root) {
        this.backend = backend;
        this.curve = curve;
        this.data = data;
        this.start = start;
        this.size = size;
        this.lifetime = lifetime;
        this.root = root;
    }

    /** Offset in longs of point i. */
    int offset(int i) {
        return ShortWeierstrassCurve.AFFINE_LONGS * (start + i);
    }

    void checkOpen() {
        lifetime.checkOpen("point vector");
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
        checkOpen();
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a vector of " + size);
        }
        return new HeapPointVector(backend, curve, data, start + from, to - from, lifetime, false);
    }

    @Override
    public void close() {
        if (root) {
            lifetime.close();
        }
    }

    @Override
    public String toString() {
        return "PointVector[" + curve.name() + ", " + size + "]";
    }
}
