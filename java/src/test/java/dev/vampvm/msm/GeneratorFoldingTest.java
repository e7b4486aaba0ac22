package dev.vampvm.msm;

import static dev.vampvm.msm.MsmTestData.AFF;
import static dev.vampvm.msm.MsmTestData.PROJ;
import static dev.vampvm.msm.MsmTestData.randomBases;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.curve.PointArithmetic;
import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Limbs;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generator folding against the per-point formula G_lo + [u]G_hi with the complete projective formulas. */
class GeneratorFoldingTest {

    static ShortWeierstrassCurve[] curves() {
        return MsmTestData.curves();
    }

    /** The naive fold, affine out. */
    static long[] naive(ShortWeierstrassCurve c, long[] lo, long[] hi, int m, BigInteger u) {
        PointArithmetic ops = c.arithmetic();
        long[] k = Limbs.fromBigInteger(u.mod(c.scalarField().modulus()));
        long[] out = new long[AFF * m];
        long[] p = new long[PROJ];
        long[] q = new long[PROJ];
        for (int i = 0; i < m; i++) {
            c.affineToProjective(hi, AFF * i, p, 0);
            ops.mulDoubleAndAdd(p, 0, k, p, 0);
            c.affineToProjective(lo, AFF * i, q, 0);
            ops.add(p, 0, q, 0, p, 0);
            c.projectiveToAffine(p, 0, out, AFF * i);
        }
        return out;
    }

    static long[] fold(ShortWeierstrassCurve c, long[] lo, long[] hi, int m, BigInteger u, Workers w) {
        long[] uM = c.scalarField().fromBigInteger(u);
        long[] out = new long[AFF * m];
        GeneratorFolding.fold(c, lo, 0, hi, 0, m, uM, 0, out, 0, w);
        return out;
    }

    @ParameterizedTest
    @MethodSource("curves")
    void randomAndSpecialChallenges(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("GeneratorFoldingTest.random." + c.name());
        BigInteger order = c.scalarField().modulus();
        int m = GeneratorFolding.BLOCK + 37;
        long[] lo = randomBases(c, m, rng);
        long[] hi = randomBases(c, m, rng);
        long[] uRandom = new long[4];
        c.scalarField().random(rng, uRandom, 0);
        BigInteger lambda = dev.vampvm.curve.Glv.of(c).lambda();
        List<BigInteger> us = List.of(c.scalarField().toBigInteger(uRandom, 0), BigInteger.ZERO, BigInteger.ONE,
                order.subtract(BigInteger.ONE), BigInteger.TWO, lambda, order.subtract(lambda),
                BigInteger.ONE.shiftLeft(254));
        for (BigInteger u : us) {
            // Every u through the lock step (60 points, all of them for a long u) and point by point.
            for (int mm : new int[] {u.bitLength() > 100 ? m : 60, GeneratorFolding.POINTWISE_BELOW - 1, 1}) {
                assertArrayEquals(naive(c, lo, hi, mm, u), fold(c, lo, hi, mm, u, Workers.single()),
                        "u = " + u.toString(16) + ", " + mm + " points");
            }
        }
    }

    /** Sizes that take the pointwise fold and the lock step. */
    static int[] degenerateSizes() {
        return new int[] {GeneratorFolding.POINTWISE_BELOW - 3, GeneratorFolding.POINTWISE_BELOW + 7};
    }

    @ParameterizedTest
    @MethodSource("degenerateSizes")
    void identitiesAndCancellationsOnPallas(int m) {
        identitiesAndCancellations(ShortWeierstrassCurve.PALLAS, m);
    }

    @ParameterizedTest
    @MethodSource("degenerateSizes")
    void identitiesAndCancellationsOnVesta(int m) {
        identitiesAndCancellations(ShortWeierstrassCurve.VESTA, m);
    }

    private static void identitiesAndCancellations(ShortWeierstrassCurve c, int m) {
        SplittableRandom rng = Seeds.rng("GeneratorFoldingTest.degenerate." + c.name() + "." + m);
        long[] lo = randomBases(c, m, rng);
        long[] hi = randomBases(c, m, rng);
        long[] uM = new long[4];
        c.scalarField().random(rng, uM, 0);
        BigInteger u = c.scalarField().toBigInteger(uM, 0);
        long[] uHi = naive(c, new long[AFF * m], hi, m, u);
        for (int i = 0; i < m; i += 5) {
            Arrays.fill(lo, AFF * i, AFF * i + AFF, 0L);                       // G_lo = O
            Arrays.fill(hi, AFF * (i + 1), AFF * (i + 1) + AFF, 0L);           // G_hi = O
            c.arithmetic().negAffine(uHi, AFF * (i + 2), lo, AFF * (i + 2));   // G_lo = −u·G_hi: result O
            System.arraycopy(uHi, AFF * (i + 3), lo, AFF * (i + 3), AFF);      // G_lo = u·G_hi: a doubling
            Arrays.fill(lo, AFF * (i + 4), AFF * (i + 4) + AFF, 0L);          // both O
            Arrays.fill(hi, AFF * (i + 4), AFF * (i + 4) + AFF, 0L);
        }
        long[] expected = naive(c, lo, hi, m, u);
        long[] actual = fold(c, lo, hi, m, u, Workers.single());
        assertArrayEquals(expected, actual);
        for (int i = 2; i < m; i += 5) {
            assertTrue(c.isIdentityAffine(actual, AFF * i));
        }
    }

    /**
     * A hand-made recoding whose chain meets P + P: binary digits of (r + 1)/2, then one more 1, i.e.
     * u = r + 2 = 2. After the doublings the accumulator is [1]G and the last digit adds T₀ = G again.
     */
    private static GeneratorFolding.Recoding exceptionalTwo(ShortWeierstrassCurve c) {
        BigInteger half = c.scalarField().modulus().add(BigInteger.ONE).shiftRight(1);
        int len = half.bitLength() + 1;
        int[] d1 = new int[len];
        for (int i = 0; i < half.bitLength(); i++) {
            d1[i + 1] = half.testBit(i) ? 1 : 0;
        }
        d1[0] = 1;
        return new GeneratorFolding.Recoding(d1, new int[len], len, Limbs.fromBigInteger(BigInteger.TWO));
    }

    /** Points whose chain meets P + P fall back to the projective path and still come out as G_lo + [2]G_hi. */
    @ParameterizedTest
    @MethodSource("curves")
    void exceptionalChainFallsBack(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("GeneratorFoldingTest.fallback." + c.name());
        GeneratorFolding.Recoding rec = exceptionalTwo(c);
        int m = 9;
        long[] lo = randomBases(c, m, rng);
        long[] hi = randomBases(c, m, rng);
        Arrays.fill(hi, AFF * 3, AFF * 4, 0L);
        long[] out = new long[AFF * m];
        GeneratorFolding.foldWith(c, lo, 0, new GeneratorFolding.Term[] {new GeneratorFolding.Term(hi, 0, rec)}, m, out,
                0, Workers.single());
        assertArrayEquals(naive(c, lo, hi, m, BigInteger.TWO), out);
    }

    @ParameterizedTest
    @MethodSource("curves")
    void threadsAndAliasing(ShortWeierstrassCurve c) {
        // The lock step over several blocks, over blocks cut to the workers' shares (200 points: one block on one
        // thread, blocks of 100 on 2, of 50 on 4), and the pointwise fold over several chunks.
        for (int m : new int[] {3 * GeneratorFolding.BLOCK + 5, 200, GeneratorFolding.POINTWISE_BELOW - 1}) {
            threadsAndAliasing(c, m);
        }
    }

    private static void threadsAndAliasing(ShortWeierstrassCurve c, int m) {
        SplittableRandom rng = Seeds.rng("GeneratorFoldingTest.threads." + c.name() + "." + m);
        long[] lo = randomBases(c, m, rng);
        long[] hi = randomBases(c, m, rng);
        long[] uM = new long[4];
        c.scalarField().random(rng, uM, 0);
        long[] one = new long[AFF * m];
        GeneratorFolding.fold(c, lo, 0, hi, 0, m, uM, 0, one, 0, 1);
        for (int threads : new int[] {2, 4}) {
            long[] out = new long[AFF * m];
            GeneratorFolding.fold(c, lo, 0, hi, 0, m, uM, 0, out, 0, threads);
            assertArrayEquals(one, out, threads + " threads");
        }
        // In place, as an IPA round does it: G = G_lo ‖ G_hi in one array, fold into the low half.
        long[] g = new long[AFF * 2 * m];
        System.arraycopy(lo, 0, g, 0, AFF * m);
        System.arraycopy(hi, 0, g, AFF * m, AFF * m);
        GeneratorFolding.fold(c, g, 0, g, AFF * m, m, uM, 0, g, 0);
        assertArrayEquals(one, Arrays.copyOf(g, AFF * m));
        // Into the high half.
        System.arraycopy(lo, 0, g, 0, AFF * m);
        System.arraycopy(hi, 0, g, AFF * m, AFF * m);
        GeneratorFolding.fold(c, g, 0, g, AFF * m, m, uM, 0, g, AFF * m);
        assertArrayEquals(one, Arrays.copyOfRange(g, AFF * m, 2 * AFF * m));
        // Point by point at any size (the CUDA engine's host folds): the lock step's points, also in place.
        long[] each = new long[AFF * m];
        GeneratorFolding.foldEachPoint(c, lo, 0, hi, 0, m, uM, 0, each, 0);
        assertArrayEquals(one, each, "point by point");
        System.arraycopy(lo, 0, g, 0, AFF * m);
        System.arraycopy(hi, 0, g, AFF * m, AFF * m);
        GeneratorFolding.foldEachPoint(c, g, 0, g, AFF * m, m, uM, 0, g, 0);
        assertArrayEquals(one, Arrays.copyOf(g, AFF * m), "point by point, in place");
        // Spot-check against the formula.
        int spot = Math.min(m, 50);
        long[] sample = naive(c, lo, hi, spot, c.scalarField().toBigInteger(uM, 0));
        assertArrayEquals(sample, Arrays.copyOf(one, AFF * spot));
    }

    /** Two rounds at once against the two rounds one at a time, on the lock step and point by point, in place too. */
    @ParameterizedTest
    @MethodSource("curves")
    void twoRoundsAtOnceAreTheTwoRounds(ShortWeierstrassCurve c) {
        for (int m : new int[] {2 * GeneratorFolding.BLOCK + 3, 200, GeneratorFolding.POINTWISE_BELOW - 1, 1}) {
            SplittableRandom rng = Seeds.rng("GeneratorFoldingTest.twice." + c.name() + "." + m);
            long[] g = randomBases(c, 4 * m, rng);
            // Identities among the points of every quarter, and a point repeated across quarters.
            Arrays.fill(g, AFF * (m / 2), AFF * (m / 2 + 1), 0L);
            Arrays.fill(g, AFF * (3 * m - 1), AFF * 3 * m, 0L);
            System.arraycopy(g, 0, g, AFF * 3 * m, AFF);
            MontgomeryField fr = c.scalarField();
            long[] u1 = new long[4];
            long[] u2 = new long[4];
            fr.random(rng, u1, 0);
            fr.random(rng, u2, 0);
            long[] expected = twoRounds(c, g, m, u1, u2);
            for (int threads : new int[] {1, 2}) {
                long[] out = new long[AFF * m];
                Workers w = threads == 1 ? Workers.single() : Workers.common();
                GeneratorFolding.foldTwice(c, g, 0, m, u1, 0, u2, 0, out, 0, w);
                assertArrayEquals(expected, out, "m = " + m + ", " + threads + " thread(s)");
            }
            long[] inPlace = g.clone();
            GeneratorFolding.foldTwice(c, inPlace, 0, m, u1, 0, u2, 0, inPlace, 0, Workers.common());
            assertArrayEquals(expected, Arrays.copyOf(inPlace, AFF * m), "m = " + m + ", in place");
            assertArrayEquals(Arrays.copyOfRange(g, AFF * m, AFF * 4 * m),
                    Arrays.copyOfRange(inPlace, AFF * m, AFF * 4 * m), "the other quarters are left as they were");
            // A zero challenge: the term drops out (u2 = 0 is G′_lo, u1 = 0 is g_lo + [u2]·g's second quarter).
            long[] zero = new long[4];
            long[] out = new long[AFF * m];
            GeneratorFolding.foldTwice(c, g, 0, m, u1, 0, zero, 0, out, 0, Workers.common());
            assertArrayEquals(twoRounds(c, g, m, u1, zero), out, "m = " + m + ", u2 = 0");
        }
    }

    /** G″ through G′: the two folds one at a time. */
    private static long[] twoRounds(ShortWeierstrassCurve c, long[] g, int m, long[] u1, long[] u2) {
        long[] first = new long[AFF * 2 * m];
        GeneratorFolding.fold(c, g, 0, g, AFF * 2 * m, 2 * m, u1, 0, first, 0, Workers.single());
        long[] second = new long[AFF * m];
        GeneratorFolding.fold(c, first, 0, first, AFF * m, m, u2, 0, second, 0, Workers.single());
        return second;
    }

    /**
     * Several terms, one of them the chain of {@link #exceptionalChainFallsBack}: the points it meets fall back to the
     * projective sum of every term.
     */
    @ParameterizedTest
    @MethodSource("curves")
    void exceptionalChainAmongSeveralTermsFallsBack(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("GeneratorFoldingTest.fallbackTerms." + c.name());
        GeneratorFolding.Recoding two = exceptionalTwo(c);
        int m = 9;
        long[] lo = randomBases(c, m, rng);
        long[] a = randomBases(c, m, rng);
        long[] b = randomBases(c, m, rng);
        long[] uM = new long[4];
        c.scalarField().random(rng, uM, 0);
        GeneratorFolding.Term[] terms = {
            new GeneratorFolding.Term(a, 0, GeneratorFolding.Recoding.of(c, uM, 0)),
            new GeneratorFolding.Term(b, 0, two),
        };
        long[] out = new long[AFF * m];
        GeneratorFolding.foldWith(c, lo, 0, terms, m, out, 0, Workers.single());
        long[] withA = naive(c, lo, a, m, c.scalarField().toBigInteger(uM, 0));
        assertArrayEquals(naive(c, withA, b, m, BigInteger.TWO), out);
    }

    @Test
    void refusesBadInput() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        MontgomeryField fr = c.scalarField();
        long[] lo = new long[AFF * 4];
        long[] hi = new long[AFF * 4];
        long[] out = new long[AFF * 4];
        long[] u = fr.one();
        long[] bigU = Limbs.fromBigInteger(fr.modulus());
        List<Runnable> bad = List.of(
                () -> GeneratorFolding.fold(c, lo, 0, hi, 0, 5, u, 0, out, 0),
                () -> GeneratorFolding.fold(c, lo, 0, hi, 0, -1, u, 0, out, 0),
                () -> GeneratorFolding.fold(c, lo, 0, hi, 8, 4, u, 0, out, 0),
                () -> GeneratorFolding.fold(c, lo, 0, hi, 0, 4, u, 0, new long[8], 0),
                () -> GeneratorFolding.fold(c, lo, 0, hi, 0, 4, u, 1, out, 0),
                () -> GeneratorFolding.fold(c, lo, 0, hi, 0, 4, bigU, 0, out, 0),
                () -> GeneratorFolding.fold(c, lo, 0, hi, 0, 4, u, 0, out, 0, 0),
                () -> GeneratorFolding.foldTwice(c, lo, 0, 2, u, 0, u, 0, out, 0, Workers.single()),
                () -> GeneratorFolding.foldTwice(c, lo, 0, 1, bigU, 0, u, 0, out, 0, Workers.single()),
                () -> GeneratorFolding.foldTwice(c, lo, 0, 1, u, 0, u, 0, new long[4], 0, Workers.single()),
                () -> GeneratorFolding.foldTwice(c, lo, 0, -1, u, 0, u, 0, out, 0, Workers.single()));
        for (int i = 0; i < bad.size(); i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.get(i)::run, "case " + i);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "case " + i + " has a message");
        }
    }
}
