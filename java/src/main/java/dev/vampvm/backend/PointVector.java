package dev.vampvm.backend;

import dev.vampvm.curve.ShortWeierstrassCurve;

/**
 * A handle to a vector of affine curve points owned by a {@link Backend} (host or device memory), used
 * for commitment bases and the IPA's folded generators. Same ownership rules as {@link ScalarVector}.
 */
public interface PointVector extends AutoCloseable {

    int size();

    ShortWeierstrassCurve curve();

    Backend backend();

    /** A view of points [from, to) sharing this vector's storage. */
    PointVector slice(int from, int to);

    @Override
    void close();
}
