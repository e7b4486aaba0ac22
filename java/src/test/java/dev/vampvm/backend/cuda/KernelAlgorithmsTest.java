package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.msm.Msm;
import dev.vampvm.msm.ReferenceMsm;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CUDA kernels' algorithms (Pippenger's stages, the tiled NTT schedule, generator folding), run serially
 * on the host by native/host_arith.cpp from the same kernel bodies, against the Java references: the naive
 * MSM, EvaluationDomain's transforms, per-point arithmetic. Skipped when the native library was not built.
 */
class KernelAlgorithmsTest {

    private static HostArithmetic.Lib lib;

    /** Per test rather than per class, so that each test shows as skipped, with the reason, when there is no library. */
    @BeforeEach
    void load() {
        String why = HostArithmetic.unavailableReason();
        assumeTrue(why == null, () -> "host build of the kernel arithmetic not available: " + why);
        lib = HostArithmetic.library();
    }

    private static long[] randomPoints(ShortWeierstrassCurve c, SplittableRandom rng, int n) {
        PointArithmetic ops = c.arithmetic();
        long[] g = new long[12];
        c.affineToProjective(c.generatorAffine(), 0, g, 0);
        long[] proj = new long[12 * n];
        for (int i = 0; i < n; i++) {
            ops.mul(g, 0, new long[] {rng.nextLong(), rng.nextLong(), 0, 0}, 0, proj, 12 * i);
        }
        long[] affine = new long[8 * n];
        c.batchProjectiveToAffine(proj, 0, n, affine, 0);
        return affine;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void pippengerStagesMatchTheReferenceMsm(String curve, TestInfo info) {
        ShortWeierstrassCurve c = curve.equals("Pallas") ? ShortWeierstrassCurve.PALLAS : ShortWeierstrassCurve.VESTA;
        MontgomeryField s = c.scalarField();
        SplittableRandom rng = Seeds.rng("KernelAlgorithmsTest." + info.getDisplayName());
        BigInteger order = s.modulus();
        for (int n : new int[] {1, 2, 7, 64, 300}) {
            long[] bases = randomPoints(c, rng, n);
            long[] scalars = new long[4 * n];
            for (int i = 0; i < n; i++) {
                s.random(rng, scalars, 4 * i);
            }
            if (n >= 7) {
                // Edge scalars: 0, 1, n − 1 (every window at its largest digit), 2^254 (top window only),
                // a window of exactly 2^(c−1); a repeated base, a base with its negation, the identity.
                System.arraycopy(s.fromBigInteger(BigInteger.ZERO), 0, scalars, 0, 4);
                System.arraycopy(s.fromBigInteger(BigInteger.ONE), 0, scalars, 4, 4);
                System.arraycopy(s.fromBigInteger(order.subtract(BigInteger.ONE)), 0, scalars, 8, 4);
                System.arraycopy(s.fromBigInteger(BigInteger.ONE.shiftLeft(254)), 0, scalars, 12, 4);
                System.arraycopy(s.fromBigInteger(BigInteger.ONE.shiftLeft(3)), 0, scalars, 16, 4);
                System.arraycopy(bases, 0, bases, 8, 8);
                System.arraycopy(bases, 16, bases, 24, 8);
                c.baseField().neg(bases, 28, bases, 28);
                java.util.Arrays.fill(bases, 48, 56, 0L);
            }
            long[] expect = ReferenceMsm.msm(c, bases, 0, scalars, 0, n);
            for (int window : new int[] {0, 4, 5, 7, 9, 13}) {
                long[] got = msmEmulated(c, bases, scalars, n, window, new int[1]);
                assertTrue(c.equalProjective(got, 0, expect, 0), curve + " n = " + n + ", window " + window);
                // And at a first-level budget of one thread: chunks of MSM_CHUNK entries, which at the wide windows
                // hold many runs with empty buckets between them (pippenger.cuh's bucket_from).
                got = msmEmulated(c, bases, scalars, n, window, 1, new int[2]);
                assertTrue(c.equalProjective(got, 0, expect, 0), curve + " n = " + n + ", window " + window
                        + ", chunks of " + DevicePippenger.MSM_CHUNK);
            }
        }
    }

    /** A window wider than the default cap of 16 (-Dvampvm.cuda.msmWindowMax): 16 windows of 2^16 buckets. */
    @Test
    void aWindowWiderThanSixteenBitsMatchesTheReferenceMsm() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.PALLAS;
        MontgomeryField s = c.scalarField();
        SplittableRandom rng = Seeds.rng("KernelAlgorithmsTest.wideWindow");
        int n = 40;
        long[] bases = randomPoints(c, rng, n);
        long[] scalars = new long[4 * n];
        for (int i = 0; i < n; i++) {
            s.random(rng, scalars, 4 * i);
        }
        // Digits at both ends of a 17-bit window: 2^16 (the largest) and 2^16 + 1 (a carry into the next window).
        System.arraycopy(s.fromBigInteger(BigInteger.ONE.shiftLeft(16)), 0, scalars, 0, 4);
        System.arraycopy(s.fromBigInteger(BigInteger.ONE.shiftLeft(16).add(BigInteger.ONE)), 0, scalars, 4, 4);
        System.arraycopy(s.fromBigInteger(s.modulus().subtract(BigInteger.ONE)), 0, scalars, 8, 4);
        assertTrue(c.equalProjective(msmEmulated(c, bases, scalars, n, 17, new int[1]), 0,
                ReferenceMsm.msm(c, bases, 0, scalars, 0, n), 0));
    }

    /** The serial mirror of DevicePippenger.msm at the engine's first-level thread budget. */
    private static long[] msmEmulated(ShortWeierstrassCurve c, long[] bases, long[] scalars, int n, int window,
            int[] maxAdded) {
        return msmEmulated(c, bases, scalars, n, window, DevicePippenger.MSM_FIRST_THREADS, maxAdded);
    }

    /**
     * The serial mirror of DevicePippenger.msm; maxAdded[0] gets the most points one thread of stage 4's first level
     * added, maxAdded[1] the most of its later levels.
     */
    private static long[] msmEmulated(ShortWeierstrassCurve c, long[] bases, long[] scalars, int n, int window,
            int firstThreads, int[] maxAdded) {
        long[] got = new long[12];
        int[] added = new int[2];
        if (c == ShortWeierstrassCurve.PALLAS) {
            lib.vv_pallas_msm_emulated(got, bases, scalars, n, window, firstThreads, added);
        } else {
            lib.vv_vesta_msm_emulated(got, bases, scalars, n, window, firstThreads, added);
        }
        System.arraycopy(added, 0, maxAdded, 0, maxAdded.length);
        return got;
    }

    /**
     * Skewed scalars and special bases (MsmCase) at sizes on either side of the chunk boundaries of stage 4's
     * reduction, against the Java engine's MSM: at a thread budget of 1, so that the first level takes MSM_CHUNK = 32
     * entries a thread (with all scalars 1 there are n entries: 32 fill one chunk, 33 make two and a second level,
     * 1,025 three levels), and at the engine's, where these sizes take one entry a thread and leave every sum to the
     * later levels' trees.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void bucketAccumulationHandlesSkewedScalarsAndSpecialBases(String curve, TestInfo info) {
        ShortWeierstrassCurve c = curve.equals("Pallas") ? ShortWeierstrassCurve.PALLAS : ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("KernelAlgorithmsTest." + info.getDisplayName());
        for (int firstThreads : new int[] {1, DevicePippenger.MSM_FIRST_THREADS}) {
            for (MsmCase k : MsmCase.values()) {
                for (int n : new int[] {1, 32, 33, 1025}) {
                    MsmCase.Inputs in = k.inputs(c, n, rng);
                    long[] expect = Msm.msm(c, in.bases(), 0, in.scalars(), 0, n);
                    long[] got = msmEmulated(c, in.bases(), in.scalars(), n, 0, firstThreads, new int[2]);
                    assertTrue(c.equalProjective(got, 0, expect, 0), curve + " " + k + ", n = " + n + ", first-level"
                            + " budget " + firstThreads);
                }
            }
        }
    }

    /**
     * The balance itself: with every scalar equal (each window's 4,096 entries in one bucket) or every scalar 1 (all
     * of them in one bucket of window 0), no thread of stage 4's first level adds more than its chunk, where one
     * thread per bucket added 4,096; full chunks exist, so the most is exactly the chunk (the kernels' first_chunk and
     * CudaBackend's agree): MSM_CHUNK at a budget of 1 thread, fewer entries a thread as the budget grows. No thread
     * of a later level adds more than MSM_CHUNK + log2(PARTIALS_BLOCK) partial sums.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ALL_EQUAL", "ALL_ONE", "RANDOM"})
    void noThreadOfTheBucketAccumulationAddsMoreThanOneChunk(String which, TestInfo info) {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("KernelAlgorithmsTest." + info.getDisplayName());
        int n = 4096;
        int window = DevicePippenger.chooseWindow(n);
        long maxEntries = (long) (256 + window - 1) / window * n; // every digit of every window non-zero
        MsmCase.Inputs in = MsmCase.valueOf(which).inputs(c, n, rng);
        long[] expect = Msm.msm(c, in.bases(), 0, in.scalars(), 0, n);
        for (int[] budgetAndChunk : new int[][] {{1, 32}, {(int) (maxEntries / 8), 8}, {(int) maxEntries, 1}}) {
            assertEquals(budgetAndChunk[1], DevicePippenger.firstChunk(maxEntries, budgetAndChunk[0]));
            int[] maxAdded = new int[2];
            long[] got = msmEmulated(c, in.bases(), in.scalars(), n, 0, budgetAndChunk[0], maxAdded);
            assertTrue(c.equalProjective(got, 0, expect, 0), which);
            assertEquals(budgetAndChunk[1], maxAdded[0], which + ": the most points one thread of the first level added");
            assertTrue(maxAdded[1] <= DevicePippenger.MSM_CHUNK + 7,
                    which + ": a later level's thread added " + maxAdded[1]);
        }
    }

    /**
     * The bucket accumulation's later levels with more than one partial sum a thread (pippenger.cuh's
     * partials_per_thread): over PARTIALS_THREADS threads' worth of slots (here ~90,000 at 2^16 points, 2 a thread),
     * then 640 slots in one last block (8 a thread). Right, and no thread adds more than MSM_CHUNK points, skewed or
     * not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ALL_EQUAL", "RANDOM"})
    void laterLevelsWithSeveralPartialSumsAThread(String which, TestInfo info) {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.PALLAS;
        SplittableRandom rng = Seeds.rng("KernelAlgorithmsTest." + info.getDisplayName());
        int n = 1 << 16;
        int entries = 20 * n; // ceil(256 / 13) windows, every digit non-zero at worst
        assertTrue(DevicePippenger.partialsPerThread(2 * (entries / DevicePippenger.MSM_CHUNK),
                DevicePippenger.MSM_PARTIALS_THREADS) > 1);
        MsmCase.Inputs in = MsmCase.valueOf(which).inputs(c, n, rng);
        int[] maxAdded = new int[2];
        long[] got = msmEmulated(c, in.bases(), in.scalars(), n, 0, 1, maxAdded);
        assertTrue(c.equalProjective(got, 0, Msm.msm(c, in.bases(), 0, in.scalars(), 0, n), 0), which);
        assertEquals(DevicePippenger.MSM_CHUNK, maxAdded[0], which + ": the most points one thread added");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fp", "Fq"})
    void nttScheduleMatchesTheDomain(String field, TestInfo info) {
        MontgomeryField f = field.equals("Fp") ? Fp.FIELD : Fq.FIELD;
        SplittableRandom rng = Seeds.rng("KernelAlgorithmsTest." + info.getDisplayName());
        // Every size to two passes past the shared-memory tile (2^10), each with the steps the GPU takes there (one
        // butterfly a thread below CudaBackend.NTT_RADIX4_FROM_LOG) and with radix-4 steps (from 2^1 on: 2^2 is one
        // radix-4 unit, odd passes end in a radix-2 step of two butterflies a thread).
        for (int k = 1; k <= 12; k++) {
            EvaluationDomain d = EvaluationDomain.of(f, k);
            long[] consts = new long[16];
            System.arraycopy(d.omega(), 0, consts, 0, 4);
            System.arraycopy(d.sizeInverse(), 0, consts, 4, 4);
            System.arraycopy(d.cosetGenerator(), 0, consts, 8, 4);
            System.arraycopy(d.cosetGeneratorInverse(), 0, consts, 12, 4);
            long[] a = new long[4 * d.size()];
            for (int i = 0; i < d.size(); i++) {
                f.random(rng, a, 4 * i);
            }
            for (int mode = 0; mode < 4; mode++) {
                long[] expect = a.clone();
                switch (mode) {
                    case 0 -> d.ntt(expect, 1);
                    case 1 -> d.intt(expect, 1);
                    case 2 -> d.cosetNtt(expect, 1);
                    default -> d.cosetIntt(expect, 1);
                }
                for (int radix4FromLog : new int[] {CudaBackend.NTT_RADIX4_FROM_LOG, 0}) {
                    long[] got = a.clone();
                    if (field.equals("Fp")) {
                        lib.vv_fp_ntt_emulated(got, k, consts, mode, radix4FromLog);
                    } else {
                        lib.vv_fq_ntt_emulated(got, k, consts, mode, radix4FromLog);
                    }
                    assertArrayEquals(expect, got, field + " k = " + k + " mode " + mode + " radix-4 from 2^" + radix4FromLog);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pallas", "Vesta"})
    void generatorFoldingMatchesPerPointArithmetic(String curve, TestInfo info) {
        ShortWeierstrassCurve c = curve.equals("Pallas") ? ShortWeierstrassCurve.PALLAS : ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("KernelAlgorithmsTest." + info.getDisplayName());
        PointArithmetic ops = c.arithmetic();
        long[] lo = randomPoints(c, rng, 8);
        long[] hi = randomPoints(c, rng, 8);
        java.util.Arrays.fill(lo, 0, 8, 0L);   // lo identity
        java.util.Arrays.fill(hi, 8, 16, 0L);  // hi identity
        System.arraycopy(lo, 16, hi, 16, 8);   // lo = hi, u = −1 below gives the identity
        // u: random, then −1, 0, 1, λ and −λ (GLV halves with one of them zero, and both signs).
        BigInteger order = c.scalarField().modulus();
        BigInteger lambda = dev.vampvm.curve.Glv.of(c).lambda();
        BigInteger[] special = {null, null, order.subtract(BigInteger.ONE), BigInteger.ZERO, BigInteger.ONE, lambda,
            order.subtract(lambda), null};
        for (int i = 0; i < 8; i++) {
            long[] u = new long[4];
            if (special[i] != null) {
                u = limbs(special[i]);
            } else {
                c.scalarField().random(rng, u, 0);
                c.scalarField().toCanonical(u, 0, u, 0);
            }
            long[] got = new long[8];
            long[] l = java.util.Arrays.copyOfRange(lo, 8 * i, 8 * i + 8);
            long[] h = java.util.Arrays.copyOfRange(hi, 8 * i, 8 * i + 8);
            long[] uMontgomery = new long[4];
            c.scalarField().fromCanonical(u, 0, uMontgomery, 0);
            DeviceGeneratorFolding.FoldScalar k = DeviceGeneratorFolding.FoldScalar.of(c, uMontgomery);
            if (curve.equals("Pallas")) {
                lib.vv_pallas_fold(got, l, h, k.digits(), k.length(), k.zeta());
            } else {
                lib.vv_vesta_fold(got, l, h, k.digits(), k.length(), k.zeta());
            }
            long[] p = new long[12];
            long[] q = new long[12];
            c.affineToProjective(h, 0, q, 0);
            ops.mulDoubleAndAdd(q, 0, u, q, 0);
            c.affineToProjective(l, 0, p, 0);
            ops.add(p, 0, q, 0, p, 0);
            long[] expect = new long[8];
            c.projectiveToAffine(p, 0, expect, 0);
            assertArrayEquals(expect, got, curve + " fold " + i);
        }
    }

    private static long[] limbs(BigInteger v) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = v.shiftRight(64 * i).longValue();
        }
        return out;
    }
}
