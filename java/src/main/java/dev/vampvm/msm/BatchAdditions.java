package dev.vampvm.msm;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;

/**
 * The arithmetic of one batch of affine additions bucket[b_e] += ±P_e (e &lt; size), the buckets distinct, every
 * sum a plain chord (x_B ≠ x_P, neither point the identity: {@link BucketAccumulator} routes the other cases
 * elsewhere). All slopes share one field inversion (Montgomery's trick).
 *
 * <p>Two implementations: {@link ScalarAdditions}, one addition after another with {@link MontgomeryField}'s
 * kernels, and {@link LaneAdditions}, several additions at once, one per SIMD lane, through the Vector API
 * (about 1.7 times as fast on AVX-512). {@link #create} picks the lanes when it can. An interface, so that
 * this type's verification never loads {@code LaneAdditions} (nor the incubator module's classes it uses).
 */
interface BatchAdditions {

    /** The system property that turns the vector lanes off ({@code -Dvampvm.lanes=off}): for comparisons. */
    String LANES_PROPERTY = "vampvm.lanes";

    /**
     * Runs the batch. Bucket b is the affine point at {@code buckets[8b]}; addend e is the affine point at
     * {@code points[point[e]]}, negated when {@code negate[e]}.
     */
    void run(long[] buckets, long[] points, int[] bucket, int[] point, boolean[] negate, int size);

    /**
     * out = Σ (b + 1)·B_b over the {@code count} affine buckets B_b (empty ones (0, 0)), projective, and every
     * bucket emptied; or false, touching nothing, to leave it to the caller's running sums.
     */
    default boolean sumBuckets(long[] buckets, int count, long[] out, int oo) {
        return false;
    }

    /** The fastest implementation for batches of up to {@code capacity} additions on the curve. */
    static BatchAdditions create(ShortWeierstrassCurve curve, int capacity) {
        return lanesUsable(curve.baseField()) ? new LaneAdditions(curve, capacity)
                : new ScalarAdditions(curve.baseField(), capacity);
    }

    /**
     * Whether the lanes can be used: the Vector API module present (bin/vampvm adds it), vectors of at least four
     * longs (AVX2; two lanes are no faster than the scalar kernels), a Pasta-shape field, and not turned off.
     */
    static boolean lanesUsable(MontgomeryField f) {
        return !"off".equals(System.getProperty(LANES_PROPERTY))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && LaneAdditions.supports(f);
    }
}
