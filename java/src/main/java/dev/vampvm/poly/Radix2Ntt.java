package dev.vampvm.poly;

import dev.vampvm.field.Lanes;
import dev.vampvm.field.MontgomeryField;

/**
 * The forward transform of one domain size: a radix-2 decimation-in-time NTT over a flat {@code long[4n]},
 * natural order in and out, with its twiddle table.
 *
 * <p>Layout. The input is bit-reverse permuted once; then the k butterfly stages run in a few passes, each
 * pass covering a band of consecutive stages [lo, hi). Stages in one band only mix elements whose indices
 * differ in bits lo .. hi − 1, so the array falls apart into independent sub-transforms of 2^(hi − lo)
 * elements each (stride 2^lo). A pass walks tiles of such sub-transforms, taking a few neighbouring ones
 * at once so that every row of the tile is a contiguous run of memory, and runs all stages of the band on
 * one tile while it sits in the core's L2 cache. Two passes cover k ≤ 24, so a large transform streams the
 * whole vector through memory three times (bit reversal included) instead of k times. Tiles are
 * independent, which is also how the work is split across threads.
 *
 * <p>Lanes. Where {@link Lanes#usable} (a Pasta field, the Vector API present), a pass instead runs w of its
 * sub-transforms side by side, one per SIMD lane ({@link LaneNtt}), and bands are at most 10 stages so that a tile in
 * the lanes' form stays in L2; their width is the one {@link dev.vampvm.field.FieldLanes#preferred} gives when the
 * transform is made. A pass with fewer sub-transforms than lanes (small k) stays on the scalar kernels. On
 * the 2-core EPYC (AVX-512) that halves the transform: 2^20 in 225 ms against 472 (same session, JMH).
 *
 * <p>Twiddles. One table holds ω^j for j &lt; n/2 (n/2 elements, so half the size of the data); the stage
 * with butterflies of half-width 2^s uses every 2^(k−1−s)-th entry. The inverse transform does not need a
 * second table: see {@link EvaluationDomain#intt}.
 */
final class Radix2Ntt {

    /** Elements of one tile: 2^13 × 32 bytes = 256 KiB, a quarter of a 1 MiB L2 (twiddles share it). */
    private static final int TILE_LOG = 13;
    /** Widest band of stages in one pass. */
    private static final int MAX_BAND = 12;
    /** Widest band with the lanes: a lane tile of 2^10 rows is 590 KB (see {@link LaneNtt}). */
    private static final int LANE_MAX_BAND = 10;
    /** Below this size the transform is not worth splitting across threads. */
    private static final int PARALLEL_MIN_LOG = 10;

    private final MontgomeryField field;
    private final int k;
    private final int n;
    /** ω^j for j in [0, n/2), flat, Montgomery form. */
    private final long[] twiddles;
    /** Bands of stages, as {lo, hi} pairs. */
    private final int[][] bands;
    /** The passes in SIMD lanes, or null for the scalar kernels. */
    private final NttLanes lanes;

    Radix2Ntt(MontgomeryField field, int k, long[] omega) {
        this(field, k, omega, MAX_BAND, Lanes.usable(field));
    }

    /**
     * With bands of at most {@code maxBand} stages (tests use narrow bands to exercise many passes), in SIMD lanes
     * where {@code lanes} and the pass has a tile's worth of sub-transforms.
     */
    Radix2Ntt(MontgomeryField field, int k, long[] omega, int maxBand, boolean lanes) {
        this.field = field;
        this.k = k;
        this.n = 1 << k;
        this.twiddles = powers(field, omega, n / 2, Parallel.defaultThreads());
        this.lanes = lanes ? new LaneNtt(field, k, twiddles) : null;
        if (lanes) {
            maxBand = Math.min(maxBand, LANE_MAX_BAND);
        }
        int passes = (k + maxBand - 1) / maxBand;
        if (k >= PARALLEL_MIN_LOG && passes < 2) {
            // One band would be one tile, i.e. one thread; two bands give independent tiles in each pass.
            passes = 2;
        }
        bands = new int[passes][];
        int lo = 0;
        for (int p = 0; p < passes; p++) {
            int hi = lo + (k - lo) / (passes - p);
            bands[p] = new int[] {lo, hi};
            lo = hi;
        }
    }

    /** base^i for i in [0, count), flat, computed in parallel chunks. */
    static long[] powers(MontgomeryField field, long[] base, int count, int threads) {
        long[] out = new long[4 * count];
        Parallel.forRange(threads, count, 1 << 12, (from, to) -> {
            long[] acc = new long[4];
            field.pow(base, 0, new long[] {from}, acc, 0);
            for (int i = from; i < to; i++) {
                System.arraycopy(acc, 0, out, 4 * i, 4);
                if (i + 1 < to) {
                    field.mul(acc, 0, base, 0, acc, 0);
                }
            }
        });
        return out;
    }

    /** ω^j for j &lt; n/2; shared, do not modify. */
    long[] twiddles() {
        return twiddles;
    }

    /** Forward NTT in place: a[i] ← Σ_j a[j] ω^(ij). */
    void forward(long[] a, int threads) {
        int t = k >= PARALLEL_MIN_LOG ? threads : 1;
        bitReverse(a, t);
        for (int[] band : bands) {
            pass(a, band[0], band[1], t);
        }
    }

    /**
     * The forward NTT of the zero-padded vector (src, 0, …, 0) into {@code out} (n elements), where src holds
     * n / 2^j elements. After bit reversal every aligned block of 2^j entries is (src_i, 0, …, 0) and the
     * first j stages turn it into (src_i, …, src_i): so those stages are replaced by copies, and only stages
     * j .. k − 1 run.
     */
    void forwardZeroPadded(long[] src, int j, long[] out, int threads) {
        int t = k >= PARALLEL_MIN_LOG ? threads : 1;
        int count = n >>> j;
        int srcBits = k - j;
        int copies = 1 << j;
        Parallel.forRange(t, count, 1 << 10, (from, to) -> {
            for (int i = from; i < to; i++) {
                // rev_k(i) = rev_{k−j}(i) · 2^j for i < 2^(k−j).
                int dst = srcBits == 0 ? 0 : (Integer.reverse(i) >>> (32 - srcBits)) << j;
                for (int c = 0; c < copies; c++) {
                    System.arraycopy(src, 4 * i, out, 4 * (dst + c), 4);
                }
            }
        });
        for (int[] band : bands) {
            int lo = Math.max(band[0], j);
            if (lo < band[1]) {
                pass(out, lo, band[1], t);
            }
        }
    }

    private void bitReverse(long[] a, int threads) {
        int shift = 32 - k;
        Parallel.forRange(threads, n, 1 << 12, (from, to) -> {
            for (int i = from; i < to; i++) {
                int j = Integer.reverse(i) >>> shift;
                if (i < j) {
                    int x = 4 * i;
                    int y = 4 * j;
                    long t0 = a[x], t1 = a[x + 1], t2 = a[x + 2], t3 = a[x + 3];
                    a[x] = a[y];
                    a[x + 1] = a[y + 1];
                    a[x + 2] = a[y + 2];
                    a[x + 3] = a[y + 3];
                    a[y] = t0;
                    a[y + 1] = t1;
                    a[y + 2] = t2;
                    a[y + 3] = t3;
                }
            }
        });
    }

    /**
     * Runs stages lo .. hi − 1. Index bits: [high | mid (hi − lo bits) | low (lo bits)]; a sub-transform is
     * fixed (high, low) with mid varying. A tile is `cols` consecutive values of low for one high.
     */
    private void pass(long[] a, int lo, int hi, int threads) {
        int rowsLog = hi - lo;
        // Asked each pass: the lanes run once warmed up (Lanes.ready), and -Dvampvm.lanes=off set while the process
        // runs turns them off here too.
        if (lanes != null && (1 << (k - rowsLog)) >= lanes.width() && Lanes.ready(field, 1L << k)) {
            lanePass(a, lo, hi, threads);
            return;
        }
        int colsLog = Math.min(lo, Math.max(0, TILE_LOG - rowsLog));
        // Keep enough tiles for every thread to get several (load balance), without going below one column.
        while (colsLog > 0 && (k - rowsLog - colsLog) < 3 && threads > 1) {
            colsLog--;
        }
        final int cl = colsLog;
        int cols = 1 << colsLog;
        int tilesPerHigh = 1 << (lo - colsLog);
        int tiles = 1 << (k - rowsLog - colsLog);
        Parallel.forRange(threads, tiles, 1, (from, to) -> {
            long[] tmp = new long[4];
            for (int tile = from; tile < to; tile++) {
                int high = tile / tilesPerHigh;
                int lowStart = (tile % tilesPerHigh) << cl;
                tile(a, lo, hi, (high << hi) + lowStart, lowStart, cols, tmp);
            }
        });
    }

    /** The pass with w sub-transforms a tile, one per lane (there are 2^(k − (hi − lo)) of them, at least w). */
    private void lanePass(long[] a, int lo, int hi, int threads) {
        int w = lanes.width();
        int rows = 1 << (hi - lo);
        int tiles = (1 << (k - (hi - lo))) / w;
        Parallel.forRange(threads, tiles, 1, (from, to) -> {
            NttLanes.Worker worker = lanes.worker(rows);
            for (int tile = from; tile < to; tile++) {
                worker.tile(a, lo, hi, tile * w);
            }
        });
    }

    private void tile(long[] a, int lo, int hi, int origin, int lowStart, int cols, long[] tmp) {
        final MontgomeryField f = field;
        final long[] w = twiddles;
        int rows = 1 << (hi - lo);
        for (int s = lo; s < hi; s++) {
            int half = 1 << (s - lo);          // butterfly half-width, in rows
            int gap = 4 << s;                  // distance between partners, in longs
            int twStride = 4 << (k - 1 - s);   // twiddle table step per unit of j, in longs
            for (int group = 0; group < rows; group += 2 * half) {
                for (int v = 0; v < half; v++) {
                    int x = 4 * (origin + ((group + v) << lo));
                    // j = v·2^lo + low for the first column of this row.
                    int tw = ((v << lo) + lowStart) * twStride;
                    int c = 0;
                    if (tw == 0) {
                        // ω^0 = 1: a plain sum and difference.
                        int y = x + gap;
                        f.sub(a, x, a, y, tmp, 0);
                        f.add(a, x, a, y, a, x);
                        System.arraycopy(tmp, 0, a, y, 4);
                        c = 1;
                        x += 4;
                        tw += twStride;
                    }
                    for (; c < cols; c++, x += 4, tw += twStride) {
                        int y = x + gap;
                        f.mul(a, y, w, tw, tmp, 0);
                        f.sub(a, x, tmp, 0, a, y);
                        f.add(a, x, tmp, 0, a, x);
                    }
                }
            }
        }
    }
}
