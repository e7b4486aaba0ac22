package dev.vampvm.msm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Lanes;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lane and scalar batches of affine additions give the same limbs, and both the sums the projective formulas
 * give, on batches of every size around the lane count (partial last groups) up to a few hundred.
 */
class BucketArithmeticTest {

    static ShortWeierstrassCurve[] curves() {
        return MsmTestData.curves();
    }

    @ParameterizedTest
    @MethodSource("curves")
    void lanesMatchScalarAndTheProjectiveSums(ShortWeierstrassCurve c) {
        // The tests run with the Vector API module (pom.xml's argLine); a CPU without AVX2 skips this.
        assumeTrue(Lanes.usable(c.baseField()), "no vector lanes of four longs on this CPU");
        SplittableRandom rng = Seeds.rng("BucketArithmeticTest." + c.name());
        int buckets = 512;
        int pointCount = 300;
        long[] points = MsmTestData.randomBases(c, pointCount, rng);
        int capacity = 300;
        BucketArithmetic lanes = new LaneBuckets(c, capacity);
        BucketArithmetic scalar = new ScalarBuckets(c.baseField(), capacity);
        PointArithmetic ops = c.arithmetic();
        for (int size : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 64, 100, 255, 300}) {
            long[] start = MsmTestData.randomBases(c, buckets, rng);
            int[] bucket = new int[capacity];
            int[] point = new int[capacity];
            boolean[] negate = new boolean[capacity];
            // Distinct buckets, any points (repeats allowed), random signs.
            int[] perm = new int[buckets];
            for (int i = 0; i < buckets; i++) {
                perm[i] = i;
            }
            for (int e = 0; e < size; e++) {
                int j = e + rng.nextInt(buckets - e);
                int t = perm[e];
                perm[e] = perm[j];
                perm[j] = t;
                bucket[e] = perm[e];
                point[e] = MsmTestData.AFF * rng.nextInt(pointCount);
                negate[e] = rng.nextBoolean();
            }
            long[] byLanes = start.clone();
            long[] byScalar = start.clone();
            lanes.addChords(byLanes, points, bucket, point, negate, size);
            scalar.addChords(byScalar, points, bucket, point, negate, size);
            assertArrayEquals(byScalar, byLanes, c.name() + ", batch of " + size);
            for (int e = 0; e < size; e++) {
                int bo = MsmTestData.AFF * bucket[e];
                long[] sum = new long[MsmTestData.PROJ];
                long[] addend = java.util.Arrays.copyOfRange(points, point[e], point[e] + MsmTestData.AFF);
                if (negate[e]) {
                    c.baseField().neg(addend, 4, addend, 4);
                }
                c.affineToProjective(start, bo, sum, 0);
                ops.addMixed(sum, 0, addend, 0, sum, 0);
                long[] want = new long[MsmTestData.AFF];
                c.projectiveToAffine(sum, 0, want, 0);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(byLanes, bo, bo + MsmTestData.AFF),
                        c.name() + ", batch of " + size + ", entry " + e);
            }
            // Buckets outside the batch are untouched.
            boolean[] inBatch = new boolean[buckets];
            for (int e = 0; e < size; e++) {
                inBatch[bucket[e]] = true;
            }
            for (int b = 0; b < buckets; b++) {
                if (!inBatch[b]) {
                    int bo = MsmTestData.AFF * b;
                    assertArrayEquals(java.util.Arrays.copyOfRange(start, bo, bo + MsmTestData.AFF),
                            java.util.Arrays.copyOfRange(byLanes, bo, bo + MsmTestData.AFF), "bucket " + b);
                }
            }
        }
    }

    /**
     * The lanes' bucket sum Σ (b + 1)·B_b against the plain running sums, with empty buckets among them (runs of
     * them, the top one, the first one) and counts that do not fill the last segment; every bucket emptied after.
     */
    @ParameterizedTest
    @MethodSource("curves")
    void laneBucketSumsMatchTheRunningSums(ShortWeierstrassCurve c) {
        assumeTrue(Lanes.usable(c.baseField()), "no vector lanes of four longs on this CPU");
        SplittableRandom rng = Seeds.rng("BucketArithmeticTest.sums." + c.name());
        LaneBuckets lanes = new LaneBuckets(c, 64);
        PointArithmetic ops = c.arithmetic();
        for (int count : new int[] {128, 129, 200, 1024, 1031}) {
            long[] buckets = MsmTestData.randomBases(c, count, rng);
            for (int b = 0; b < count; b++) {
                if (b == 0 || b == count - 1 || (b > 40 && b < 90) || rng.nextInt(5) == 0) {
                    java.util.Arrays.fill(buckets, MsmTestData.AFF * b, MsmTestData.AFF * (b + 1), 0L);
                }
            }
            long[] want = new long[MsmTestData.PROJ];
            c.setIdentityProjective(want, 0);
            long[] term = new long[MsmTestData.PROJ];
            for (int b = 0; b < count; b++) {
                int bo = MsmTestData.AFF * b;
                if (!c.isIdentityAffine(buckets, bo)) {
                    c.affineToProjective(buckets, bo, term, 0);
                    ops.mulDoubleAndAdd(term, 0, new long[] {b + 1}, term, 0);
                    ops.add(want, 0, term, 0, want, 0);
                }
            }
            long[] got = new long[MsmTestData.PROJ];
            assertTrue(lanes.sumBuckets(buckets, count, got, 0), count + " buckets are enough for the lanes");
            assertTrue(c.equalProjective(want, 0, got, 0), c.name() + ", " + count + " buckets");
            assertArrayEquals(new long[MsmTestData.AFF * count], buckets, "every bucket emptied");
        }
        assertFalse(lanes.sumBuckets(new long[8 * 16], 16, new long[MsmTestData.PROJ], 0),
                "a few buckets are left to the caller");
    }

    /**
     * The lanes' batch of mixed projective additions against PointArithmetic.addMixed one at a time: every batch
     * size up to the lane count, buckets that are the identity, addends equal to their bucket or its negative.
     */
    @ParameterizedTest
    @MethodSource("curves")
    void laneMixedAdditionsMatchTheScalarFormula(ShortWeierstrassCurve c) {
        assumeTrue(Lanes.usable(c.baseField()), "no vector lanes of four longs on this CPU");
        SplittableRandom rng = Seeds.rng("BucketArithmeticTest.mixed." + c.name());
        LaneBuckets lanes = new LaneBuckets(c, 0);
        int w = lanes.mixedBatch();
        PointArithmetic ops = c.arithmetic();
        int count = 40;
        long[] points = MsmTestData.randomBases(c, count, rng);
        for (int size = 1; size <= w; size++) {
            long[] start = new long[MsmTestData.PROJ * count];
            long[] affine = MsmTestData.randomBases(c, count, rng);
            for (int b = 0; b < count; b++) {
                if (b % 5 == 0) {
                    c.setIdentityProjective(start, MsmTestData.PROJ * b);
                } else {
                    c.affineToProjective(affine, MsmTestData.AFF * b, start, MsmTestData.PROJ * b);
                }
            }
            int[] bucket = new int[w], point = new int[w];
            boolean[] negate = new boolean[w];
            for (int e = 0; e < size; e++) {
                bucket[e] = 3 * e + size % 3;
                point[e] = MsmTestData.AFF * rng.nextInt(count);
                negate[e] = rng.nextBoolean();
                if (e == 1) {
                    // The addend is the bucket itself: P + P through the complete formula.
                    System.arraycopy(points, point[e], affine, 0, MsmTestData.AFF);
                    c.affineToProjective(affine, 0, start, MsmTestData.PROJ * bucket[e]);
                    negate[e] = false;
                }
            }
            long[] byLanes = start.clone();
            lanes.addMixed(byLanes, points, bucket, point, negate, size);
            long[] want = start.clone();
            long[] addend = new long[MsmTestData.AFF];
            for (int e = 0; e < size; e++) {
                System.arraycopy(points, point[e], addend, 0, MsmTestData.AFF);
                if (negate[e]) {
                    c.baseField().neg(addend, 4, addend, 4);
                }
                int bo = MsmTestData.PROJ * bucket[e];
                ops.addMixed(want, bo, addend, 0, want, bo);
            }
            assertArrayEquals(want, byLanes, c.name() + ", batch of " + size);
        }
    }

    /** The lane doublings against the scalar ones and against PointArithmetic.dbl, every batch size around w. */
    @ParameterizedTest
    @MethodSource("curves")
    void laneDoublingsMatchScalarAndProjective(ShortWeierstrassCurve c) {
        assumeTrue(Lanes.usable(c.baseField()), "no vector lanes of four longs on this CPU");
        SplittableRandom rng = Seeds.rng("BucketArithmeticTest.doublings." + c.name());
        int count = 200;
        BucketArithmetic lanes = new LaneBuckets(c, count);
        BucketArithmetic scalar = new ScalarBuckets(c.baseField(), count);
        PointArithmetic ops = c.arithmetic();
        for (int size : new int[] {1, 3, 7, 8, 9, 16, 23, 100, 200}) {
            long[] start = MsmTestData.randomBases(c, count, rng);
            int[] bucket = new int[count];
            for (int e = 0; e < size; e++) {
                bucket[e] = (e * 37 + size) % count;
            }
            long[] byLanes = start.clone(), byScalar = start.clone();
            lanes.doubleBuckets(byLanes, bucket, size);
            scalar.doubleBuckets(byScalar, bucket, size);
            assertArrayEquals(byScalar, byLanes, c.name() + ", " + size + " doublings");
            for (int e = 0; e < size; e++) {
                int bo = MsmTestData.AFF * bucket[e];
                long[] p = new long[MsmTestData.PROJ];
                c.affineToProjective(start, bo, p, 0);
                ops.dbl(p, 0, p, 0);
                long[] want = new long[MsmTestData.AFF];
                c.projectiveToAffine(p, 0, want, 0);
                assertArrayEquals(want, java.util.Arrays.copyOfRange(byLanes, bo, bo + MsmTestData.AFF),
                        c.name() + ", doubling " + e + " of " + size);
            }
        }
    }
}
