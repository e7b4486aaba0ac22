package dev.vampvm.msm;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;

/**
 * The bucket method over "virtual" points, shared by the variable-base, GLV and fixed-base MSMs.
 *
 * <p>There are N points Q_v (flat affine from {@code pointsOffset}) and S scalars (canonical, {@code limbs}
 * limbs each, optionally negated). Point v = m·S + s belongs to scalar s and to chunk m, and is multiplied
 * by windows m·t .. m·t + t − 1 of that scalar's Booth digits; the result is Σ_{l<t} 2^(c·l) Σ_v d(v, l)·Q_v.
 * <ul>
 *   <li>plain MSM: N = S = n, t = all windows, Q = the bases;</li>
 *   <li>GLV: N = S = 2n, Q = (P₀ … P_{n−1}, φ(P₀) … φ(P_{n−1})), scalars the half-length |k₁|, |k₂| with signs;</li>
 *   <li>fixed base: N = M·S, Q_{m·S+s} = 2^(c·t·m)·P_s precomputed, so each point only needs t windows.</li>
 * </ul>
 * Work is split into tasks (window l, range of points); each task fills one thread's buckets and reduces
 * them to a partial sum. Partials are added per window in task order, windows combined by c doublings
 * each (Horner), and the result normalised to Z = 1, so that it does not depend on the number of threads.
 */
final class Pippenger {

    private static final int PROJ = ShortWeierstrassCurve.PROJECTIVE_LONGS;

    private Pippenger() {
    }

    /** Scalar side of a job. */
    record Scalars(long[] limbsArray, int limbs, int count, boolean[] negate) {
    }

    /**
     * Points side of a job: point v = m·S + s (S scalars) is at offset + 8·(m·stride + s), so a table laid out
     * for more scalars than this call uses still serves (stride = S for a plain array).
     */
    record Points(long[] array, int offset, int count, int stride) {
        Points(long[] array, int offset, int count) {
            this(array, offset, count, count);
        }
    }

    static long[] run(ShortWeierstrassCurve curve, Points points, Scalars scalars, int windowsPerChunk,
                      WindowPlan.Choice plan, Workers workers) {
        final int c = plan.windowBits();
        final int t = windowsPerChunk;
        final int h = 1 << (c - 1);
        final int n = points.count();
        // Ranges per window: enough tasks for every worker, but each range large enough that its bucket
        // reduction (2h additions) stays a small part of its accumulation; cut short, a whole number of ranges a
        // worker (two workers with three ranges: one takes two, the critical path 2/3 of the window, not 1/2).
        int ranges = wantedRanges(t, workers.workers());
        if (ranges > 1) {
            int affordable = Math.max(1, n / Math.max(4 * h, 1024));
            if (affordable < ranges) {
                int p = workers.workers();
                ranges = affordable >= p ? affordable / p * p : affordable;
            }
        }
        final int rangeCount = ranges;
        final int tasks = t * rangeCount;
        final long[] partials = new long[PROJ * tasks];
        workers.run(tasks,
                () -> new BucketAccumulator(curve, h, plan.affine(), plan.batch(), n),
                (acc, task) -> {
                    int l = task / rangeCount;
                    int r = task % rangeCount;
                    int from = (int) ((long) n * r / rangeCount);
                    int to = (int) ((long) n * (r + 1) / rangeCount);
                    accumulate(points, scalars, t, c, l, from, to, acc);
                    acc.finish();
                    acc.reduce(partials, PROJ * task);
                });
        PointArithmetic ops = curve.arithmetic();
        long[] result = new long[PROJ];
        curve.setIdentityProjective(result, 0);
        for (int l = t - 1; l >= 0; l--) {
            if (l < t - 1) {
                ops.dblTimes(result, 0, c, result, 0);
            }
            for (int r = 0; r < rangeCount; r++) {
                ops.add(result, 0, partials, PROJ * (l * rangeCount + r), result, 0);
            }
        }
        return normalize(curve, result);
    }

    /**
     * The ranges of points each of t windows is cut into, before {@link #run} caps them by the points there are: two
     * tasks a worker where the windows are fewer, so that no worker idles behind a slow task; one with a single worker,
     * where a second range only adds a bucket reduction (2h additions: ~10% of a 256-term fixed-base MSM).
     */
    static int wantedRanges(int t, int workers) {
        return workers > 1 && t < 2 * workers ? (2 * workers + t - 1) / t : 1;
    }

    /** Adds ±Q_v into the buckets for every v in [from, to) whose digit in window l is non-zero. */
    private static void accumulate(Points points, Scalars scalars, int t, int c, int l, int from, int to,
                                   BucketAccumulator acc) {
        final long[] pts = points.array();
        final int pOff = points.offset();
        final long[] k = scalars.limbsArray();
        final int limbs = scalars.limbs();
        final int count = scalars.count();
        final boolean[] negate = scalars.negate();
        final int stride = points.stride();
        acc.usePoints(pts);
        int s = from % count;
        int chunk = from / count;
        int window = chunk * t + l;
        int chunkBase = pOff + ShortWeierstrassCurve.AFFINE_LONGS * chunk * stride;
        for (int v = from; v < to; v++) {
            int d = SignedDigits.booth(k, limbs * s, limbs, window, c);
            if (d != 0) {
                int po = chunkBase + ShortWeierstrassCurve.AFFINE_LONGS * s;
                // The identity (0, 0) is the only point with x = 0.
                if ((pts[po] | pts[po + 1] | pts[po + 2] | pts[po + 3]) != 0) {
                    boolean neg = d < 0;
                    if (negate != null && negate[s]) {
                        neg = !neg;
                    }
                    acc.add((d < 0 ? -d : d) - 1, po, neg);
                }
            }
            if (++s == count) {
                s = 0;
                window += t;
                chunkBase += ShortWeierstrassCurve.AFFINE_LONGS * stride;
            }
        }
    }

    /** The same group element with Z = 1 (or the identity as (0, 1, 0)): one inversion, a canonical form. */
    static long[] normalize(ShortWeierstrassCurve curve, long[] p) {
        long[] out = new long[PROJ];
        if (curve.isIdentityProjective(p, 0)) {
            curve.setIdentityProjective(out, 0);
            return out;
        }
        long[] a = new long[ShortWeierstrassCurve.AFFINE_LONGS];
        curve.projectiveToAffine(p, 0, a, 0);
        curve.affineToProjective(a, 0, out, 0);
        return out;
    }
}
