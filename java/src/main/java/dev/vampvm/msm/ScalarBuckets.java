package dev.vampvm.msm;

import dev.vampvm.field.MontgomeryField;

/** {@link BucketArithmetic} one addition after another, with the scalar field kernels. */
final class ScalarBuckets implements BucketArithmetic {

    private final MontgomeryField f;
    /** Denominator of each entry's slope. */
    private final long[] den;
    /** Product of the denominators before each entry (the forward pass of Montgomery's trick). */
    private final long[] prefix;
    private final long[] t = new long[20];

    ScalarBuckets(MontgomeryField f, int capacity) {
        this.f = f;
        this.den = new long[4 * capacity];
        this.prefix = new long[4 * capacity];
    }

    @Override
    public void addChords(long[] buckets, long[] points, int[] bucket, int[] point, boolean[] negate, int size) {
        final MontgomeryField f = this.f;
        final long[] t = this.t;
        // t[0..4): running product, then running inverse; t[4..8): 1/den; t[8..12): numerator, then λ;
        // t[12..16), t[16..20): scratch.
        f.setOne(t, 0);
        for (int e = 0; e < size; e++) {
            f.sub(points, point[e], buckets, 8 * bucket[e], den, 4 * e);
            System.arraycopy(t, 0, prefix, 4 * e, 4);
            f.mul(t, 0, den, 4 * e, t, 0);
        }
        f.invVartime(t, 0, t, 0);
        for (int e = size - 1; e >= 0; e--) {
            final int bo = 8 * bucket[e], po = point[e], eo = 4 * e;
            f.mul(t, 0, prefix, eo, t, 4);
            f.mul(t, 0, den, eo, t, 0);
            // λ = (y₂ − y₁)/(x₂ − x₁), y₂ = ±P.y
            if (negate[e]) {
                f.add(points, po + 4, buckets, bo + 4, t, 8);
                f.neg(t, 8, t, 8);
            } else {
                f.sub(points, po + 4, buckets, bo + 4, t, 8);
            }
            f.mul(t, 8, t, 4, t, 8);
            // x₃ = λ² − x₁ − x₂, y₃ = λ(x₁ − x₃) − y₁
            f.square(t, 8, t, 12);
            f.sub(t, 12, buckets, bo, t, 12);
            f.sub(t, 12, points, po, t, 12);
            f.sub(buckets, bo, t, 12, t, 16);
            f.mul(t, 8, t, 16, t, 16);
            f.sub(t, 16, buckets, bo + 4, buckets, bo + 4);
            System.arraycopy(t, 12, buckets, bo, 4);
        }
    }

    @Override
    public void doubleBuckets(long[] buckets, int[] bucket, int size) {
        final MontgomeryField f = this.f;
        final long[] t = this.t;
        f.setOne(t, 0);
        for (int e = 0; e < size; e++) {
            f.dbl(buckets, 8 * bucket[e] + 4, den, 4 * e);
            System.arraycopy(t, 0, prefix, 4 * e, 4);
            f.mul(t, 0, den, 4 * e, t, 0);
        }
        f.invVartime(t, 0, t, 0);
        for (int e = size - 1; e >= 0; e--) {
            final int bo = 8 * bucket[e], eo = 4 * e;
            f.mul(t, 0, prefix, eo, t, 4);
            f.mul(t, 0, den, eo, t, 0);
            // λ = 3x²/(2y); x' = λ² − 2x; y' = λ(x − x') − y
            f.square(buckets, bo, t, 8);
            f.dbl(t, 8, t, 12);
            f.add(t, 8, t, 12, t, 8);
            f.mul(t, 8, t, 4, t, 8);
            f.square(t, 8, t, 12);
            f.dbl(buckets, bo, t, 16);
            f.sub(t, 12, t, 16, t, 12);
            f.sub(buckets, bo, t, 12, t, 16);
            f.mul(t, 8, t, 16, t, 16);
            f.sub(t, 16, buckets, bo + 4, buckets, bo + 4);
            System.arraycopy(t, 12, buckets, bo, 4);
        }
    }
}
