package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        return CudaBackend.openEmulated(order);
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
     * all four modes on both fields, the blocks' threads in the seeded order.
     */
    @Test
    void radix4StepsMatchTheJavaEngineAtEverySize() {
        CudaBackend cuda = openEngine();
        cuda.nttRadix4FromLog = 0;
        try (cuda; dev.vampvm.backend.JavaBackend reference = new dev.vampvm.backend.JavaBackend()) {
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.radix4");
            for (MontgomeryField f : new MontgomeryField[] {Fp.FIELD, Fq.FIELD}) {
                for (int k = 1; k <= 12; k++) {
                    EvaluationDomain d = EvaluationDomain.of(f, k);
                    long[] a = new long[4 * d.size()];
                    for (int i = 0; i < d.size(); i++) {
                        f.random(rng, a, 4 * i);
                    }
                    CudaAgainstJavaSuite.assertTransformsAgree(cuda, reference, d, a);
                }
            }
        }
    }

    /**
     * The bucket accumulation's first level at every chunk (CudaBackend.firstChunk): the suite runs the engine's
     * budget, where the emulator's sizes take one entry a thread; here lowered so that the same MSMs take 32 (every
     * {@link MsmCase}, all scalars 1 crossing the chunk and level boundaries at 33 and 1,025 points) and 4 (random
     * scalars, 2^11 points: 32 windows of 8 bits).
     */
    @Test
    void everyFirstLevelChunkMatchesTheJavaEngine() {
        CudaBackend cuda = openEngine();
        try (cuda; dev.vampvm.backend.JavaBackend reference = new dev.vampvm.backend.JavaBackend()) {
            SplittableRandom rng = Seeds.rng("EmulatedCudaAgainstJavaTest.firstChunk");
            for (ShortWeierstrassCurve c : new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS,
                ShortWeierstrassCurve.VESTA}) {
                cuda.msmFirstThreads = 1;
                for (MsmCase k : MsmCase.values()) {
                    for (int n : new int[] {33, 1025}) {
                        assertMsmAgrees(cuda, reference, c, k.inputs(c, n, rng), n, k + " at a chunk of 32");
                    }
                }
                int n = 1 << 11;
                long maxEntries = 32L * n;
                cuda.msmFirstThreads = (int) (maxEntries / 4);
                assertEquals(4, CudaBackend.firstChunk(maxEntries, cuda.msmFirstThreads));
                assertMsmAgrees(cuda, reference, c, MsmCase.RANDOM.inputs(c, n, rng), n, "a chunk of 4");
            }
        }
    }

    private static void assertMsmAgrees(CudaBackend cuda, dev.vampvm.backend.JavaBackend reference,
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
        try (cuda; dev.vampvm.backend.JavaBackend reference = new dev.vampvm.backend.JavaBackend()) {
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
