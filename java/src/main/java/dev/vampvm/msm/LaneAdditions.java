package dev.vampvm.msm;

import dev.vampvm.field.FieldLanes;
import dev.vampvm.field.MontgomeryField;

/**
 * {@link BatchAdditions} with {@link FieldLanes}: additions e, e + 1, … e + w − 1 run side by side, one per lane
 * of a w-lane vector. Lane l carries its own running product over the additions l, l + w, l + 2w, …; the w
 * products are inverted together with the scalar kernels (one inversion), and the backward pass again runs w
 * chains side by side. The points' limbs are gathered from the flat arrays into blocks and scattered back; the
 * buckets of one batch are distinct, so no two lanes ever write the same place.
 *
 * <p>Measured on the 2-core AMD EPYC (AVX-512, JDK 25), batches of 1,024 additions over 4,096 buckets: about
 * 260 ns per addition against 440 ns for {@link ScalarAdditions}.
 */
final class LaneAdditions implements BatchAdditions {

    private final MontgomeryField f;
    private final FieldLanes lanes;
    private final int w;
    private final int block;
    /** Per group of w additions: x of the buckets and of the addends, the slopes' denominators, the prefixes. */
    private final long[] xb, xp, den, prefix;
    /** Offsets (in longs) of the buckets and the addends, padded to whole groups. */
    private final int[] bucketOffset, pointOffset;
    private final boolean[] negateLanes;
    private final long[] acc, inv, invE, yb, yp, ySigned, lambda, x3, y3;
    private final long[] dense, scratch;

    static boolean supports(MontgomeryField f) {
        return FieldLanes.preferredSpecies().length() >= 4 && FieldLanes.takes(f);
    }

    LaneAdditions(MontgomeryField f, int capacity) {
        this.f = f;
        this.lanes = new FieldLanes(f, FieldLanes.preferredSpecies());
        this.w = lanes.lanes();
        this.block = lanes.blockLongs();
        int groups = (capacity + w - 1) / w;
        xb = new long[block * groups];
        xp = new long[block * groups];
        den = new long[block * groups];
        prefix = new long[block * groups];
        bucketOffset = new int[groups * w];
        pointOffset = new int[groups * w];
        negateLanes = new boolean[groups * w];
        acc = new long[block];
        inv = new long[block];
        invE = new long[block];
        yb = new long[block];
        yp = new long[block];
        ySigned = new long[block];
        lambda = new long[block];
        x3 = new long[block];
        y3 = new long[block];
        dense = new long[4 * w];
        scratch = new long[4 * w];
    }

    @Override
    public void run(long[] buckets, long[] points, int[] bucket, int[] point, boolean[] negate, int size) {
        final FieldLanes fl = lanes;
        final int w = this.w, block = this.block;
        final int groups = (size + w - 1) / w;
        final int padded = groups * w;
        for (int e = 0; e < size; e++) {
            bucketOffset[e] = 8 * bucket[e];
            pointOffset[e] = point[e];
            negateLanes[e] = negate[e];
        }
        // Lanes past the end read entry 0's points (never written back) and get a denominator of 1.
        for (int e = size; e < padded; e++) {
            bucketOffset[e] = bucketOffset[0];
            pointOffset[e] = pointOffset[0];
            negateLanes[e] = false;
        }
        final int tail = size - (groups - 1) * w;

        fl.setOne(acc, 0);
        for (int g = 0, go = 0; g < groups; g++, go += block) {
            fl.gather(buckets, 0, bucketOffset, g * w, xb, go);
            fl.gather(points, 0, pointOffset, g * w, xp, go);
            fl.sub(xp, go, xb, go, den, go);
            if (g == groups - 1 && tail < w) {
                fl.setOneFrom(den, go, tail);
            }
            fl.copy(acc, 0, prefix, go);
            fl.mul(acc, 0, den, go, acc, 0);
        }
        // One inversion for the w running products.
        fl.store(acc, 0, dense, 0);
        f.batchInvert(dense, 0, w, scratch);
        fl.load(dense, 0, inv, 0);

        for (int g = groups - 1, go = g * block; g >= 0; g--, go -= block) {
            fl.mul(inv, 0, prefix, go, invE, 0);
            fl.mul(inv, 0, den, go, inv, 0);
            fl.gather(buckets, 4, bucketOffset, g * w, yb, 0);
            fl.gather(points, 4, pointOffset, g * w, yp, 0);
            fl.negateWhere(yp, 0, negateLanes, g * w, ySigned, 0);
            // λ = (y₂ − y₁)/(x₂ − x₁); x₃ = λ² − x₁ − x₂, y₃ = λ(x₁ − x₃) − y₁
            fl.sub(ySigned, 0, yb, 0, lambda, 0);
            fl.mul(lambda, 0, invE, 0, lambda, 0);
            fl.mul(lambda, 0, lambda, 0, x3, 0);
            fl.sub(x3, 0, xb, go, x3, 0);
            fl.sub(x3, 0, xp, go, x3, 0);
            fl.sub(xb, go, x3, 0, y3, 0);
            fl.mul(lambda, 0, y3, 0, y3, 0);
            fl.sub(y3, 0, yb, 0, y3, 0);
            int count = g == groups - 1 ? tail : w;
            fl.scatter(x3, 0, buckets, 0, bucketOffset, g * w, count);
            fl.scatter(y3, 0, buckets, 4, bucketOffset, g * w, count);
        }
    }
}
