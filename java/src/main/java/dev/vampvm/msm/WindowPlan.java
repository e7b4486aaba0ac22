package dev.vampvm.msm;

/**
 * Window width, bucket mode and batch size for a bucket-method job, from a cost model in field
 * multiplications (M) whose constants were fitted to measurements (see {@link Msm} for the table).
 *
 * <p>Per window: every point with a non-zero digit costs one bucket addition, ≈ 6M + (one inversion ≈ 380M)
 * / batch + bookkeeping in affine mode, ≈ 12M in projective mode; the reduction costs 2h projective
 * additions (h = 2^(c−1) buckets). Windows are combined with c doublings each. Affine mode needs batches
 * of a few hundred to pay off; a batch is kept well below h so that conflicts (the same bucket twice in
 * one batch) stay rare.
 */
final class WindowPlan {

    static final int MIN_BITS = 1;
    static final int MAX_BITS = 20;
    /** Largest batch: beyond this the inversion is already amortised and the batch leaves the L1/L2 cache. */
    static final int MAX_BATCH = 2048;
    static final int MIN_AFFINE_BATCH = 128;

    private static final double AFFINE_ADD = 7.0;
    private static final double INVERSION = 400.0;
    private static final double PROJECTIVE_ADD = 12.5;
    private static final double REDUCTION_PER_BUCKET = 2 * 13.5;
    private static final double DOUBLING = 10.0;

    /** Per-access penalty (in M) once the bucket array outgrows the caches (8h longs). */
    private static final double CACHE_MISS = 1.5;
    private static final long CACHE_BYTES = 4L << 20;

    record Choice(int windowBits, boolean affine, int batch) {
    }

    private WindowPlan() {
    }

    /** Batch size for h buckets: an eighth of the buckets, capped. */
    static int batchFor(int windowBits) {
        int h = 1 << (windowBits - 1);
        return Math.min(MAX_BATCH, h / 8);
    }

    /**
     * Best choice for {@code points} points with scalars below 2^scalarBits, all windows per point (variable
     * base). {@code tasksPerWindow} ranges of points reduce separately.
     */
    static Choice variableBase(long points, int scalarBits) {
        Choice best = null;
        double bestCost = Double.MAX_VALUE;
        for (int c = MIN_BITS; c <= Math.min(MAX_BITS, 16); c++) {
            int windows = SignedDigits.windows(scalarBits, c);
            for (boolean affine : new boolean[] {false, true}) {
                Choice ch = of(c, affine);
                if (ch == null) {
                    continue;
                }
                double cost = windows * (points * perAddition(ch) + reduction(c)) + (windows - 1) * c * DOUBLING;
                if (cost < bestCost) {
                    bestCost = cost;
                    best = ch;
                }
            }
        }
        return best;
    }

    /** Cost of one accumulation pass with the given choice, for the fixed-base planner. */
    static double cost(Choice ch, long additions, int reductions) {
        return additions * perAddition(ch) + reductions * reduction(ch.windowBits());
    }

    /** The affine or projective choice for width c, or null when affine batches would be too small. */
    static Choice of(int c, boolean affine) {
        if (!affine) {
            return new Choice(c, false, 0);
        }
        int batch = batchFor(c);
        return batch >= MIN_AFFINE_BATCH ? new Choice(c, true, batch) : null;
    }

    private static double perAddition(Choice ch) {
        double miss = (8L << (ch.windowBits() - 1)) * 8 > CACHE_BYTES ? CACHE_MISS : 0;
        return (ch.affine() ? AFFINE_ADD + INVERSION / ch.batch() : PROJECTIVE_ADD) + miss;
    }

    private static double reduction(int c) {
        return (1 << (c - 1)) * REDUCTION_PER_BUCKET;
    }
}
