package dev.vampvm.msm;

import dev.vampvm.curve.Glv;
import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.MontgomeryField;
import java.util.concurrent.ForkJoinPool;

/**
 * The IPA round step on generators, G′ᵢ = G_lo[i] + [u]·G_hi[i] for i &lt; m, every point with the same u.
 *
 * <p>Since u is shared, it is recoded once: split by GLV into u = k₁ + λk₂ (|kⱼ| &lt; 2^127) and each half
 * written in width-5 NAF. Then all m scalar multiplications run in lock step, block by block: at each of
 * the ~128 bit positions every accumulator of the block is doubled, and where a half has a non-zero digit
 * d every accumulator gets ±[|d|]G_hi (or its φ image, φ(x, y) = (ζx, y)) added, each step with one shared
 * inversion for the block (batch-affine, about 7 and 6 multiplications). Per point that is ~128 doublings and
 * ~43 additions, against ~255 doublings and ~128 additions for one projective double-and-add: measured
 * 114 µs against 380 µs per point, one thread (2-core EPYC dev box, field multiplication ≈ 88 ns).
 *
 * <p>The lock step pays about 180 shared inversions a block whatever its size (about 2 ms on the 2-core dev box),
 * so below {@link #POINTWISE_BELOW} points a worker each point is folded on its own instead, with
 * {@link PointArithmetic#mul} (GLV, width-5 wNAF, complete projective formulas) and one shared inversion at the
 * end: measured there, one thread, per call, 2.26 ms against 0.09 ms for 1 point, 4.0 against 3.3 ms for 32,
 * 6.5 against 7.1 ms for 64. The IPA's last rounds, and every round of a small circuit's opening, are that small.
 * The points are shared out over the workers either way: in chunks of 8 point by point, and in lock step in blocks
 * of at most {@link #BLOCK} but no more than a worker's share, so that a fold of fewer than BLOCK × workers points
 * does not run on fewer workers than it has (a block of 512 once took a fold of 512 points on one thread: 33.4 ms
 * on the 2-core box, where two workers point by point take ~26).
 *
 * <p>{@link #foldTwice} takes two IPA rounds' folds at once, G″ᵢ = gᵢ + [u₂]·g_{m+i} + [u₁]·g_{2m+i} +
 * [u₁u₂]·g_{3m+i}: three scalar multiplications of an output point in one chain, every digit added after the one
 * shared doubling of each bit, so that the ~128 doublings are paid once for the three (the lock step runs over terms:
 * one for a single fold, three here).
 *
 * <p>Points whose chain meets an exceptional case (an accumulator equal to ± the table point, possible only
 * for special u and G_hi) are finished with the complete projective formulas instead; the final addition of
 * G_lo handles P + P, P + (−P) and the identity exactly. Inputs and output are flat affine (8 longs; the
 * identity is (0, 0)); the output may be the same region as G_lo or G_hi (same offset), or disjoint.
 */
public final class GeneratorFolding {

    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;
    /** wNAF width: 8 odd multiples per half, ~128/6 additions per half. */
    static final int WIDTH = 5;
    private static final int TABLE = 1 << (WIDTH - 2);
    static final int BLOCK = 512;
    /**
     * Folds of fewer points than this a worker go point by point (see the class comment); the CUDA engine folds at
     * least these on the host, where they take less than its one-chain-per-point launch.
     */
    public static final int POINTWISE_BELOW = 48;
    /** Points per task of the pointwise fold. */
    private static final int POINTWISE_CHUNK = 8;
    private static final int PROJ = ShortWeierstrassCurve.PROJECTIVE_LONGS;

    private GeneratorFolding() {
    }

    /** Folds on the common pool. */
    public static void fold(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset, int m,
                            long[] uMontgomery, int uOffset, long[] out, int outOffset) {
        fold(curve, gLo, loOffset, gHi, hiOffset, m, uMontgomery, uOffset, out, outOffset, Workers.common());
    }

    /** Folds on exactly {@code threads} threads. */
    public static void fold(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset, int m,
                            long[] uMontgomery, int uOffset, long[] out, int outOffset, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be positive, got " + threads);
        }
        if (threads == 1) {
            fold(curve, gLo, loOffset, gHi, hiOffset, m, uMontgomery, uOffset, out, outOffset, Workers.single());
            return;
        }
        try (ForkJoinPool pool = new ForkJoinPool(threads - 1)) {
            fold(curve, gLo, loOffset, gHi, hiOffset, m, uMontgomery, uOffset, out, outOffset, new Workers(pool, threads));
        }
    }

    /** Folds on the threads of {@code pool}. */
    public static void fold(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset, int m,
                            long[] uMontgomery, int uOffset, long[] out, int outOffset, ForkJoinPool pool) {
        fold(curve, gLo, loOffset, gHi, hiOffset, m, uMontgomery, uOffset, out, outOffset, Workers.of(pool));
    }

    /**
     * out[i] = G_lo[i] + [u]·G_hi[i] for i &lt; m.
     *
     * @param uMontgomery u in Montgomery form of {@code curve.scalarField()}
     * @throws IllegalArgumentException on a negative m, arrays too short, or u not a reduced element
     */
    public static void fold(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset, int m,
                            long[] uMontgomery, int uOffset, long[] out, int outOffset, Workers workers) {
        fold(curve, gLo, loOffset, gHi, hiOffset, m, uMontgomery, uOffset, out, outOffset, workers, POINTWISE_BELOW);
    }

    /**
     * As {@link #fold(ShortWeierstrassCurve, long[], int, long[], int, int, long[], int, long[], int)}, point by point
     * at every m (on the common pool): for a caller whose alternative is not the lock step but something slower at
     * this m, as the CUDA engine's one-chain-per-point kernel is below a few hundred points on a many-core host.
     * The same points as the lock step.
     */
    public static void foldEachPoint(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset,
                                     int m, long[] uMontgomery, int uOffset, long[] out, int outOffset) {
        fold(curve, gLo, loOffset, gHi, hiOffset, m, uMontgomery, uOffset, out, outOffset, Workers.common(),
                Integer.MAX_VALUE);
    }

    /** Folds point by point below {@code pointwiseBelow} points a worker, in lock step from there. */
    private static void fold(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset, int m,
                             long[] uMontgomery, int uOffset, long[] out, int outOffset, Workers workers,
                             int pointwiseBelow) {
        if (curve == null || workers == null) {
            throw new IllegalArgumentException("curve and workers must not be null");
        }
        MsmInputs.checkCount(m);
        MsmInputs.checkRange("G_lo", gLo, loOffset, m, AFF);
        MsmInputs.checkRange("G_hi", gHi, hiOffset, m, AFF);
        MsmInputs.checkRange("output", out, outOffset, m, AFF);
        MsmInputs.checkRange("u", uMontgomery, uOffset, 1, 4);
        MontgomeryField fr = curve.scalarField();
        if (!fr.isCanonical(uMontgomery, uOffset)) {
            throw new IllegalArgumentException("u is not a reduced element of " + fr.name());
        }
        if (m == 0) {
            return;
        }
        if (fr.isZero(uMontgomery, uOffset)) {
            if (out != gLo || outOffset != loOffset) {
                System.arraycopy(gLo, loOffset, out, outOffset, AFF * m);
            }
            return;
        }
        Term[] terms = {new Term(gHi, hiOffset, Recoding.of(curve, uMontgomery, uOffset))};
        if (m < (long) pointwiseBelow * workers.workers()) {
            foldPointwise(curve, gLo, loOffset, terms, m, out, outOffset, workers);
            return;
        }
        foldWith(curve, gLo, loOffset, terms, m, out, outOffset, workers);
    }

    /**
     * Two IPA rounds' folds at once: out[i] = g[i] + [u₂]·g[m + i] + [u₁]·g[2m + i] + [u₁u₂]·g[3m + i] for i &lt; m,
     * which is G″ for G′ = G_lo + [u₁]·G_hi over g's 4m points and G″ = G′_lo + [u₂]·G′_hi, without G′. The three
     * scalar multiplications of an output point share their doublings (one chain of ~128, against 128 for each of the
     * three folds the two rounds take one at a time), so the two rounds cost ~281 lock-step steps an output point
     * against ~540 (two points of the first round, one of the second, ~180 each). out may be g's first m points.
     *
     * @param u1 the first round's challenge, u2 the second's (Montgomery form of {@code curve.scalarField()})
     * @throws IllegalArgumentException on a negative m, arrays too short, or a challenge not a reduced element
     */
    public static void foldTwice(ShortWeierstrassCurve curve, long[] g, int gOffset, int m, long[] u1, int u1Offset,
                                 long[] u2, int u2Offset, long[] out, int outOffset, Workers workers) {
        if (curve == null || workers == null) {
            throw new IllegalArgumentException("curve and workers must not be null");
        }
        MsmInputs.checkCount(m);
        if (m > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("a fold of two rounds to " + m + " points needs more than 2^31 points");
        }
        MsmInputs.checkRange("g", g, gOffset, 4 * m, AFF);
        MsmInputs.checkRange("output", out, outOffset, m, AFF);
        MsmInputs.checkRange("u1", u1, u1Offset, 1, 4);
        MsmInputs.checkRange("u2", u2, u2Offset, 1, 4);
        MontgomeryField fr = curve.scalarField();
        if (!fr.isCanonical(u1, u1Offset) || !fr.isCanonical(u2, u2Offset)) {
            throw new IllegalArgumentException("a challenge is not a reduced element of " + fr.name());
        }
        if (m == 0) {
            return;
        }
        long[] u12 = new long[4];
        fr.mul(u1, u1Offset, u2, u2Offset, u12, 0);
        Term[] terms = {
            new Term(g, gOffset + AFF * m, Recoding.of(curve, u2, u2Offset)),
            new Term(g, gOffset + AFF * 2 * m, Recoding.of(curve, u1, u1Offset)),
            new Term(g, gOffset + AFF * 3 * m, Recoding.of(curve, u12, 0)),
        };
        if (m < (long) POINTWISE_BELOW * workers.workers()) {
            foldPointwise(curve, g, gOffset, terms, m, out, outOffset, workers);
            return;
        }
        foldWith(curve, g, gOffset, terms, m, out, outOffset, workers);
    }

    /** One term [u]·G of a fold: the points G (flat affine from offset) and u's recoding. */
    record Term(long[] points, int offset, Recoding recoding) {
    }

    /**
     * out[i] = G_lo[i] + Σ_t [u_t]·G_t[i] one point at a time, projective, each chunk's results made affine with one
     * inversion; each u_t canonical. A chunk reads all its inputs before it writes, so out may alias G_lo or a G_t.
     */
    static void foldPointwise(ShortWeierstrassCurve curve, long[] gLo, int loOffset, Term[] terms, int m, long[] out,
                              int outOffset, Workers workers) {
        int chunks = (m + POINTWISE_CHUNK - 1) / POINTWISE_CHUNK;
        workers.run(chunks, curve::arithmetic, (ops, chunk) -> {
            int from = chunk * POINTWISE_CHUNK;
            int count = Math.min(POINTWISE_CHUNK, m - from);
            long[] sums = new long[PROJ * count];
            long[] p = new long[PROJ];
            for (int i = 0; i < count; i++) {
                curve.affineToProjective(gLo, loOffset + AFF * (from + i), sums, PROJ * i);
                for (Term t : terms) {
                    curve.affineToProjective(t.points(), t.offset() + AFF * (from + i), p, 0);
                    ops.mul(p, 0, t.recoding().canonical(), 0, p, 0);
                    ops.add(sums, PROJ * i, p, 0, sums, PROJ * i);
                }
            }
            curve.batchProjectiveToAffine(sums, 0, count, out, outOffset + AFF * from);
        });
    }

    /** The lock-step engine for given terms (tests craft recodings whose chains hit exceptional cases). */
    static void foldWith(ShortWeierstrassCurve curve, long[] gLo, int loOffset, Term[] terms, int m, long[] out,
                         int outOffset, Workers workers) {
        int block = Math.min(BLOCK, (m + workers.workers() - 1) / workers.workers());
        int blocks = (m + block - 1) / block;
        workers.run(blocks, () -> new BlockFolder(curve, terms, m), (folder, b) -> {
            int from = b * block;
            int count = Math.min(block, m - from);
            folder.fold(gLo, loOffset + AFF * from, from, count, out, outOffset + AFF * from);
        });
    }

    /**
     * u as two signed-digit expansions (width-5 NAFs of the GLV halves, signs folded into the digits; any
     * odd digits below 2^(WIDTH−1) in magnitude would do), u = Σ (d1[i] + λ·d2[i])·2^i, and u's canonical
     * limbs for the projective fallback.
     */
    record Recoding(int[] digits1, int[] digits2, int length, long[] canonical) {
        static Recoding of(ShortWeierstrassCurve curve, long[] u, int uo) {
            long[] k = new long[4];
            curve.scalarField().toCanonical(u, uo, k, 0);
            long[] halves = new long[4];
            int signs = Glv.of(curve).decompose(k, 0, halves, 0);
            int[] d1 = new int[130];
            int[] d2 = new int[130];
            int l1 = SignedDigits.wnaf(halves, 0, 2, WIDTH, d1);
            int l2 = SignedDigits.wnaf(halves, 2, 2, WIDTH, d2);
            if ((signs & 1) != 0) {
                negate(d1);
            }
            if ((signs & 2) != 0) {
                negate(d2);
            }
            return new Recoding(d1, d2, Math.max(l1, l2), k);
        }

        private static void negate(int[] d) {
            for (int i = 0; i < d.length; i++) {
                d[i] = -d[i];
            }
        }
    }

    /** One thread's scratch: the tables, accumulators and batch arithmetic for a block. */
    private static final class BlockFolder {
        private final ShortWeierstrassCurve curve;
        private final Term[] terms;
        private final Glv glv;
        private final AffineBatch batch;
        private final PointArithmetic ops;
        /**
         * Per term t, from t·TERM_TABLE: odd multiples (2j + 1)·G_t[i] at 8·(j·BLOCK + i), then their φ images from
         * 8·TABLE·BLOCK.
         */
        private final long[] table;
        private final long[] acc = new long[BLOCK * AFF];
        private final long[] twice = new long[BLOCK * AFF];
        private final boolean[] fallback = new boolean[BLOCK];
        private static final int TERM_TABLE = 2 * TABLE * BLOCK * AFF;

        BlockFolder(ShortWeierstrassCurve curve, Term[] terms, int m) {
            this.curve = curve;
            this.terms = terms;
            this.glv = Glv.of(curve);
            this.batch = new AffineBatch(curve, BLOCK, m);
            this.ops = curve.arithmetic();
            this.table = new long[terms.length * TERM_TABLE];
        }

        /** out = lo + Σ_t [u_t]·G_t for the count points from point {@code first} of every term. */
        void fold(long[] lo, int loOff, int first, int count, long[] out, int outOff) {
            java.util.Arrays.fill(fallback, 0, count, false);
            int length = 0;
            for (int t = 0; t < terms.length; t++) {
                buildTable(t, first, count);
                length = Math.max(length, terms[t].recoding().length());
            }
            // The chains, top digit first, every term's digits added after the shared doubling; the accumulators
            // start as the identity (0, 0). A G_t[i] that is the identity has a table of identities, which the
            // additions skip: its term adds nothing, as [u]·O = O.
            java.util.Arrays.fill(acc, 0, AFF * count, 0L);
            boolean started = false;
            for (int bit = length - 1; bit >= 0; bit--) {
                if (started) {
                    batch.doubleAll(acc, 0, count, fallback);
                }
                for (int t = 0; t < terms.length; t++) {
                    Recoding rec = terms[t].recoding();
                    if (bit < rec.length()) {
                        started |= addDigit(rec.digits1()[bit], t * TERM_TABLE, count);
                        started |= addDigit(rec.digits2()[bit], t * TERM_TABLE + AFF * TABLE * BLOCK, count);
                    }
                }
            }
            // out = acc + G_lo, exceptional cases exact; the fallback points are finished projectively.
            batch.addAll(acc, 0, lo, loOff, AFF, false, count, fallback, true);
            for (int i = 0; i < count; i++) {
                if (fallback[i]) {
                    projective(lo, loOff + AFF * i, first + i, acc, AFF * i);
                }
            }
            System.arraycopy(acc, 0, out, outOff, AFF * count);
        }

        /**
         * Term t's odd multiples: T₀ = G, T_j = T_{j−1} + 2G, and their φ images. Exceptional cases need
         * (2j ± 1)G = ±2G, impossible for a prime order above 2^(WIDTH); flagged (and recomputed) all the same.
         */
        private void buildTable(int t, int first, int count) {
            Term term = terms[t];
            int hiOff = term.offset() + AFF * first;
            int base = t * TERM_TABLE;
            System.arraycopy(term.points(), hiOff, table, base, AFF * count);
            System.arraycopy(term.points(), hiOff, twice, 0, AFF * count);
            batch.doubleAll(twice, 0, count, fallback);
            for (int j = 1; j < TABLE; j++) {
                System.arraycopy(table, base + AFF * (j - 1) * BLOCK, table, base + AFF * j * BLOCK, AFF * count);
                batch.addAll(table, base + AFF * j * BLOCK, twice, 0, AFF, false, count, fallback, false);
            }
            int phiBase = base + AFF * TABLE * BLOCK;
            for (int j = 0; j < TABLE; j++) {
                for (int i = 0; i < count; i++) {
                    int o = AFF * (j * BLOCK + i);
                    glv.endomorphismAffine(table, base + o, table, phiBase + o);
                }
            }
        }

        /** acc += ±T[|d|/2] (from the table part at tableBase) where d ≠ 0; returns whether d ≠ 0. */
        private boolean addDigit(int d, int tableBase, int count) {
            if (d == 0) {
                return false;
            }
            int j = (Math.abs(d) - 1) / 2;
            batch.addAll(acc, 0, table, tableBase + AFF * j * BLOCK, AFF, d < 0, count, fallback, false);
            return true;
        }

        /** r = lo + Σ_t [u_t]·G_t[i] with the complete formulas, normalised to affine. */
        private void projective(long[] lo, int loOff, int i, long[] r, int ro) {
            long[] sum = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
            long[] p = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
            curve.affineToProjective(lo, loOff, sum, 0);
            for (Term term : terms) {
                curve.affineToProjective(term.points(), term.offset() + AFF * i, p, 0);
                ops.mulDoubleAndAdd(p, 0, term.recoding().canonical(), p, 0);
                ops.add(sum, 0, p, 0, sum, 0);
            }
            curve.projectiveToAffine(sum, 0, r, ro);
        }
    }
}
