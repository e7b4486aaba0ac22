package dev.vampvm.msm;

import dev.vampvm.curve.Glv;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.Arrays;

/**
 * MSM of few terms over fixed bases (a small block proof's commitments over the IPA generators): every term is looked
 * up, not computed. With GLV each term is two half-terms of 127-bit magnitudes (|k₁| on ±Gᵢ, |k₂| on ±φ(Gᵢ)), each
 * W = ⌊127/c⌋ + 1 signed Booth digits d ∈ [−2^(c−1), 2^(c−1)] ({@link SignedDigits#booth}); the table holds, for every
 * base and window j, the multiples d·2^(cj)·Gᵢ for d = 1 … 2^(c−1), so a term is 2W table points (φ costs one
 * multiplication: (ζx, y)), negated as its digit and sign say. The at most 2nW points are then summed pairwise in a
 * tree, each level's additions in lock step sharing one inversion ({@link AffineBatch}: about 6 multiplications an
 * addition, against 13 for a projective one).
 *
 * <p>No doublings, no bucket reduction: where {@link Pippenger} pays 127 doublings and a reduction of 2^(c−1) buckets
 * per window whatever n is, this pays 2W affine additions a term. It wins for small n and loses to the bucket
 * method's amortised reductions from a few hundred terms on (the Java engine picks, {@code SmallFixedBaseTables}). The
 * table costs 64·2^(c−1)·W bytes a base (76 KiB at c = 7) and one lock-step addition per entry to build.
 *
 * <p>Results are projective normalised to Z = 1, or (0, 1, 0): equal limb for limb to {@link Msm#msm}.
 */
public final class CombMsm {

    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;
    /** The window width: 19 windows of 64 multiples, 38 table points a term. */
    public static final int WINDOW_BITS = 7;
    /** Bases built in lock step, all their windows together (one inversion for each step of a block). */
    private static final int BLOCK = 64;
    /** Additions in lock step at most, per inversion, when summing. */
    private static final int BATCH = 1024;

    /** The multiples of the first {@code size} bases. Immutable once built; share it freely between threads. */
    public static final class Table {
        private final ShortWeierstrassCurve curve;
        private final int size;
        private final int windowBits;
        private final int windows;
        private final int multiples;
        /** Base i, window j, multiple d (1 … 2^(c−1)): 8 longs at 8·((i·W + j)·2^(c−1) + d − 1). */
        private final long[] points;

        private Table(ShortWeierstrassCurve curve, int size, int windowBits, long[] points) {
            this.curve = curve;
            this.size = size;
            this.windowBits = windowBits;
            this.windows = SignedDigits.windows(Glv.MAGNITUDE_BITS, windowBits);
            this.multiples = 1 << (windowBits - 1);
            this.points = points;
        }

        public ShortWeierstrassCurve curve() {
            return curve;
        }

        /** The number of bases. */
        public int size() {
            return size;
        }

        public long memoryBytes() {
            return 8L * points.length;
        }

        private int longsPerBase() {
            return AFF * windows * multiples;
        }

        @Override
        public String toString() {
            return "CombMsm.Table[" + curve + ", " + size + " bases, c = " + windowBits + ", "
                    + (memoryBytes() >> 10) + " KiB]";
        }
    }

    private CombMsm() {
    }

    /** The table of the first n bases, window width {@value #WINDOW_BITS}. */
    public static Table precompute(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset, int n) {
        return precompute(curve, basesAffine, basesOffset, n, WINDOW_BITS);
    }

    /**
     * The table of the first n bases with windows of c bits (2^(c−1) multiples of each).
     *
     * @throws IllegalArgumentException on a bad n, window width or range
     */
    public static Table precompute(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset, int n,
                                   int windowBits) {
        if (curve == null) {
            throw new IllegalArgumentException("curve must not be null");
        }
        MsmInputs.checkCount(n);
        MsmInputs.checkRange("bases", basesAffine, basesOffset, n, AFF);
        if (windowBits < 2 || windowBits > 12) {
            throw new IllegalArgumentException("window width must be in [2, 12], got " + windowBits);
        }
        int windows = SignedDigits.windows(Glv.MAGNITUDE_BITS, windowBits);
        int multiples = 1 << (windowBits - 1);
        int perBase = AFF * windows * multiples;
        if ((long) perBase * n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a table of " + n + " bases exceeds one Java array");
        }
        long[] points = new long[perBase * n];
        // Lock step over a block's bases and all their windows at once: first every 2^(cj)·Gᵢ, then d times each.
        int pairs = BLOCK * windows;
        AffineBatch batch = new AffineBatch(curve, pairs, n);
        long[] window = new long[AFF * pairs];
        long[] acc = new long[AFF * pairs];
        for (int first = 0; first < n; first += BLOCK) {
            int count = Math.min(BLOCK, n - first);
            long[] cur = Arrays.copyOfRange(basesAffine, basesOffset + AFF * first, basesOffset + AFF * (first + count));
            for (int j = 0; j < windows; j++) {
                for (int i = 0; i < count; i++) {
                    System.arraycopy(cur, AFF * i, window, AFF * (i * windows + j), AFF);
                }
                if (j < windows - 1) {
                    for (int b = 0; b < windowBits; b++) {
                        batch.doubleAll(cur, 0, count, null);
                    }
                }
            }
            int live = count * windows;
            Arrays.fill(acc, 0L);
            for (int d = 1; d <= multiples; d++) {
                batch.addAll(acc, 0, window, 0, AFF, false, live, null, true);
                for (int p = 0; p < live; p++) {
                    System.arraycopy(acc, AFF * p, points, perBase * first + AFF * (p * multiples + d - 1), AFF);
                }
            }
        }
        return new Table(curve, n, windowBits, points);
    }

    /**
     * Σ [kᵢ]Gᵢ for i &lt; n, the Gᵢ being the table's first n bases, on the calling thread.
     *
     * @return projective, normalised to Z = 1 (or (0, 1, 0)); equal limb for limb to {@link Msm#msm}
     * @throws IllegalArgumentException if n is negative or above the table's size, the scalars array is too short, or
     *                                  a scalar is not a reduced Montgomery-form element
     */
    public static long[] msm(Table table, long[] scalarsMontgomery, int scalarsOffset, int n) {
        if (table == null) {
            throw new IllegalArgumentException("table must not be null");
        }
        ShortWeierstrassCurve curve = table.curve;
        MsmInputs.checkCount(n);
        if (n > table.size) {
            throw new IllegalArgumentException(n + " terms but the table has only " + table.size + " bases");
        }
        MsmInputs.checkRange("scalars", scalarsMontgomery, scalarsOffset, n, 4);
        MsmInputs.checkScalars(curve, scalarsMontgomery, scalarsOffset, n);
        MontgomeryField f = curve.baseField();
        GlvSplit split = GlvSplit.scalarsOnly(curve, scalarsMontgomery, scalarsOffset, n, Workers.single(), null);
        long[] magnitudes = split.magnitudes();
        boolean[] negate = split.negate();
        Glv glv = Glv.of(curve);
        int c = table.windowBits, windows = table.windows, multiples = table.multiples, perBase = table.longsPerBase();
        long[] pts = new long[AFF * 2 * windows * n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < 2; h++) {
                for (int j = 0; j < windows; j++) {
                    int d = SignedDigits.booth(magnitudes, 4 * i + 2 * h, 2, j, c);
                    if (d == 0) {
                        continue;
                    }
                    int e = perBase * i + AFF * (j * multiples + Math.abs(d) - 1);
                    if (AffineBatch.isIdentity(table.points, e)) {
                        continue;
                    }
                    int o = AFF * count++;
                    if (h == 0) {
                        System.arraycopy(table.points, e, pts, o, AFF);
                    } else {
                        glv.endomorphismAffine(table.points, e, pts, o);
                    }
                    if ((d < 0) != negate[2 * i + h]) {
                        f.neg(pts, o + 4, pts, o + 4);
                    }
                }
            }
        }
        long[] sum = new long[AFF];
        if (count > 0) {
            sumTree(new AffineBatch(curve, Math.min(BATCH, Math.max(1, count / 2)), count), pts, count);
            System.arraycopy(pts, 0, sum, 0, AFF);
        }
        long[] out = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
        curve.affineToProjective(sum, 0, out, 0);
        return out;
    }

    /** Leaves the sum of the count affine points in {@code pts}' first point, halving the count each level. */
    private static void sumTree(AffineBatch batch, long[] pts, int count) {
        while (count > 1) {
            int half = count >>> 1;
            int rest = count - half;
            for (int from = 0; from < half; from += BATCH) {
                int m = Math.min(BATCH, half - from);
                batch.addAll(pts, AFF * from, pts, AFF * (rest + from), AFF, false, m, null, true);
            }
            count = rest;
        }
    }
}
