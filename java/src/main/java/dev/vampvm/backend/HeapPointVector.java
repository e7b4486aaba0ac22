package dev.vampvm.backend;

import dev.vampvm.curve.ShortWeierstrassCurve;

/** A {@link PointVector} of the Java engine: affine points, eight longs each. */
final class HeapPointVector extends HeapVector implements PointVector {

    private final ShortWeierstrassCurve curve;

    HeapPointVector(JavaBackend backend, ShortWeierstrassCurve curve, long[] data, int start, int size,
            Lifetime lifetime, boolean root) {
        super(backend, data, start, size, ShortWeierstrassCurve.AFFINE_LONGS, lifetime, root);
        this.curve = curve;
    }

    @Override
    public ShortWeierstrassCurve curve() {
        return curve;
    }

    @Override
    public PointVector slice(int from, int to) {
        checkSlice(from, to);
        return new HeapPointVector(backend, curve, data, start + from, to - from, lifetime, false);
    }

    @Override
    public String toString() {
        return "PointVector[" + curve.name() + ", " + size + "]";
    }
}
