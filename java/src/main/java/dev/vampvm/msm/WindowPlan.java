package dev.vampvm.msm;

/**
 * Window width, bucket mode and batch size for a bucket-method job, from a cost model in field
 * multiplications (M) whose constants were fitted to measurements (see {@link Msm} for the table).
 *
 * <p>Per window: every point with a non-zero digit costs one bucket addition, ≈ 6M + (one inversion ≈ 380M)
 * / batch + bookkeeping in affine mode, ≈ 14M in projective mode; the reduction costs 2h projective
 * additions (h = 2^(c−1) buckets). Windows are combined with c doublings each. Affine mode needs batches
 * of a hundred or more to pay off; a batch is kept well below h so that conflicts (the same bucket twice in
 * one batch) stay rare. The window-size table this yields is in {@link Msm}.
 */
final class WindowPlan {

    static final int MIN_BITS = 1;
    static final int MAX_BITS = 20;
    /** Largest batch: beyond this the inversion is already amortised and the batch leaves the L1/L2 cache. */
    static final int MAX_BATCH = 2048;
    static final int MIN_AFFINE_BATCH = 128;

    // Fitted to single-thread timings (Vesta, 2^10 … 2^16, see Msm): costs in field multiplications.
    private static final double AFFINE_ADD = 7.0;
    private static final double INVERSION = 400.0;
    private static final double PROJECTIVE_ADD = 14.0;
    private static final double REDUCTION_PER_BUCKET = 27.0;
    private static final double DOUBLING = 10.0;
    /** Extra cost per bucket access and window bit beyond 10: the buckets leave the L1 and then L2 cache. */
    private static final double CACHE_PER_BIT = 0.3;
    /** GLV set-up per term: decomposition and φ(P), in multiplications. */
    static final double GLV_SETUP = 6.0;

    record Choice(int windowBits, boolean affine, int batch, double cost) {
    }

    private WindowPlan() {
    }

    /** Batch size for c-bit windows: a quarter of the buckets (measured flat between h/8 and h/2), capped. */
    static int batchFor(int windowBits) {
        int h = 1 << (windowBits - 1);
        return Math.min(MAX_BATCH, h / 4);
    }

    /**
     * Best choice for {@code points} points with scalars below 2^scalarBits, every window per point
     * (variable base); its cost is that of the whole MSM.
     */
    static Choice variableBase(long points, int scalarBits) {
        Choice best = null;
        for (int c = MIN_BITS + 1; c <= 16; c++) {
            int windows = SignedDigits.windows(scalarBits, c);
            for (boolean affine : new boolean[] {false, true}) {
                Choice ch = of(c, affine);
                if (ch == null) {
                    continue;
                }
                double cost = windows * (points * perAddition(ch) + reduction(c)) + (windows - 1) * c * DOUBLING;
                if (best == null || cost < best.cost()) {
                    best = new Choice(c, affine, ch.batch(), cost);
                }
            }
        }
        return best;
    }

    /** Cost of bucket passes with the given choice: that many additions and bucket reductions. */
    static double cost(Choice ch, long additions, int reductions) {
        return additions * perAddition(ch) + reductions * reduction(ch.windowBits());
    }

    /** The affine or projective choice for width c (cost 0), or null when affine batches would be too small. */
    static Choice of(int c, boolean affine) {
        if (!affine) {
            return new Choice(c, false, 0, 0);
        }
        int batch = batchFor(c);
        return batch >= MIN_AFFINE_BATCH ? new Choice(c, true, batch, 0) : null;
    }

    private static double perAddition(Choice ch) {
        double cache = CACHE_PER_BIT * Math.max(0, ch.windowBits() - 10);
        return (ch.affine() ? AFFINE_ADD + INVERSION / ch.batch() : PROJECTIVE_ADD) + cache;
    }

    private static double reduction(int c) {
        return (1 << (c - 1)) * REDUCTION_PER_BUCKET;
    }
}
