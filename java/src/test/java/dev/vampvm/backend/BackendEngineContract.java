package dev.vampvm.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.msm.ReferenceMsm;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * An engine's heavy operations reached through the {@link Backend} interface, against the references: the
 * domain's own transforms, the naive MSM, and per-point folding. Every engine runs it: {@code JavaBackendEngineTest}
 * and the GPU-tagged {@code CudaBackendEngineTest}.
 */
public abstract class BackendEngineContract {

    /** A fresh engine for one test (closed after it). */
    protected abstract Backend newBackend();

    private static final ShortWeierstrassCurve VESTA = ShortWeierstrassCurve.VESTA;
    private static final MontgomeryField F = Fp.FIELD;

    private Backend backend;
    private SplittableRandom rng;

    @BeforeEach
    void setUp(TestInfo info) {
        backend = newBackend();
        rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
    }

    @AfterEach
    void tearDown() {
        if (backend != null) { // null when newBackend() skipped the test (no GPU)
            backend.close();
        }
    }

    private long[] randomScalars(int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(rng, v, 4 * i);
        }
        return v;
    }

    private long[] randomPoints(int n) {
        PointArithmetic ops = VESTA.arithmetic();
        long[] proj = new long[12 * n];
        long[] g = new long[12];
        VESTA.affineToProjective(VESTA.generatorAffine(), 0, g, 0);
        for (int i = 0; i < n; i++) {
            ops.mul(g, 0, new long[] {rng.nextLong(), rng.nextLong(), 0, 0}, 0, proj, 12 * i);
        }
        long[] affine = new long[8 * n];
        VESTA.batchProjectiveToAffine(proj, 0, n, affine, 0);
        return affine;
    }

    @Test
    void transformsMatchTheDomainAndRoundTrip() {
        for (int k : new int[] {1, 4, 10}) {
            EvaluationDomain d = EvaluationDomain.of(F, k);
            int n = d.size();
            long[] coeffs = randomScalars(n);
            long[] expect = coeffs.clone();
            d.ntt(expect);
            // A slice of a larger vector exercises the copy-out path.
            try (ScalarVector big = backend.allocate(F, n + 3)) {
                ScalarVector v = big.slice(3, n + 3);
                backend.copy(backend.upload(F, coeffs, 0, n), v);
                backend.ntt(d, v);
                assertArrayEquals(expect, backend.download(v), "ntt k=" + k);
                backend.intt(d, v);
                assertArrayEquals(coeffs, backend.download(v), "intt k=" + k);
                backend.cosetNtt(d, v);
                long[] cosetExpect = coeffs.clone();
                d.cosetNtt(cosetExpect);
                assertArrayEquals(cosetExpect, backend.download(v), "coset ntt k=" + k);
                backend.cosetIntt(d, v);
                assertArrayEquals(coeffs, backend.download(v), "coset intt k=" + k);
            }
        }
        EvaluationDomain d = EvaluationDomain.of(F, 3);
        assertThrows(IllegalArgumentException.class, () -> backend.ntt(d, backend.allocate(F, 4)));
        assertThrows(IllegalArgumentException.class, () -> backend.ntt(d, backend.allocate(Fq.FIELD, 8)));
    }

    @Test
    void msmMatchesTheReference() {
        for (int n : new int[] {0, 1, 2, 33, 512}) {
            long[] bases = randomPoints(n);
            long[] scalars = randomScalars(n);
            if (n > 2) {
                F.setZero(scalars, 0);               // a zero scalar
                System.arraycopy(bases, 0, bases, 8, 8); // a repeated base
            }
            try (PointVector b = backend.uploadPoints(VESTA, bases, 0, n);
                    ScalarVector s = backend.upload(F, scalars, 0, n)) {
                long[] got = backend.msm(b, s);
                long[] expect = ReferenceMsm.msm(VESTA, bases, 0, scalars, 0, n);
                assertTrue(VESTA.equalProjective(got, 0, expect, 0), "n = " + n);
            }
        }
        try (PointVector b = backend.uploadPoints(VESTA, randomPoints(2), 0, 2);
                ScalarVector s = backend.allocate(F, 3);
                ScalarVector wrongField = backend.allocate(Fq.FIELD, 2)) {
            assertThrows(IllegalArgumentException.class, () -> backend.msm(b, s), "more scalars than bases");
            assertThrows(IllegalArgumentException.class, () -> backend.msm(b, wrongField), "Fq scalars on Vesta");
        }
    }

    @Test
    void batchedMsmMatchesEachReference() {
        for (int n : new int[] {1, 33, 512}) {
            long[] bases = randomPoints(n);
            long[][] batch = {randomScalars(n), new long[4 * n], randomScalars(n), randomScalars(n)};
            for (int i = 0; i < n; i++) { // every scalar equal: all the digits in one bucket per window
                System.arraycopy(batch[3], 0, batch[3], 4 * i, 4);
            }
            List<ScalarVector> scalars = new ArrayList<>();
            try (PointVector b = backend.uploadPoints(VESTA, bases, 0, n)) {
                for (long[] s : batch) {
                    scalars.add(backend.upload(F, s, 0, n));
                }
                long[][] got = backend.msm(b, scalars);
                assertEquals(batch.length, got.length);
                for (int i = 0; i < batch.length; i++) {
                    long[] expect = ReferenceMsm.msm(VESTA, bases, 0, batch[i], 0, n);
                    assertTrue(VESTA.equalProjective(got[i], 0, expect, 0), "n = " + n + ", MSM " + i);
                }
                long[] one = backend.msm(b, List.of(scalars.get(2)))[0];
                assertTrue(VESTA.equalProjective(one, 0, backend.msm(b, scalars.get(2)), 0), "a batch of one");
            } finally {
                scalars.forEach(ScalarVector::close);
            }
        }
        try (PointVector b = backend.uploadPoints(VESTA, randomPoints(4), 0, 4);
                ScalarVector two = backend.allocate(F, 2);
                ScalarVector three = backend.allocate(F, 3);
                ScalarVector five = backend.allocate(F, 5);
                ScalarVector wrongField = backend.allocate(Fq.FIELD, 2)) {
            assertThrows(IllegalArgumentException.class, () -> backend.msm(b, List.of()), "an empty batch");
            assertThrows(IllegalArgumentException.class, () -> backend.msm(b, List.of(two, three)), "mixed sizes");
            assertThrows(IllegalArgumentException.class, () -> backend.msm(b, List.of(five)), "more scalars than bases");
            assertThrows(IllegalArgumentException.class, () -> backend.msm(b, List.of(two, wrongField)),
                    "Fq scalars on Vesta");
        }
    }

    @Test
    void generatorFoldingMatchesPerPointArithmetic() {
        // 67: chunks of 16 points and a partial one (the CUDA engine converts to affine by chunks); 41: under
        // GeneratorFolding.POINTWISE_BELOW, point by point (the CUDA engine folds those on the host).
        for (int m : new int[] {67, 41}) {
            generatorFoldingMatchesPerPointArithmetic(m);
        }
    }

    /**
     * Two IPA rounds' folds at once against the two folds one at a time on the same engine (the Java engine's own
     * lock step from 96 points on two threads, point by point below; the CUDA engine's fold2 kernel, or its parts where
     * they fit the GPU at once (CudaAgainstJavaSuite checks both ways), from its host-fold
     * line on, its two folds on the host below), in place too.
     */
    @Test
    void twoRoundFoldsAreTheRoundsOneAtATime() {
        // 30: on the CUDA engine the pair runs on the GPU (its first fold, into 60 points, is over the emulator's host
        // line of 48), where its second fold alone would run on the host.
        for (int m : new int[] {150, 30, 7}) {
            long[] g = randomPoints(4 * m);
            // Identities in each quarter (the output's own point and each term's), and two at one output point.
            for (int at : new int[] {m + 3, 5, 2 * m + 4, 3 * m + 6, 2 * m + 1, 3 * m + 1}) {
                java.util.Arrays.fill(g, 8 * at, 8 * (at + 1), 0L);
            }
            long[] u1 = randomScalars(1);
            long[] u2 = randomScalars(1);
            try (PointVector vg = backend.uploadPoints(VESTA, g, 0, 4 * m);
                    PointVector half = backend.allocatePoints(VESTA, 2 * m);
                    PointVector once = backend.allocatePoints(VESTA, m);
                    PointVector twice = backend.allocatePoints(VESTA, m)) {
                backend.foldGenerators(vg.slice(0, 2 * m), vg.slice(2 * m, 4 * m), u1, half);
                backend.foldGenerators(half.slice(0, m), half.slice(m, 2 * m), u2, once);
                backend.foldGeneratorsTwice(vg, u1, u2, twice);
                long[] expected = new long[8 * m];
                long[] got = new long[8 * m];
                backend.downloadPoints(once, expected, 0);
                backend.downloadPoints(twice, got, 0);
                assertArrayEquals(expected, got, "m = " + m);
                backend.foldGeneratorsTwice(vg, u1, u2, vg.slice(0, m));
                backend.downloadPoints(vg.slice(0, m), got, 0);
                assertArrayEquals(expected, got, "m = " + m + ", in place");
                assertThrows(IllegalArgumentException.class,
                        () -> backend.foldGeneratorsTwice(vg.slice(0, 4 * m - 4), u1, u2, twice), "4m − 4 into m");
            }
        }
    }

    private void generatorFoldingMatchesPerPointArithmetic(int m) {
        long[] lo = randomPoints(m);
        long[] hi = randomPoints(m);
        // Identities mid-chunk: both zero (the sum is the identity), and each side alone.
        java.util.Arrays.fill(lo, 8 * 5, 8 * 6, 0L);
        java.util.Arrays.fill(hi, 8 * 5, 8 * 6, 0L);
        java.util.Arrays.fill(lo, 8 * 20, 8 * 21, 0L);
        java.util.Arrays.fill(hi, 8 * 33, 8 * 34, 0L);
        long[] u = randomScalars(1);
        long[] uCanonical = new long[4];
        F.toCanonical(u, 0, uCanonical, 0);
        PointArithmetic ops = VESTA.arithmetic();
        try (PointVector vl = backend.uploadPoints(VESTA, lo, 0, m);
                PointVector vh = backend.uploadPoints(VESTA, hi, 0, m);
                PointVector out = backend.allocatePoints(VESTA, m)) {
            backend.foldGenerators(vl, vh, u, out);
            long[] got = new long[8 * m];
            backend.downloadPoints(out, got, 0);
            for (int i = 0; i < m; i++) {
                long[] p = new long[12];
                long[] q = new long[12];
                VESTA.affineToProjective(hi, 8 * i, q, 0);
                ops.mulDoubleAndAdd(q, 0, uCanonical, q, 0);
                VESTA.affineToProjective(lo, 8 * i, p, 0);
                ops.add(p, 0, q, 0, p, 0);
                long[] expect = new long[8];
                VESTA.projectiveToAffine(p, 0, expect, 0);
                assertArrayEquals(expect, java.util.Arrays.copyOfRange(got, 8 * i, 8 * i + 8), "point " + i);
            }
            // In place, as the IPA does from its second round on.
            backend.foldGenerators(vl, vh, u, vl);
            long[] inPlace = new long[8 * m];
            backend.downloadPoints(vl, inPlace, 0);
            assertArrayEquals(got, inPlace);
            assertThrows(IllegalArgumentException.class,
                    () -> backend.foldGenerators(vl.slice(0, 2), vh, u, vl.slice(0, 2)));
        }
    }
}
