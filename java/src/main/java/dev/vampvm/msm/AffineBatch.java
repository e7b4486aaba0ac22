package dev.vampvm.msm;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;

/**
 * Lock-step affine arithmetic on many independent points: every point of a block is doubled (or has a
 * point added) at once, all slopes sharing one field inversion (Montgomery's trick). About 7 multiplications
 * per doubling and 6 per addition, against 9–14 for the projective formulas, and the results stay affine.
 *
 * <p>This class settles the special cases point by point (identities, equal x-coordinates) and hands the plain
 * chords and doublings to a {@link BucketArithmetic}, which runs them in SIMD lanes where it can. Points are flat
 * affine (8 longs, at offsets that are multiples of 8), the identity (0, 0). One instance per thread: it owns the
 * scratch for blocks of up to {@code capacity} points.
 */
final class AffineBatch {

    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;

    private final MontgomeryField f;
    private final BucketArithmetic arithmetic;
    /** The chords of a step: acc point (as an index of 8 longs), addend offset, sign; and the doublings. */
    private final int[] sums, addends, doublings;
    private final boolean[] negates;
    private final long[] y = new long[4];

    /** @param size the points of the whole operation this batch serves (whether it is worth the lanes' warm-up) */
    AffineBatch(ShortWeierstrassCurve curve, int capacity, long size) {
        this.f = curve.baseField();
        this.arithmetic = BucketArithmetic.create(curve, capacity, size);
        this.sums = new int[capacity];
        this.addends = new int[capacity];
        this.doublings = new int[capacity];
        this.negates = new boolean[capacity];
    }

    /** p[i] = 2·p[i] for the count points from off, skipping identities and those with skip[i] set. */
    void doubleAll(long[] p, int off, int count, boolean[] skip) {
        final int base = index(off);
        int d = 0;
        for (int i = 0; i < count; i++) {
            if ((skip == null || !skip[i]) && !isIdentity(p, off + AFF * i)) {
                doublings[d++] = base + i;
            }
        }
        if (d > 0) {
            arithmetic.doubleBuckets(p, doublings, d);
        }
    }

    /**
     * acc[i] += (negate ? −q[i] : q[i]) for the count points, q[i] at qOff + qStride·i, skipping those with
     * skip[i] set. An identity on either side is handled exactly. Equal x-coordinates (P + P or P + (−P)):
     * with {@code exact} the doubling or the identity is computed; without, the point is left as it was
     * and skip[i] is set, for the caller to finish it another way.
     */
    void addAll(long[] acc, int accOff, long[] q, int qOff, int qStride, boolean negate, int count,
                boolean[] skip, boolean exact) {
        final MontgomeryField f = this.f;
        final int base = index(accOff);
        int n = 0, d = 0;
        for (int i = 0; i < count; i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            int ao = accOff + AFF * i, qo = qOff + qStride * i;
            if (isIdentity(q, qo)) {
                continue;
            }
            if (isIdentity(acc, ao)) {
                System.arraycopy(q, qo, acc, ao, 4);
                if (negate) {
                    f.neg(q, qo + 4, acc, ao + 4);
                } else {
                    System.arraycopy(q, qo + 4, acc, ao + 4, 4);
                }
                continue;
            }
            if (f.equal(acc, ao, q, qo)) {
                if (!exact) {
                    skip[i] = true;
                    continue;
                }
                // Same x: equal y (after the sign) is a doubling, otherwise P + (−P).
                if (negate) {
                    f.neg(q, qo + 4, y, 0);
                } else {
                    System.arraycopy(q, qo + 4, y, 0, 4);
                }
                if (f.equal(acc, ao + 4, y, 0)) {
                    doublings[d++] = base + i;
                } else {
                    java.util.Arrays.fill(acc, ao, ao + AFF, 0L);
                }
                continue;
            }
            sums[n] = base + i;
            addends[n] = qo;
            negates[n] = negate;
            n++;
        }
        if (n > 0) {
            arithmetic.addChords(acc, q, sums, addends, negates, n);
        }
        if (d > 0) {
            arithmetic.doubleBuckets(acc, doublings, d);
        }
    }

    /** The index of the point at offset off, as BucketArithmetic counts them (8 longs each). */
    private static int index(int off) {
        if (off % AFF != 0) {
            throw new IllegalArgumentException("points start at multiples of " + AFF + " longs, got offset " + off);
        }
        return off / AFF;
    }

    static boolean isIdentity(long[] p, int po) {
        return (p[po] | p[po + 1] | p[po + 2] | p[po + 3]) == 0;
    }
}
