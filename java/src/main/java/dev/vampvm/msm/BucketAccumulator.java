package dev.vampvm.msm;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.Arrays;

/**
 * One thread's set of Pippenger buckets: accumulates ±Pᵢ into bucket b, then reduces Σ (b + 1)·B_b.
 *
 * <p>Affine mode (the fast path): buckets are affine points, and additions are collected into a batch of
 * independent (bucket, point) pairs whose slopes λ = (y₂ − y₁)/(x₂ − x₁) share one field inversion
 * (Montgomery's trick): about 6 multiplications per addition instead of 11 for a mixed projective one. The
 * batch's arithmetic is a {@link BucketArithmetic}: several additions at once in SIMD lanes where it can.
 * A bucket may appear only once per batch, since its new value depends on the previous one; a second
 * addition to a bucket already in the batch waits in a queue and enters a later batch. Should the queue
 * fill up (many equal digits, e.g. repeated scalars), its points are summed per bucket pairwise, in batches
 * too ({@link #collapse}), so no input can make batches degenerate to one element each.
 *
 * <p>Special cases of affine addition are settled when a pair would enter the batch, so that a batch holds
 * chords only: an empty bucket (stored as (0, 0), never a curve point) just takes the point; x₁ = x₂ otherwise
 * is P + (−P), which empties the bucket at once, or, with y₁ = y₂, a doubling (rare: repeated bases), which
 * goes to the projective overflow bucket.
 *
 * <p>Projective mode, for small windows where a batch would be too small to amortise its inversion: every
 * addition goes into the projective buckets with the mixed complete formula, a lane batch of distinct buckets at a
 * time where the lanes are there and the buckets many enough (else one at a time).
 */
final class BucketAccumulator {

    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS, PROJ = ShortWeierstrassCurve.PROJECTIVE_LONGS;
    /** Projective mode batches its mixed additions from this many buckets per lane of the batch on. */
    private static final int MIXED_BUCKETS_PER_LANE = 8;

    private final ShortWeierstrassCurve curve;
    private final MontgomeryField f;
    private final PointArithmetic ops;
    private final int buckets;
    private final boolean affine;

    /** Affine buckets, 8 longs each; (0, 0) is an empty bucket. */
    private final long[] bucketsAffine;
    /** stamp[b] == epoch iff bucket b is in the current batch (either mode). */
    private final int[] stamp;
    private int epoch = 1;

    /** Affine mode: the batch of chords; projective mode: the batch of mixed additions, or 0 for none. */
    private final int capacity;
    private int batchSize;
    private final int[] batchBucket;
    /** The addend's offset in {@link #points}. */
    private final int[] batchPoint;
    private final boolean[] batchNegate;
    private final BucketArithmetic arithmetic;

    /** Deferred additions: bucket and (point offset << 1 | negate). */
    private int[] queueBucket, queuePoint, spareBucket, sparePoint;
    private int queueSize;

    /** For {@link #collapse}: the queued points (signs applied), their order by bucket, the groups per bucket. */
    private long[] loose;
    private long[] looseOrder;
    private int[] looseSlot, groupStart, groupBucket;

    /** Projective buckets: the overflow in affine mode, all buckets in projective mode. Lazily allocated. */
    private long[] overflow;
    private boolean[] overflowUsed;
    private boolean anyOverflow;

    private long[] points;
    private final long[] tmp = new long[32];
    private final long[] running = new long[PROJ];
    private final long[] total = new long[PROJ];

    /**
     * @param buckets  number of buckets (2^(c−1))
     * @param affine   batch-affine mode; otherwise projective
     * @param capacity batch size in affine mode
     * @param size     the MSM's terms (whether its size is worth the lanes' warm-up: {@link Lanes#ready})
     */
    BucketAccumulator(ShortWeierstrassCurve curve, int buckets, boolean affine, int capacity, long size) {
        this.curve = curve;
        this.f = curve.baseField();
        this.ops = curve.arithmetic();
        this.buckets = buckets;
        this.affine = affine;
        if (affine) {
            this.capacity = capacity;
            bucketsAffine = new long[AFF * buckets];
            stamp = new int[buckets];
            batchBucket = new int[capacity];
            batchPoint = new int[capacity];
            batchNegate = new boolean[capacity];
            arithmetic = BucketArithmetic.create(curve, capacity, size);
            queueBucket = new int[capacity];
            queuePoint = new int[capacity];
            spareBucket = new int[capacity];
            sparePoint = new int[capacity];
        } else {
            bucketsAffine = null;
            allocateOverflow();
            // Mixed additions a lane batch at a time where there are lanes and buckets enough that a batch of
            // distinct buckets rarely ends early; otherwise one at a time.
            BucketArithmetic lanes = BucketArithmetic.create(curve, 0, size);
            int batch = lanes.mixedBatch();
            if (batch > 0 && buckets >= MIXED_BUCKETS_PER_LANE * batch) {
                this.capacity = batch;
                stamp = new int[buckets];
                batchBucket = new int[batch];
                batchPoint = new int[batch];
                batchNegate = new boolean[batch];
                arithmetic = lanes;
            } else {
                this.capacity = 0;
                stamp = null;
                batchBucket = null;
                batchPoint = null;
                batchNegate = null;
                arithmetic = null;
            }
        }
    }

    PointArithmetic ops() {
        return ops;
    }

    /** Sets the array the point offsets passed to {@link #add} refer to. */
    void usePoints(long[] points) {
        this.points = points;
    }

    /** Bucket b += (negate ? −P : P), P the affine point at points[po] (not the identity). */
    void add(int b, int po, boolean negate) {
        if (!affine) {
            if (capacity > 0) {
                stageMixed(b, po, negate);
            } else {
                addProjective(b, points, po, negate);
            }
            return;
        }
        insert(b, (po << 1) | (negate ? 1 : 0));
        while (batchSize == capacity) {
            execute();
            drain();
        }
    }

    /** Completes every pending addition. */
    void finish() {
        if (!affine) {
            flushMixed();
            return;
        }
        while (batchSize > 0 || queueSize > 0) {
            execute();
            drain();
        }
    }

    private void insert(int b, int pointAndSign) {
        if (stamp[b] == epoch) {
            defer(b, pointAndSign);
            return;
        }
        final int po = pointAndSign >>> 1;
        final boolean negate = (pointAndSign & 1) != 0;
        if (settled(b, points, po, negate)) {
            return;
        }
        final int e = batchSize++;
        stamp[b] = epoch;
        batchBucket[e] = b;
        batchPoint[e] = po;
        batchNegate[e] = negate;
    }

    /**
     * The cases of bucket b += ±P (P the affine point at src[so]) that are no chord, settled at once: an empty
     * bucket takes the point; the same x means the bucket's y is ±P.y (never 0 on an odd-order curve), so the addend
     * is the bucket itself (a doubling, for the projective overflow) when exactly one of "same y" and "negate"
     * holds, and its negative (the bucket empties) otherwise. Returns false for a chord, which is left to a batch.
     */
    private boolean settled(int b, long[] src, int so, boolean negate) {
        final long[] bk = bucketsAffine;
        final int bo = AFF * b;
        if ((bk[bo] | bk[bo + 1] | bk[bo + 2] | bk[bo + 3]) == 0) {
            copySigned(src, so, negate, bk, bo);
            return true;
        }
        if (!f.equal(bk, bo, src, so)) {
            return false;
        }
        if (f.equal(bk, bo + 4, src, so + 4) != negate) {
            addProjective(b, src, so, negate);
        } else {
            Arrays.fill(bk, bo, bo + AFF, 0L);
        }
        return true;
    }

    private void defer(int b, int pointAndSign) {
        if (queueSize == queueBucket.length) {
            collapse();
        }
        queueBucket[queueSize] = b;
        queuePoint[queueSize] = pointAndSign;
        queueSize++;
    }

    /**
     * Empties a full queue (many additions to few buckets: repeated or small scalars, e.g. a constant column)
     * in batches still: runs the current batch, so that no bucket is pending, then sums each bucket's queued
     * points pairwise, a level of independent chords per batch (m points take ⌈log₂ m⌉ levels), and adds each
     * bucket's one sum to it in a last batch. Equal x-coordinates on the way (P + P, P + (−P): repeated bases)
     * go to the projective overflow bucket, or cancel.
     */
    private void collapse() {
        execute();
        final int n = queueSize;
        queueSize = 0;
        if (loose == null) {
            loose = new long[AFF * capacity];
            looseOrder = new long[capacity];
            looseSlot = new int[capacity];
            groupStart = new int[capacity + 1];
            groupBucket = new int[capacity];
        }
        final long[] lp = loose;
        final int[] slot = looseSlot;
        for (int i = 0; i < n; i++) {
            looseOrder[i] = ((long) queueBucket[i] << 32) | i;
        }
        Arrays.sort(looseOrder, 0, n);
        int groups = 0;
        for (int i = 0; i < n; i++) {
            int b = (int) (looseOrder[i] >>> 32);
            int ps = queuePoint[(int) looseOrder[i]];
            copySigned(points, ps >>> 1, (ps & 1) != 0, lp, AFF * i);
            slot[i] = i;
            if (groups == 0 || groupBucket[groups - 1] != b) {
                groupBucket[groups] = b;
                groupStart[groups++] = i;
            }
        }
        groupStart[groups] = n;
        // Level by level: slot[groupStart[g] ..) lists group g's live points; pairs (2i, 2i + 1) add into 2i.
        while (true) {
            int pairs = 0;
            for (int g = 0; g < groups; g++) {
                for (int i = groupStart[g]; i + 1 < groupStart[g + 1]; i += 2) {
                    int a = slot[i], c = slot[i + 1];
                    slot[i + 1] = -1;
                    if (f.equal(lp, AFF * a, lp, AFF * c)) {
                        if (f.equal(lp, AFF * a + 4, lp, AFF * c + 4)) {
                            addProjectivePoint(groupBucket[g], lp, AFF * a);
                            addProjectivePoint(groupBucket[g], lp, AFF * c);
                        }
                        slot[i] = -1;
                    } else {
                        batchBucket[pairs] = a;
                        batchPoint[pairs] = AFF * c;
                        batchNegate[pairs] = false;
                        pairs++;
                    }
                }
            }
            // Keep the live slots, group by group.
            int live = 0;
            for (int g = 0; g < groups; g++) {
                int from = groupStart[g], to = groupStart[g + 1];
                groupStart[g] = live;
                for (int i = from; i < to; i++) {
                    if (slot[i] >= 0) {
                        slot[live++] = slot[i];
                    }
                }
            }
            groupStart[groups] = live;
            if (pairs == 0) {
                break;
            }
            arithmetic.addChords(lp, lp, batchBucket, batchPoint, batchNegate, pairs);
        }
        // At most one point per group now: into its bucket, the chords as one batch.
        int size = 0;
        for (int g = 0; g < groups; g++) {
            if (groupStart[g] == groupStart[g + 1]) {
                continue;
            }
            int b = groupBucket[g], lo = AFF * slot[groupStart[g]];
            if (!settled(b, lp, lo, false)) {
                batchBucket[size] = b;
                batchPoint[size] = lo;
                batchNegate[size] = false;
                size++;
            }
        }
        if (size > 0) {
            arithmetic.addChords(bucketsAffine, lp, batchBucket, batchPoint, batchNegate, size);
        }
    }

    /** Re-inserts the queued additions (those that conflict again go back into a fresh queue). */
    private void drain() {
        int n = queueSize;
        if (n == 0) {
            return;
        }
        int[] qb = queueBucket, qp = queuePoint;
        queueBucket = spareBucket;
        queuePoint = sparePoint;
        spareBucket = qb;
        sparePoint = qp;
        queueSize = 0;
        for (int i = 0; i < n; i++) {
            if (batchSize == capacity) {
                execute();
            }
            insert(qb[i], qp[i]);
        }
    }

    /** Runs the batch: one inversion, then each slope and sum, written back into its bucket. */
    private void execute() {
        if (batchSize > 0) {
            arithmetic.addChords(bucketsAffine, points, batchBucket, batchPoint, batchNegate, batchSize);
            batchSize = 0;
        }
        epoch++;
    }

    /** Projective mode, batched: bucket b += ±P once the batch runs (at once if b is already in it). */
    private void stageMixed(int b, int po, boolean negate) {
        if (stamp[b] == epoch) {
            flushMixed();
        }
        stamp[b] = epoch;
        batchBucket[batchSize] = b;
        batchPoint[batchSize] = po;
        batchNegate[batchSize] = negate;
        if (++batchSize == capacity) {
            flushMixed();
        }
    }

    /** Runs the staged mixed additions (projective mode); buckets not used yet start as the identity. */
    private void flushMixed() {
        if (batchSize > 0) {
            for (int e = 0; e < batchSize; e++) {
                int b = batchBucket[e];
                if (!overflowUsed[b]) {
                    curve.setIdentityProjective(overflow, PROJ * b);
                    overflowUsed[b] = true;
                }
            }
            anyOverflow = true;
            arithmetic.addMixed(overflow, points, batchBucket, batchPoint, batchNegate, batchSize);
            batchSize = 0;
        }
        epoch++;
    }

    private void allocateOverflow() {
        if (overflow == null) {
            overflow = new long[PROJ * buckets];
            overflowUsed = new boolean[buckets];
        }
    }

    /** Overflow bucket b += (negate ? −P : P), P the affine point at src[so] (not the identity). */
    private void addProjective(int b, long[] src, int so, boolean negate) {
        copySigned(src, so, negate, tmp, 0);
        addProjectivePoint(b, tmp, 0);
    }

    /** Overflow bucket b += the affine point at src[so] (not the identity). */
    private void addProjectivePoint(int b, long[] src, int so) {
        allocateOverflow();
        anyOverflow = true;
        if (overflowUsed[b]) {
            ops.addMixed(overflow, PROJ * b, src, so, overflow, PROJ * b);
        } else {
            curve.affineToProjective(src, so, overflow, PROJ * b);
            overflowUsed[b] = true;
        }
    }

    /** dst[d ..] = (negate ? −P : P), P the affine point at src[so] (8 longs). */
    private void copySigned(long[] src, int so, boolean negate, long[] dst, int d) {
        System.arraycopy(src, so, dst, d, 4);
        if (negate) {
            f.neg(src, so + 4, dst, d + 4);
        } else {
            System.arraycopy(src, so + 4, dst, d + 4, 4);
        }
    }

    /**
     * Writes Σ (b + 1)·bucket_b (projective) to out[oo] by running sums from the top bucket down, and empties
     * every bucket for the next use. Call {@link #finish} first.
     */
    void reduce(long[] out, int oo) {
        if (affine && !anyOverflow && arithmetic.sumBuckets(bucketsAffine, buckets, out, oo)) {
            return;
        }
        final long[] run = running, tot = total;
        final long[] bk = bucketsAffine;
        final boolean checkOverflow = !affine || anyOverflow;
        boolean runSet = false, totSet = false;
        for (int b = buckets - 1; b >= 0; b--) {
            if (affine) {
                int bo = AFF * b;
                if ((bk[bo] | bk[bo + 1] | bk[bo + 2] | bk[bo + 3]) != 0) {
                    if (runSet) {
                        ops.addMixed(run, 0, bk, bo, run, 0);
                    } else {
                        curve.affineToProjective(bk, bo, run, 0);
                        runSet = true;
                    }
                    Arrays.fill(bk, bo, bo + AFF, 0L);
                }
            }
            if (checkOverflow && overflowUsed[b]) {
                if (runSet) {
                    ops.add(run, 0, overflow, PROJ * b, run, 0);
                } else {
                    System.arraycopy(overflow, PROJ * b, run, 0, PROJ);
                    runSet = true;
                }
                overflowUsed[b] = false;
            }
            if (runSet) {
                if (totSet) {
                    ops.add(tot, 0, run, 0, tot, 0);
                } else {
                    System.arraycopy(run, 0, tot, 0, PROJ);
                    totSet = true;
                }
            }
        }
        anyOverflow = false;
        if (totSet) {
            System.arraycopy(tot, 0, out, oo, PROJ);
        } else {
            curve.setIdentityProjective(out, oo);
        }
    }
}
