package dev.vampvm.backend.cuda;

import static dev.vampvm.backend.cuda.CudaBackend.booleanProperty;
import static dev.vampvm.backend.cuda.CudaBackend.chunks;
import static dev.vampvm.backend.cuda.CudaBackend.curveSuffix;
import static dev.vampvm.backend.cuda.CudaBackend.parseLong;

import dev.vampvm.curve.Glv;
import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.msm.GeneratorFolding;

/**
 * The CUDA engine's IPA generator folding (kernels/msm/fold.cuh): a round's fold, out = lo + [u] hi, or two rounds' at
 * once, a GLV scalar multiplication a point from the challenge's wNAF digits (made here, {@link FoldScalar}), one
 * thread a point or, where that leaves most of the GPU idle, in parts and a join; then to affine with one inversion
 * per chunk; folds of few points on the host. Part of {@link CudaBackend}, which checks the vectors, owns the device
 * and launches; the folds' settings ({@code -Dvampvm.cuda.hostFoldBelow}, {@code -Dvampvm.cuda.foldTwice},
 * {@code -Dvampvm.cuda.foldSplitThreads}) are read here, their fp52n form ({@code -Dvampvm.cuda.fp52=fold}) by the
 * engine with the others'.
 */
public final class DeviceGeneratorFolding {
    /**
     * Folds of fewer points run on the host ({@link #foldOnHost}); {@code -Dvampvm.cuda.hostFoldBelow} sets it. The
     * emulated engine, and tests of the folding kernel, keep GeneratorFolding.POINTWISE_BELOW, whatever the cores, so
     * that the kernel runs on as few points as it ever does.
     */
    int hostFoldBelow = (int) parseLong("vampvm.cuda.hostFoldBelow", System.getProperty(
            "vampvm.cuda.hostFoldBelow"), hostFoldBelow(Runtime.getRuntime().availableProcessors()), 0, 1 << 30);

    /**
     * Whether the IPA takes its rounds two at a time where both folds run on the GPU ({@link #twoRoundsAtOnce}:
     * one launch of kernels/msm/fold.cuh's fold2_body, the three scalar multiplications of an output point sharing
     * their doublings, 41% fewer instructions than the two folds by PTX count, against MSMs of twice the points for
     * the second round's L and R). Untimed on a GPU when written (2026-11-27); {@code -Dvampvm.cuda.foldTwice=false}
     * folds one round at a time, to time both ways.
     */
    boolean foldTwoRounds = booleanProperty("vampvm.cuda.foldTwice", true);

    /** The most threads a fold in parts takes ({@link #foldsInParts}): 2^18 parts of 96 bytes, 24 MiB. */
    public static final int FOLD_PARTS_MOST = 1 << 18;
    /**
     * A fold on the GPU whose parts (two a term: its scalar multiplication's GLV halves) number at most this runs in
     * parts, a thread each, and a join ({@link #foldsInParts}); -1 (the default) takes as many as the device holds of
     * the parts' kernel at once, up to {@link #FOLD_PARTS_MOST}; {@code -Dvampvm.cuda.foldSplitThreads=0} never splits,
     * to time both ways (untimed on a GPU when written, 2026-11-27).
     */
    int foldSplitThreads = (int) parseLong("vampvm.cuda.foldSplitThreads", System.getProperty(
            "vampvm.cuda.foldSplitThreads"), -1, -1, FOLD_PARTS_MOST);

    private final CudaBackend engine;

    DeviceGeneratorFolding(CudaBackend engine) {
        this.engine = engine;
    }

    /** out = lo + [u] hi (one IPA round's fold, checked by the engine): on the host below {@link #hostFoldBelow}. */
    void fold(DevicePointVector lo, DevicePointVector hi, long[] u, DevicePointVector out) {
        if (lo.size < hostFoldBelow) {
            foldOnHost(lo, hi, u, out);
            return;
        }
        foldOnDevice(false, out, new FoldScalar[] {FoldScalar.of(lo.curve, u)}, lo.ptr(), hi.ptr());
    }

    /**
     * Two IPA rounds' folds at once into out's m points from g's 4m (checked by the engine), on the device:
     * out[i] = g[i] + [u2] g[m + i] + [u1] g[2m + i] + [u1 u2] g[3m + i].
     */
    void twoRoundsOnDevice(DevicePointVector g, long[] u1, long[] u2, DevicePointVector out) {
        ShortWeierstrassCurve curve = g.curve;
        long[] u12 = new long[4];
        curve.scalarField().mul(u1, 0, u2, 0, u12, 0);
        // In the kernel's order: the terms of g[m + i], g[2m + i], g[3m + i].
        FoldScalar[] terms = {FoldScalar.of(curve, u2), FoldScalar.of(curve, u1), FoldScalar.of(curve, u12)};
        foldOnDevice(true, out, terms, g.ptr(), g.ptr().plus((long) DevicePointVector.BYTES * out.size));
    }

    /**
     * Whether two rounds' folds into m points run at once ({@link CudaBackend#foldsTwoRoundsAtOnce}): where the first
     * of the two folds (into 2m points) would run on the GPU ({@link #hostFoldBelow} output points on). Below that
     * the host folds point by point, where two rounds at once take as many scalar multiplications as one at a time.
     * From m = hostFoldBelow / 2 to hostFoldBelow the pair's second fold would have gone to the host: in one launch
     * in parts ({@link #foldsInParts}) it costs about a single round's chain, where a GPU fold and a host fold of m
     * points took both (by bench/models/fold_chains.py ~1.6 ms of a proof on 16 cores; until 2026-11-27 the pairs
     * started at m = hostFoldBelow; untimed).
     */
    boolean twoRoundsAtOnce(int m) {
        return foldTwoRounds && pairOnGpu(m);
    }

    /** Whether two rounds' folds into m points run on the GPU: where the first of them, into 2m points, would. */
    boolean pairOnGpu(int m) {
        return 2L * m >= hostFoldBelow;
    }

    /**
     * A fold on the GPU into out (kernels/msm/fold.cuh): out = lo + the terms' scalar multiplications, term t's of the
     * points at {@code termPoints} + t·m (m = out's size): one round's (lo + [u] hi, vv_fold_*) or two rounds' at once
     * (g's quarters, vv_fold2_*, lo = g), a thread a point, or where that leaves most of the GPU idle in parts
     * ({@link #foldsInParts}: vv_fold_parts_*, then vv_fold_join_*); in projective form, then to affine with one
     * inversion per chunk.
     */
    private void foldOnDevice(boolean twoRounds, DevicePointVector out, FoldScalar[] terms, DeviceApi.Address lo,
            DeviceApi.Address termPoints) {
        int m = out.size;
        String cs = curveSuffix(out.curve);
        boolean inParts = foldsInParts(out.curve, terms.length, m);
        FoldScalar[] scalars = inParts ? FoldScalar.halves(terms) : terms;
        long[] packed = new long[scalars.length * FoldScalar.DIGIT_BYTES / 8];
        int length = 0;
        for (int t = 0; t < scalars.length; t++) {
            long[] p = scalars[t].packedDigits();
            System.arraycopy(p, 0, packed, t * p.length, p.length);
            length = Math.max(length, scalars[t].length());
        }
        long digitBytes = 8L * packed.length;
        // Projective sums in a buffer of their own (the output may be one of the folded vectors), then to affine; in
        // parts the join writes the sums over the first part's.
        DeviceBuffer sums = engine.alloc(CudaBackend.PROJECTIVE_BYTES * m * (inParts ? scalars.length : 1),
                inParts ? "folded generators' parts, projective" : "folded generators, projective");
        DeviceBuffer digits = engine.alloc(digitBytes, "folding challenges' wNAF digits");
        try {
            engine.device().copyHtoD(digits.ptr, packed, 0, digitBytes, "folding challenges' wNAF digits");
            long[] zeta = terms[0].zeta();
            if (inParts) {
                engine.launch((engine.foldFp52 ? "vv_fold_parts52_" : "vv_fold_parts_") + cs, scalars.length * m,
                        termPoints, m, digits.ptr, length, zeta, sums.ptr, m, scalars.length);
                engine.launch("vv_fold_join_" + cs, m, lo, sums.ptr, scalars.length, sums.ptr, m);
            } else if (twoRounds) {
                engine.launch((engine.foldFp52 ? "vv_fold2_52_" : "vv_fold2_") + cs, m, lo, digits.ptr, length, zeta,
                        sums.ptr, m);
            } else {
                engine.launch((engine.foldFp52 ? "vv_fold52_" : "vv_fold_") + cs, m, lo, termPoints, digits.ptr, length,
                        zeta, sums.ptr, m);
            }
            engine.launch("vv_to_affine_" + cs, chunks(m, CudaBackend.AFFINE_CHUNK), sums.ptr, out.ptr(), m);
        } finally {
            engine.release(digits);
            engine.release(sums);
        }
    }

    /**
     * Whether a fold of {@code terms} scalar multiplications a point into m points runs in parts: when its 2·terms·m
     * parts fit the GPU at once ({@link #foldSplitThreads}). A thread's fold is a chain of point operations (~10 µs an
     * addition in one thread on an H200), so a fold of few points costs its chain whatever its work; by
     * bench/models/fold_chains.py a part's chain with the join's additions is 0.49x the two rounds' (~114 additions'
     * latency against ~232, ~1.2 ms a fold) and 0.84x one round's, for about twice the work, which pays only while
     * the parts run in one wave: the pairs into 2^12, 2^10 and 2^8 points of a k = 16 to 22 proof, ~3.5 ms in all.
     */
    boolean foldsInParts(ShortWeierstrassCurve curve, int terms, int m) {
        long parts = 2L * terms * m;
        if (foldSplitThreads >= 0) {
            return parts <= foldSplitThreads;
        }
        String kernel = (engine.foldFp52 ? "vv_fold_parts52_" : "vv_fold_parts_") + curveSuffix(curve);
        return parts <= Math.min(FOLD_PARTS_MOST, engine.residentThreads(kernel, engine.fullestBlock(kernel)));
    }

    /** Points a host core folds in the time of one GPU fold (see {@link #foldOnHost}). */
    static final int HOST_FOLD_POINTS_PER_CORE = 22;

    /** The default host-fold threshold on a host of {@code cores} cores. */
    static int hostFoldBelow(int cores) {
        return Math.max(GeneratorFolding.POINTWISE_BELOW, HOST_FOLD_POINTS_PER_CORE * cores);
    }

    /**
     * A small fold (the IPA's last rounds, every round of a small circuit's opening) on the host, point by point
     * ({@link GeneratorFolding#foldEachPoint}) on all its cores: on the GPU each point is one thread's chain of point
     * operations, about 3 ms for the fold and its affine conversion however few the points (~220 operations a point
     * with the bit-pair kernel: an H200, bench/results/gpu-20261126-021512-c779eb6-profile; the wNAF kernel's ~27%
     * fewer products make it ~2.2 ms by count, untimed), where the host takes ~100 µs a point and core (a 2-core
     * EPYC dev VM, GeneratorFolding's comment). Hence {@link #HOST_FOLD_POINTS_PER_CORE} points a core, at least
     * GeneratorFolding.POINTWISE_BELOW: on a 16-core GPU machine folds of up to 256 points (a k = 10 block proof's
     * rounds but its first) stay on the host. The copies are at most tens of KiB.
     */
    private void foldOnHost(DevicePointVector lo, DevicePointVector hi, long[] u, DevicePointVector out) {
        int n = lo.size;
        long bytes = (long) DevicePointVector.BYTES * n;
        long[] l = new long[ShortWeierstrassCurve.AFFINE_LONGS * n];
        long[] h = new long[l.length];
        engine.device().copyDtoH(l, 0, lo.ptr(), bytes, "generators to fold (low half)");
        engine.device().copyDtoH(h, 0, hi.ptr(), bytes, "generators to fold (high half)");
        GeneratorFolding.foldEachPoint(lo.curve, l, 0, h, 0, n, u, 0, l, 0);
        engine.device().copyHtoD(out.ptr(), l, 0, bytes, "folded generators");
    }

    /**
     * A scalar as the folding kernel takes it (kernels/ec/pasta_curves.cuh's mul_glv_wnaf): u = k1 + λ·k2 with
     * |k1|, |k2| &lt; 2^127 ({@link Glv#decompose}), each half's width-5 wNAF ({@link PointArithmetic#wnaf}) with its
     * sign folded in, k1's in {@code digits[0..WNAF_DIGITS)} and k2's after it, zero-padded, {@code length} of them
     * in use; and the base field's ζ (Montgomery form) for φ(x, y) = (ζx, y) = [λ](x, y).
     */
    record FoldScalar(byte[] digits, int length, long[] zeta) {
        /** kernels/ec/pasta_curves.cuh's WNAF_DIGITS: each half's digits, padded (a half has at most 128). */
        static final int WNAF_DIGITS = 136;
        static final int DIGIT_BYTES = 2 * WNAF_DIGITS;

        /** u: a reduced scalar-field element in Montgomery form. */
        static FoldScalar of(ShortWeierstrassCurve curve, long[] u) {
            long[] canonical = new long[4];
            curve.scalarField().toCanonical(u, 0, canonical, 0);
            Glv glv = Glv.of(curve);
            long[] halves = new long[4];
            int signs = glv.decompose(canonical, 0, halves, 0);
            byte[] digits = new byte[DIGIT_BYTES];
            byte[] naf = new byte[WNAF_DIGITS];
            int length = 0;
            for (int h = 0; h < 2; h++) {
                java.util.Arrays.fill(naf, (byte) 0);
                int len = PointArithmetic.wnaf(halves[2 * h], halves[2 * h + 1], naf);
                boolean negative = ((signs >>> h) & 1) != 0;
                for (int i = 0; i < len; i++) {
                    digits[h * WNAF_DIGITS + i] = (byte) (negative ? -naf[i] : naf[i]);
                }
                length = Math.max(length, len);
            }
            return new FoldScalar(digits, length, curve.baseField().fromBigInteger(glv.zeta()));
        }

        /**
         * Each scalar's GLV halves as scalars of their own, in order (k1's digits with k2's zeroed, then k2's with
         * k1's zeroed): the parts of a fold in parts (kernels/msm/fold.cuh's fold_part_body), whose sum is the scalar's
         * multiplication. Every part keeps its scalar's digit count.
         */
        static FoldScalar[] halves(FoldScalar[] scalars) {
            FoldScalar[] out = new FoldScalar[2 * scalars.length];
            for (int t = 0; t < scalars.length; t++) {
                for (int h = 0; h < 2; h++) {
                    byte[] half = new byte[DIGIT_BYTES];
                    System.arraycopy(scalars[t].digits, h * WNAF_DIGITS, half, h * WNAF_DIGITS, WNAF_DIGITS);
                    out[2 * t + h] = new FoldScalar(half, scalars[t].length, scalars[t].zeta);
                }
            }
            return out;
        }

        /** The digits as little-endian longs, for a copy to the engine.device(). */
        long[] packedDigits() {
            long[] out = new long[DIGIT_BYTES / 8];
            java.nio.ByteBuffer.wrap(digits).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
    }

}
