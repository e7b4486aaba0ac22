package dev.vampvm.msm;

import dev.vampvm.curve.Glv;
import dev.vampvm.curve.ShortWeierstrassCurve;
import java.util.concurrent.ForkJoinPool;

/**
 * MSM over bases fixed in advance (IPA commitment keys G₀ … G_{N−1}), trading a one-time precomputation
 * for faster repeated MSMs.
 *
 * <p>With GLV every term is two half-terms (|k₁|, ±Gᵢ) and (|k₂|, ±φ(Gᵢ)) of 127-bit scalars, that is W =
 * ⌊127/c⌋ + 1 windows of c bits. The table holds, for every base and every chunk m of t windows,
 * 2^(c·t·m)·Gᵢ and φ of it (free to store: (ζx, y)). An MSM is then one bucket pass per window of a chunk
 * over 2n·⌈W/t⌉ virtual points: the same number of bucket additions as the variable-base MSM, but only t
 * bucket reductions instead of W and no doublings between windows, which also lets c be larger. With the
 * default t = 1 it is a single bucket pass. Building the table costs about 127 affine doublings per base
 * (done in lock step, one shared inversion per block) — roughly twenty MSMs' worth — and 64·2N·⌈W/t⌉ bytes.
 *
 * <p>A precomputation serves any prefix: an MSM of n ≤ N terms uses G₀ … G_{n−1}. For n small against N,
 * where the table's wide window does not pay, it runs a plain GLV bucket pass over the table's first chunk.
 */
public final class FixedBaseMsm {

    private static final int AFF = ShortWeierstrassCurve.AFFINE_LONGS;
    /** Default cap on the table, in bytes. */
    public static final long DEFAULT_MEMORY_BUDGET = 1L << 30;
    private static final int BLOCK = 256;

    /** The tables for one set of bases. Immutable once built; share it freely between threads. */
    public static final class Precomputation {
        private final ShortWeierstrassCurve curve;
        private final int size;
        private final int windowBits;
        private final int windowsPerChunk;
        private final int chunks;
        /** Chunk m, half-term s (s = 2i for Gᵢ, 2i + 1 for φ(Gᵢ)): 8 longs at 8·(m·2·size + s). */
        private final long[] table;

        private Precomputation(ShortWeierstrassCurve curve, int size, int windowBits, int windowsPerChunk, int chunks,
                               long[] table) {
            this.curve = curve;
            this.size = size;
            this.windowBits = windowBits;
            this.windowsPerChunk = windowsPerChunk;
            this.chunks = chunks;
            this.table = table;
        }

        public ShortWeierstrassCurve curve() {
            return curve;
        }

        /** The number of bases. */
        public int size() {
            return size;
        }

        public int windowBits() {
            return windowBits;
        }

        public int windowsPerChunk() {
            return windowsPerChunk;
        }

        public long memoryBytes() {
            return 8L * table.length;
        }

        @Override
        public String toString() {
            return "FixedBaseMsm.Precomputation[" + curve + ", " + size + " bases, c = " + windowBits + ", "
                    + windowsPerChunk + " window(s) per chunk, " + chunks + " chunks, " + (memoryBytes() >> 20) + " MiB]";
        }
    }

    private FixedBaseMsm() {
    }

    /** Tables for n bases with the planner's window width and the default memory budget, on the common pool. */
    public static Precomputation precompute(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset, int n) {
        return precompute(curve, basesAffine, basesOffset, n, 0, 0, DEFAULT_MEMORY_BUDGET, Workers.common());
    }

    /**
     * Tables for n bases.
     *
     * @param windowBits      c, or 0 for the planner's choice
     * @param windowsPerChunk t ≥ 1, or 0 for the smallest that fits the memory budget
     * @param memoryBudget    cap in bytes for the planner (ignored when both c and t are given)
     * @throws IllegalArgumentException on bad sizes or parameters, or when no table fits the budget
     */
    public static Precomputation precompute(ShortWeierstrassCurve curve, long[] basesAffine, int basesOffset, int n,
                                            int windowBits, int windowsPerChunk, long memoryBudget, Workers workers) {
        if (curve == null || workers == null) {
            throw new IllegalArgumentException("curve and workers must not be null");
        }
        MsmInputs.checkCount(n);
        MsmInputs.checkRange("bases", basesAffine, basesOffset, n, AFF);
        if (windowBits != 0 && (windowBits < 2 || windowBits > WindowPlan.MAX_BITS)) {
            throw new IllegalArgumentException("window width must be 0 (automatic) or in [2, 20], got " + windowBits);
        }
        if (windowsPerChunk < 0) {
            throw new IllegalArgumentException("windows per chunk must be 0 (automatic) or positive, got " + windowsPerChunk);
        }
        int[] plan = plan(Math.max(n, 1), windowBits, windowsPerChunk, memoryBudget, workers.workers());
        int c = plan[0], t = plan[1];
        int windows = SignedDigits.windows(Glv.MAGNITUDE_BITS, c);
        int chunks = (windows + t - 1) / t;
        long longs = (long) AFF * 2 * n * chunks;
        if (longs > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("table for " + n + " bases with " + chunks + " chunks exceeds one Java array;"
                    + " use more windows per chunk");
        }
        long[] table = new long[(int) longs];
        Glv glv = Glv.of(curve);
        int stride = AFF * 2 * n;
        int blocks = (n + BLOCK - 1) / BLOCK;
        workers.run(blocks, () -> new AffineBatch(curve, BLOCK, n), (batch, block) -> {
            int from = block * BLOCK;
            int count = Math.min(BLOCK, n - from);
            long[] cur = new long[AFF * count];
            System.arraycopy(basesAffine, basesOffset + AFF * from, cur, 0, AFF * count);
            for (int m = 0; m < chunks; m++) {
                for (int i = 0; i < count; i++) {
                    int to = m * stride + AFF * 2 * (from + i);
                    System.arraycopy(cur, AFF * i, table, to, AFF);
                    glv.endomorphismAffine(cur, AFF * i, table, to + AFF);
                }
                if (m < chunks - 1) {
                    for (int d = 0; d < c * t; d++) {
                        batch.doubleAll(cur, 0, count, null);
                    }
                }
            }
        });
        return new Precomputation(curve, n, c, t, chunks, table);
    }

    /**
     * {c, t}: the cheapest MSM whose table fits the budget. Cost per MSM of all n terms: 2n·W bucket
     * additions, t·max(1, ranges) reductions of 2^(c−1) buckets, (t − 1)·c doublings.
     */
    static int[] plan(int n, int windowBits, int windowsPerChunk, long memoryBudget, int workers) {
        int cFrom = windowBits != 0 ? windowBits : 4;
        int cTo = windowBits != 0 ? windowBits : 18;
        double best = Double.MAX_VALUE;
        int[] choice = null;
        for (int c = cFrom; c <= cTo; c++) {
            int windows = SignedDigits.windows(Glv.MAGNITUDE_BITS, c);
            int tFrom = windowsPerChunk != 0 ? windowsPerChunk : 1;
            int tTo = windowsPerChunk != 0 ? windowsPerChunk : windows;
            for (int t = tFrom; t <= tTo; t++) {
                int chunks = (windows + t - 1) / t;
                long bytes = 64L * 2 * n * chunks;
                boolean given = windowBits != 0 && windowsPerChunk != 0;
                if (!given && bytes > memoryBudget) {
                    continue;
                }
                WindowPlan.Choice ch = choice(c);
                long additions = 2L * n * windows;
                int reductions = t * Pippenger.wantedRanges(t, workers);
                double cost = WindowPlan.cost(ch, additions, reductions) + (t - 1) * c * 10.0;
                if (cost < best) {
                    best = cost;
                    choice = new int[] {c, t};
                }
                if (windowsPerChunk == 0 && chunks == 1) {
                    break;
                }
            }
        }
        if (choice == null) {
            throw new IllegalArgumentException("no fixed-base table for " + n + " bases fits " + memoryBudget + " bytes");
        }
        return choice;
    }

    private static WindowPlan.Choice choice(int c) {
        WindowPlan.Choice affine = WindowPlan.of(c, true);
        return affine != null ? affine : WindowPlan.of(c, false);
    }

    /** Σ [kᵢ]Gᵢ for i < n ≤ pre.size(), on the common pool. */
    public static long[] msm(Precomputation pre, long[] scalarsMontgomery, int scalarsOffset, int n) {
        return msm(pre, scalarsMontgomery, scalarsOffset, n, Workers.common());
    }

    /** Σ [kᵢ]Gᵢ on exactly {@code threads} threads. */
    public static long[] msm(Precomputation pre, long[] scalarsMontgomery, int scalarsOffset, int n, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be positive, got " + threads);
        }
        if (threads == 1) {
            return msm(pre, scalarsMontgomery, scalarsOffset, n, Workers.single());
        }
        try (ForkJoinPool pool = new ForkJoinPool(threads - 1)) {
            return msm(pre, scalarsMontgomery, scalarsOffset, n, new Workers(pool, threads));
        }
    }

    /** Σ [kᵢ]Gᵢ on the threads of {@code pool}. */
    public static long[] msm(Precomputation pre, long[] scalarsMontgomery, int scalarsOffset, int n, ForkJoinPool pool) {
        return msm(pre, scalarsMontgomery, scalarsOffset, n, Workers.of(pool));
    }

    /**
     * Σ [kᵢ]Gᵢ for i &lt; n, the Gᵢ being the precomputation's first n bases.
     *
     * @return projective, normalised to Z = 1 (or (0, 1, 0)); equal limb for limb to {@link Msm#msm}
     * @throws IllegalArgumentException if n is negative or above pre.size(), the scalars array is too short,
     *                                  or a scalar is not a reduced Montgomery-form element
     */
    public static long[] msm(Precomputation pre, long[] scalarsMontgomery, int scalarsOffset, int n, Workers workers) {
        if (pre == null || workers == null) {
            throw new IllegalArgumentException("precomputation and workers must not be null");
        }
        ShortWeierstrassCurve curve = pre.curve;
        MsmInputs.checkCount(n);
        if (n > pre.size) {
            throw new IllegalArgumentException(n + " terms but the precomputation has only " + pre.size + " bases");
        }
        MsmInputs.checkRange("scalars", scalarsMontgomery, scalarsOffset, n, 4);
        MsmInputs.checkScalars(curve, scalarsMontgomery, scalarsOffset, n);
        if (n == 0) {
            long[] id = new long[ShortWeierstrassCurve.PROJECTIVE_LONGS];
            curve.setIdentityProjective(id, 0);
            return id;
        }
        GlvSplit split = GlvSplit.scalarsOnly(curve, scalarsMontgomery, scalarsOffset, n, workers, pre.table);
        Pippenger.Scalars scalars = new Pippenger.Scalars(split.magnitudes(), 2, 2 * n, split.negate());
        int stride = 2 * pre.size;
        int bits = Glv.MAGNITUDE_BITS;
        int windows = SignedDigits.windows(bits, pre.windowBits);
        WindowPlan.Choice tableChoice = choice(pre.windowBits);
        int t = pre.windowsPerChunk;
        int reductions = t * Pippenger.wantedRanges(t, workers.workers());
        double tableCost = WindowPlan.cost(tableChoice, 2L * n * windows, reductions) + (t - 1) * pre.windowBits * 10.0;
        WindowPlan.Choice plain = WindowPlan.variableBase(2L * n, bits);
        int plainWindows = SignedDigits.windows(bits, plain.windowBits());
        if (plain.cost() < tableCost) {
            Pippenger.Points points = new Pippenger.Points(pre.table, 0, 2 * n, stride);
            return Pippenger.run(curve, points, scalars, plainWindows, plain, workers);
        }
        Pippenger.Points points = new Pippenger.Points(pre.table, 0, 2 * n * pre.chunks, stride);
        return Pippenger.run(curve, points, scalars, t, tableChoice, workers);
    }
}
