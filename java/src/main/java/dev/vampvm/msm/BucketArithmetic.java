package dev.vampvm.msm;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Lanes;
import dev.vampvm.field.MontgomeryField;

/**
 * The field-heavy steps of {@link BucketAccumulator} and {@link AffineBatch}: batches of affine chords and
 * doublings, the bucket sum, batches of mixed projective additions.
 *
 * <p>Two implementations: {@link ScalarBuckets}, one addition after another with {@link MontgomeryField}'s
 * kernels, and {@link LaneBuckets}, several at once, one per SIMD lane, through the Vector API (about twice as
 * fast on AVX-512). {@link #create} picks the lanes when it can. An interface, so that this type's verification
 * never loads {@code LaneBuckets} (nor the incubator module's classes it uses).
 */
interface BucketArithmetic {

    /**
     * bucket[b_e] += ±P_e for e &lt; size, the buckets distinct, every sum a plain chord (x_B ≠ x_P, neither point
     * the identity: {@link BucketAccumulator} settles the other cases), all slopes sharing one field inversion
     * (Montgomery's trick), in variable time ({@link MontgomeryField#invVartime}: the bucket method's work already
     * depends on the scalars' digits). Bucket b is the affine point at {@code buckets[8b]}; addend e is the affine point at
     * {@code points[point[e]]}, negated when {@code negate[e]}. {@code buckets} and {@code points} may be one array
     * so long as no addend is a bucket of the batch.
     */
    void addChords(long[] buckets, long[] points, int[] bucket, int[] point, boolean[] negate, int size);

    /**
     * bucket[b_e] = 2·bucket[b_e] for e &lt; size, the buckets distinct affine points, none the identity (nor of
     * order 2, which an odd-order curve has not), all slopes sharing one field inversion.
     */
    void doubleBuckets(long[] buckets, int[] bucket, int size);

    /**
     * out = Σ (b + 1)·B_b over the {@code count} affine buckets B_b (empty ones (0, 0)), projective, and every
     * bucket emptied; or false, touching nothing, to leave it to the caller's running sums.
     */
    default boolean sumBuckets(long[] buckets, int count, long[] out, int oo) {
        return false;
    }

    /**
     * How many mixed projective additions {@link #addMixed} takes at once; 0 when it takes none and the caller
     * adds one at a time.
     */
    default int mixedBatch() {
        return 0;
    }

    /**
     * bucket[b_e] += ±P_e for e &lt; size ≤ {@link #mixedBatch}, the buckets distinct and projective (12 longs at
     * {@code buckets[12b]}, any point, the identity included), the addends affine and not the identity.
     */
    default void addMixed(long[] buckets, long[] points, int[] bucket, int[] point, boolean[] negate, int size) {
        throw new UnsupportedOperationException("mixedBatch() is 0");
    }

    /**
     * The fastest implementation for batches of up to {@code capacity} chords on the curve, in an operation over
     * {@code size} points ({@link Lanes#ready}).
     */
    static BucketArithmetic create(ShortWeierstrassCurve curve, int capacity, long size) {
        return Lanes.ready(curve.baseField(), size) ? new LaneBuckets(curve, capacity)
                : new ScalarBuckets(curve.baseField(), capacity);
    }
}
