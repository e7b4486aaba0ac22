package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.PointVector;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.testing.Emulator;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CudaAgainstJavaSuite} on the emulated engine ({@link CudaBackend#openEmulated()}): the real kernels
 * on the CPU, at sizes that keep CI fast yet still reach every code path: NTTs to 2^12 (one pass of up to 10
 * stages, then two: 2^11 as 6 + 5, 2^12 as 6 + 6; and a pass of a single butterfly), also in radix-4 steps, one NTT
 * of 2^21 (three passes of 7, in the radix-4 steps the GPU takes from 2^19 on), MSMs to 2^11 points (windows of 8
 * bits, segments, edge scalars and bases), element-wise vectors over 20 reduction blocks; blocks and threads in a
 * seeded order. Skipped when libvampvm_native.so was not built.
 */
class EmulatedCudaAgainstJavaTest extends CudaAgainstJavaSuite {

    @Override
    protected CudaBackend openEngine() {
        Emulator.assumeAvailable();
        // Blocks and threads in a seeded order (a GPU promises none): rerun with the logged seed to reproduce.
        long order = Seeds.rng(getClass().getSimpleName() + ".schedule").nextLong() | 2;
        return CudaBackend.emulated(watch(EmulatedDevice.open(order)));
    }

    @Override
    protected int[] nttLogSizes() {
        return new int[] {1, 2, 9, 10, 11, 12};
    }

    @Override
    protected int[] msmSizes() {
        return new int[] {1, 3, 6, 100, 1 << 11};
    }

    /** All scalars 1: one chunk of stage 4, two (a second level), three levels; other cases have ~nw times the entries. */
    @Override
    protected int[] skewedMsmSizes() {
        return new int[] {1, 33, 1025};
    }

    @Override
    protected int elementWiseSize() {
        return 5_003;
    }

    /**
     * The radix-4 steps the GPU takes from 2^{@value CudaBackend#NTT_RADIX4_FROM_LOG} on, at every size from 2^1 (the
     * threshold lowered): 2^2 as one radix-4 unit, odd passes (2^11 = 6 + 5) ending in two butterflies a thread, in
     * all four modes on both fields, the blocks' threads in the seeded order; with the butterflies in the integer
     * product's form and in fp52n's ({@code -Dvampvm.cuda.fp52=ntt}); random elements, and every element p - 1.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void radix4StepsMatchTheJavaEngineAtEverySize(boolean fp52) {
        CudaBackend cuda = openEngine();
        cuda.nttRadix4FromLog = 0;
        cuda.nttFp52 = fp52;
        try (cuda; JavaBackend reference = new JavaBackend()) {
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.radix4" + (fp52 ? ".fp52" : ""));
            for (MontgomeryField f : new MontgomeryField[] {Fp.FIELD, Fq.FIELD}) {
                for (int k = 1; k <= 12; k++) {
                    EvaluationDomain d = EvaluationDomain.of(f, k);
                    long[] a = new long[4 * d.size()];
                    for (int i = 0; i < d.size(); i++) {
                        f.random(rng, a, 4 * i);
                    }
                    CudaAgainstJavaSuite.assertTransformsAgree(cuda, reference, d, a);
                    // Every element p - 1, the largest: the fp52n butterflies' lazy values nearest their 4p bound.
                    long[] top = f.fromBigInteger(f.modulus().subtract(java.math.BigInteger.ONE));
                    for (int i = 0; i < d.size(); i++) {
                        System.arraycopy(top, 0, a, 4 * i, 4);
                    }
                    CudaAgainstJavaSuite.assertTransformsAgree(cuda, reference, d, a);
                }
            }
        }
    }

    /**
     * The bucket accumulation's first level at every chunk (DevicePippenger.firstChunk): the suite runs the engine's
     * budget, where the emulator's sizes take one entry a thread; here lowered so that the same MSMs take 32 (every
     * {@link MsmCase}, all scalars 1 crossing the chunk and level boundaries at 33 and 1,025 points) and 4 (random
     * scalars, 2^11 points: 32 windows of 8 bits).
     */
    @Test
    void everyFirstLevelChunkMatchesTheJavaEngine() {
        CudaBackend cuda = openEngine();
        try (cuda; JavaBackend reference = new JavaBackend()) {
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.firstChunk");
            for (ShortWeierstrassCurve c : new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS,
                ShortWeierstrassCurve.VESTA}) {
                cuda.pippenger.msmFirstThreads = 1;
                for (MsmCase k : MsmCase.values()) {
                    for (int n : new int[] {33, 1025}) {
                        assertMsmAgrees(cuda, reference, c, k.inputs(c, n, rng), n, k + " at a chunk of 32");
                    }
                }
                int n = 1 << 11;
                long maxEntries = 32L * n;
                cuda.pippenger.msmFirstThreads = (int) (maxEntries / 4);
                assertEquals(4, DevicePippenger.firstChunk(maxEntries, cuda.pippenger.msmFirstThreads));
                assertMsmAgrees(cuda, reference, c, MsmCase.RANDOM.inputs(c, n, rng), n, "a chunk of 4");
            }
        }
    }

    /**
     * The bucket sums' later levels with many slots a thread (DevicePippenger.partialsPerThread): the engine's budget
     * of busy threads, which the emulator's sizes never reach, lowered so that 1,025 points at chunks of 32 (~2,400
     * slots) take one block of 32 slots a thread (a budget of 16) or two blocks of 16 and a last level (256); every
     * {@link MsmCase}.
     */
    @Test
    void laterLevelsWithManySlotsAThreadMatchTheJavaEngine() {
        CudaBackend cuda = openEngine();
        try (cuda; JavaBackend reference = new JavaBackend()) {
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.partials");
            ShortWeierstrassCurve c = ShortWeierstrassCurve.PALLAS;
            cuda.pippenger.msmFirstThreads = 1;
            for (int busy : new int[] {16, 256}) {
                cuda.pippenger.msmPartialsThreads = busy;
                for (MsmCase k : MsmCase.values()) {
                    assertMsmAgrees(cuda, reference, c, k.inputs(c, 1025, rng), 1025, k + " at " + busy + " threads");
                }
            }
        }
    }

    /**
     * The batch inversion at its larger chunks (CudaBackend.invertChunk: 32 and 64 elements a thread from about 2^20
     * elements on), the thread budget lowered so that the emulator's sizes take them: sizes around the chunk
     * boundaries, zeros where chunks start and end and a chunk of zeros only, which must stay zero and not spoil their
     * chunk.
     */
    @Test
    void batchInversionAtEveryChunkMatchesTheJavaEngine() {
        CudaBackend cuda = openEngine();
        try (cuda; JavaBackend reference = new JavaBackend()) {
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.invertChunk");
            MontgomeryField f = Fp.FIELD;
            for (int chunk : new int[] {32, 64}) {
                for (int n : new int[] {63, 64, 65, 200, 1000}) {
                    cuda.invertThreads = (n + chunk - 1) / chunk;
                    assertEquals(chunk, CudaBackend.invertChunk(n, cuda.invertThreads), "n = " + n);
                    long[] a = random(f, rng, n);
                    for (int i = 0; i < n; i++) {
                        if (i == 0 || i % 32 == 31 || i % 32 == 0 || (i >= 128 && i < 192)) {
                            f.setZero(a, 4 * i);
                        }
                    }
                    try (ScalarVector g = cuda.upload(f, a, 0, n); ScalarVector j = reference.upload(f, a, 0, n)) {
                        cuda.batchInvert(g);
                        reference.batchInvert(j);
                        assertArrayEquals(reference.download(j), cuda.download(g), "chunk " + chunk + ", n = " + n);
                    }
                }
            }
        }
    }

    /**
     * The twiddle table against the field's powers of omega, read in Java's own words: stage s's twiddle
     * omega_{2^(s+1)}^J, J = (j << s0) | low (s0 the first stage of s's pass), at position 2^s + (low << (s - s0)) + j.
     * One pass (to 2^10, where the layout is stage by stage in J's order), two (2^11 = 6 + 5, 2^15 = 8 + 7), three
     * (2^21 = 7 + 7 + 7); both fields to 2^12.
     */
    @Test
    void theTwiddleTableHoldsEachStagesPowersOfOmegaWhereThePassesReadThem() {
        try (CudaBackend cuda = openEngine()) {
            for (MontgomeryField f : new MontgomeryField[] {Fp.FIELD, Fq.FIELD}) {
                for (int k = 1; k <= 21; k++) {
                    if (k > 12 && (f != Fp.FIELD || (k != 15 && k != 21))) {
                        continue;
                    }
                    EvaluationDomain d = EvaluationDomain.of(f, k);
                    int half = d.size() / 2;
                    long[] powers = new long[4 * half]; // omega^e, e < n/2
                    System.arraycopy(f.one(), 0, powers, 0, 4);
                    for (int e = 1; e < half; e++) {
                        f.mul(powers, 4 * (e - 1), d.omega(), 0, powers, 4 * e);
                    }
                    long[] got = cuda.twiddleTable(d);
                    int[] passes = CudaBackend.nttPasses(k);
                    for (int p = 0, s0 = 0; p < passes.length; s0 += passes[p], p++) {
                        for (int s = s0; s < s0 + passes[p]; s++) {
                            int u = s - s0;
                            for (int low = 0; low < 1 << s0; low++) {
                                for (int j = 0; j < 1 << u; j++) {
                                    int e = ((j << s0) | low) << (k - 1 - s);
                                    int at = (1 << s) + (low << u) + j;
                                    assertArrayEquals(java.util.Arrays.copyOfRange(powers, 4 * e, 4 * e + 4),
                                            java.util.Arrays.copyOfRange(got, 4 * at, 4 * at + 4),
                                            f.name() + " k = " + k + ": stage " + s + " position " + at);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A fold the engine keeps on the host (DeviceGeneratorFolding.foldOnHost, point by point whatever the size) once
     * its threshold is raised, as it is on a many-core host: 300 points, where the Java engine folds in lock step, and
     * 40, point by point both ways; the same points either way, and the folding kernel's at 300.
     */
    @Test
    void foldsOnTheHostMatchTheJavaEngineAndTheKernel() {
        CudaBackend cuda = openEngine();
        try (cuda; JavaBackend reference = new JavaBackend()) {
            ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.hostFold");
            for (int m : new int[] {300, 40}) {
                long[] lo = c.randomAffinePoints(m, rng);
                long[] hi = c.randomAffinePoints(m, rng);
                long[] u = new long[4];
                c.scalarField().random(rng, u, 0);
                long[] expect = fold(reference, c, lo, hi, u, m);
                cuda.folds.hostFoldBelow = 1000;
                assertArrayEquals(expect, fold(cuda, c, lo, hi, u, m), m + " points on the host");
                cuda.folds.hostFoldBelow = dev.vampvm.msm.GeneratorFolding.POINTWISE_BELOW;
                assertArrayEquals(expect, fold(cuda, c, lo, hi, u, m), m + " points, the kernel from 48 on");
            }
        }
    }

    private static long[] fold(dev.vampvm.backend.Backend b, ShortWeierstrassCurve c, long[] lo, long[] hi, long[] u,
            int m) {
        try (PointVector vl = b.uploadPoints(c, lo, 0, m); PointVector vh = b.uploadPoints(c, hi, 0, m);
                PointVector out = b.allocatePoints(c, m)) {
            b.foldGenerators(vl, vh, u, out);
            long[] got = new long[ShortWeierstrassCurve.AFFINE_LONGS * m];
            b.downloadPoints(out, got, 0);
            return got;
        }
    }

    private static void assertMsmAgrees(CudaBackend cuda, JavaBackend reference,
            ShortWeierstrassCurve c, MsmCase.Inputs in, int n, String what) {
        try (PointVector gb = cuda.uploadPoints(c, in.bases(), 0, n);
                ScalarVector gs = cuda.upload(c.scalarField(), in.scalars(), 0, n);
                PointVector jb = reference.uploadPoints(c, in.bases(), 0, n);
                ScalarVector js = reference.upload(c.scalarField(), in.scalars(), 0, n)) {
            assertTrue(c.equalProjective(cuda.msm(gb, gs), 0, reference.msm(jb, js), 0), c.name() + " " + what
                    + ", n = " + n);
        }
    }

    /**
     * Three passes (2^21 = 7 + 7 + 7 stages, each three radix-4 steps and one of a stage): the middle pass's groups
     * are strided both below and above.
     */
    @Test
    void anNttOfThreePassesMatchesTheJavaEngine() {
        CudaBackend cuda = openEngine();
        try (cuda; JavaBackend reference = new JavaBackend()) {
            EvaluationDomain d = EvaluationDomain.of(Fp.FIELD, 21);
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.threePasses");
            long[] a = new long[4 * d.size()];
            for (int i = 0; i < d.size(); i++) {
                Fp.FIELD.random(rng, a, 4 * i);
            }
            try (ScalarVector g = cuda.upload(Fp.FIELD, a, 0, d.size());
                    ScalarVector j = reference.upload(Fp.FIELD, a, 0, d.size())) {
                cuda.cosetNtt(d, g);
                reference.cosetNtt(d, j);
                assertArrayEquals(reference.download(j), cuda.download(g), "coset NTT of 2^21");
            }
        }
    }
}
