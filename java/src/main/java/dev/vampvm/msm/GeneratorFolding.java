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
        if (m < (long) pointwiseBelow * workers.workers()) {
            long[] u = new long[4];
            fr.toCanonical(uMontgomery, uOffset, u, 0);
            foldPointwise(curve, gLo, loOffset, gHi, hiOffset, m, u, out, outOffset, workers);
            return;
        }
        foldWith(curve, gLo, loOffset, gHi, hiOffset, m, Recoding.of(curve, uMontgomery, uOffset), out, outOffset, workers);
    }

    /**
     * out[i] = G_lo[i] + [u]·G_hi[i] one point at a time, projective, each chunk's results made affine with one
     * inversion; u canonical. A chunk reads all its inputs before it writes, so out may alias G_lo or G_hi.
     */
    static void foldPointwise(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset, int m,
                              long[] u, long[] out, int outOffset, Workers workers) {
        int chunks = (m + POINTWISE_CHUNK - 1) / POINTWISE_CHUNK;
        workers.run(chunks, curve::arithmetic, (ops, chunk) -> {
            int from = chunk * POINTWISE_CHUNK;
            int count = Math.min(POINTWISE_CHUNK, m - from);
            long[] sums = new long[PROJ * count];
            long[] lo = new long[PROJ];
            for (int i = 0; i < count; i++) {
                curve.affineToProjective(gHi, hiOffset + AFF * (from + i), sums, PROJ * i);
                ops.mul(sums, PROJ * i, u, 0, sums, PROJ * i);
                curve.affineToProjective(gLo, loOffset + AFF * (from + i), lo, 0);
                ops.add(sums, PROJ * i, lo, 0, sums, PROJ * i);
            }
            curve.batchProjectiveToAffine(sums, 0, count, out, outOffset + AFF * from);
        });
    }

    /** The lock-step engine for a given recoding (tests craft recodings whose chains hit exceptional cases). */
    static void foldWith(ShortWeierstrassCurve curve, long[] gLo, int loOffset, long[] gHi, int hiOffset, int m,
                         Recoding rec, long[] out, int outOffset, Workers workers) {
        int block = Math.min(BLOCK, (m + workers.workers() - 1) / workers.workers());
        int blocks = (m + block - 1) / block;
        workers.run(blocks, () -> new BlockFolder(curve, rec), (folder, b) -> {
            int from = b * block;
            int count = Math.min(block, m - from);
            folder.fold(gLo, loOffset + AFF * from, gHi, hiOffset + AFF * from, count, out, outOffset + AFF * from);
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
        private final Recoding rec;
        private final Glv glv;
        private final AffineBatch batch;
        private final PointArithmetic ops;
        /** Odd multiples (2j + 1)·G_hi[i] at 8·(j·BLOCK + i), then their φ images from 8·TABLE·BLOCK. */
        private final long[] table = new long[2 * TABLE * BLOCK * AFF];
        private final long[] acc = new long[BLOCK * AFF];
        private final long[] twice = new long[BLOCK * AFF];
        private final boolean[] fallback = new boolean[BLOCK];
        private final boolean[] trivial = new boolean[BLOCK];

        BlockFolder(ShortWeierstrassCurve curve, Recoding rec) {
            this.curve = curve;
            this.rec = rec;
            this.glv = Glv.of(curve);
            this.batch = new AffineBatch(curve.baseField(), BLOCK);
            this.ops = curve.arithmetic();
        }

        void fold(long[] lo, int loOff, long[] hi, int hiOff, int count, long[] out, int outOff) {
            final int phiBase = AFF * TABLE * BLOCK;
            for (int i = 0; i < count; i++) {
                fallback[i] = false;
                // [u]·identity is the identity: G′ = G_lo. Kept out of the chains (skip = true).
                trivial[i] = AffineBatch.isIdentity(hi, hiOff + AFF * i);
            }
            // Odd multiples: T₀ = G, T_j = T_{j−1} + 2G. Exceptional cases need (2j ± 1)G = ±2G, impossible
            // for a prime order above 2^(WIDTH); flagged (and recomputed) all the same.
            System.arraycopy(hi, hiOff, table, 0, AFF * count);
            System.arraycopy(hi, hiOff, twice, 0, AFF * count);
            System.arraycopy(trivial, 0, fallback, 0, count);
            batch.doubleAll(twice, 0, count, fallback);
            for (int j = 1; j < TABLE; j++) {
                System.arraycopy(table, AFF * (j - 1) * BLOCK, table, AFF * j * BLOCK, AFF * count);
                batch.addAll(table, AFF * j * BLOCK, twice, 0, AFF, false, count, fallback, false);
            }
            for (int j = 0; j < TABLE; j++) {
                for (int i = 0; i < count; i++) {
                    int o = AFF * (j * BLOCK + i);
                    glv.endomorphismAffine(table, o, table, phiBase + o);
                }
            }
            // The chains, top digit first; the accumulators start as the identity (0, 0).
            java.util.Arrays.fill(acc, 0, AFF * count, 0L);
            boolean started = false;
            for (int bit = rec.length() - 1; bit >= 0; bit--) {
                if (started) {
                    batch.doubleAll(acc, 0, count, fallback);
                }
                started |= addDigit(rec.digits1()[bit], 0, count);
                started |= addDigit(rec.digits2()[bit], phiBase, count);
            }
            // G′ = acc + G_lo, exceptional cases exact; the fallback points are finished projectively.
            for (int i = 0; i < count; i++) {
                if (trivial[i]) {
                    System.arraycopy(lo, loOff + AFF * i, acc, AFF * i, AFF);
                }
            }
            boolean[] skipFinal = new boolean[count];
            for (int i = 0; i < count; i++) {
                skipFinal[i] = trivial[i] || fallback[i];
            }
            batch.addAll(acc, 0, lo, loOff, AFF, false, count, skipFinal, true);
            for (int i = 0; i < count; i++) {
                if (fallback[i] && !trivial[i]) {
                    projective(lo, loOff + AFF * i, hi, hiOff + AFF * i, acc, AFF * i);
                }
            }
            System.arraycopy(acc, 0, out, outOff, AFF * count);
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

        /** r = lo + [u]·hi with the complete formulas, normalised to affine. */
        private void projective(long[] lo, int loOff, long[] hi, int hiOff, long[] r, int ro) {
            long[] p = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
            long[] q = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
            curve.affineToProjective(hi, hiOff, p, 0);
            ops.mulDoubleAndAdd(p, 0, rec.canonical(), p, 0);
            curve.affineToProjective(lo, loOff, q, 0);
            ops.add(p, 0, q, 0, p, 0);
            curve.projectiveToAffine(p, 0, r, ro);
        }
    }
}
