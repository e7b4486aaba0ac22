package dev.vampvm.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The extended coset: transforms, division by Z_H and the quotient split, for Fp and Fq. */
class ExtendedDomainTest {

    static Stream<MontgomeryField> fields() {
        return Stream.of(Fp.FIELD, Fq.FIELD);
    }

    private static long[] element(long[] v, int i) {
        return Arrays.copyOfRange(v, 4 * i, 4 * i + 4);
    }

    @ParameterizedTest
    @MethodSource("fields")
    void extensionSizes(MontgomeryField f) {
        EvaluationDomain base = EvaluationDomain.of(f, 6);
        int[][] degreeToJ = {{2, 0}, {3, 1}, {4, 2}, {5, 2}, {6, 3}, {9, 3}, {10, 4}};
        for (int[] dj : degreeToJ) {
            ExtendedDomain e = ExtendedDomain.of(base, dj[0]);
            assertEquals(dj[1], e.extensionLog(), "degree " + dj[0]);
            assertEquals(6 + dj[1], e.extended().k());
            assertEquals(dj[0] - 1, e.quotientPieces());
            assertTrue((1 << e.extensionLog()) >= dj[0] - 1);
        }
        assertSame(ExtendedDomain.of(base, 5), ExtendedDomain.of(base, 5));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void coeffToExtendedMatchesNaiveEvaluationAndRoundTrips(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("ExtendedDomainTest.coeffToExtended." + f.name());
        for (int k = 1; k <= 6; k++) {
            for (int degree : new int[] {2, 3, 5}) {
                ExtendedDomain e = ExtendedDomain.of(EvaluationDomain.of(f, k), degree);
                EvaluationDomain ext = e.extended();
                long[] coeffs = Naive.random(f, rng, 1 << k);
                long[] evals = e.coeffToExtended(coeffs);
                assertArrayEquals(Naive.evalOnCoset(f, coeffs, ext.cosetGenerator(), ext.omega(), ext.size()), evals,
                        "k = " + k + ", degree " + degree);
                e.extendedToCoeff(evals);
                long[] padded = Arrays.copyOf(coeffs, 4 * ext.size());
                assertArrayEquals(padded, evals, "round trip, k = " + k + ", degree " + degree);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fields")
    void coeffToExtendedEqualsCosetNttOfThePaddedVectorAtLargerSizes(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("ExtendedDomainTest.coeffToExtendedLarge." + f.name());
        for (int degree : new int[] {2, 3, 5, 9}) {
            ExtendedDomain e = ExtendedDomain.of(EvaluationDomain.of(f, 11), degree);
            long[] coeffs = Naive.random(f, rng, 1 << 11);
            long[] expect = Arrays.copyOf(coeffs, 4 * e.extended().size());
            e.extended().cosetNtt(expect, 1);
            for (int threads : new int[] {1, 2, 5}) {
                assertArrayEquals(expect, e.coeffToExtended(coeffs, threads), "degree " + degree + ", threads " + threads);
            }
        }
    }

    /**
     * The prover's path: columns a, b, s of degree &lt; n whose values on H satisfy a·b·s = c, a degree-3
     * constraint. Evaluate everything on the extended coset, divide a·b·s − c by Z_H there, interpolate, split;
     * then check h · Z_H = a·b·s − c at a random point, with h reassembled from its pieces.
     */
    @ParameterizedTest
    @MethodSource("fields")
    void quotientOfASatisfiedConstraint(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("ExtendedDomainTest.quotient." + f.name());
        int k = 5;
        EvaluationDomain d = EvaluationDomain.of(f, k);
        int n = d.size();
        ExtendedDomain e = ExtendedDomain.of(d, 3);
        long[] a = Naive.random(f, rng, n);
        long[] b = Naive.random(f, rng, n);
        long[] s = Naive.random(f, rng, n);
        long[] c = a.clone();
        Polynomials.mulAssign(f, c, b);
        Polynomials.mulAssign(f, c, s);
        for (long[] col : new long[][] {a, b, s, c}) {
            d.intt(col);
        }
        long[] num = e.coeffToExtended(a);
        Polynomials.mulAssign(f, num, e.coeffToExtended(b));
        Polynomials.mulAssign(f, num, e.coeffToExtended(s));
        Polynomials.subAssign(f, num, e.coeffToExtended(c));
        e.divideByVanishingOnExtendedCoset(num);
        e.extendedToCoeff(num);
        long[][] pieces = e.splitQuotient(num);
        assertEquals(2, pieces.length);

        long[] x = new long[4];
        Naive.randomInto(f, rng, x, 0);
        long[] h = new long[4];
        long[] xn = d.evaluateVanishing(x);
        f.add(xn, 0, f.one(), 0, xn, 0);
        long[] pow = f.one();
        for (long[] piece : pieces) {
            assertEquals(4 * n, piece.length);
            long[] t = Naive.eval(f, piece, x);
            f.mul(t, 0, pow, 0, t, 0);
            f.add(h, 0, t, 0, h, 0);
            f.mul(pow, 0, xn, 0, pow, 0);
        }
        long[] lhs = new long[4];
        f.mul(h, 0, d.evaluateVanishing(x), 0, lhs, 0);
        long[] rhs = Naive.eval(f, a, x);
        f.mul(rhs, 0, Naive.eval(f, b, x), 0, rhs, 0);
        f.mul(rhs, 0, Naive.eval(f, s, x), 0, rhs, 0);
        f.sub(rhs, 0, Naive.eval(f, c, x), 0, rhs, 0);
        assertArrayEquals(rhs, lhs);
    }

    /** Build N = Z_H · q pointwise on the coset for a random q of degree &lt; n(d − 1); division must give q back. */
    @ParameterizedTest
    @MethodSource("fields")
    void divisionRecoversQuotient(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("ExtendedDomainTest.division." + f.name());
        for (int degree : new int[] {2, 3, 4, 5, 9}) {
            EvaluationDomain d = EvaluationDomain.of(f, 4);
            int n = d.size();
            ExtendedDomain e = ExtendedDomain.of(d, degree);
            EvaluationDomain ext = e.extended();
            long[] q = Arrays.copyOf(Naive.random(f, rng, n * (degree - 1)), 4 * ext.size());
            long[] evals = q.clone();
            ext.cosetNtt(evals);
            long[] expectQuotientEvals = evals.clone();
            long[] x = ext.cosetGenerator();
            for (int i = 0; i < ext.size(); i++) {
                long[] z = d.evaluateVanishing(x);
                f.mul(evals, 4 * i, z, 0, evals, 4 * i);
                f.mul(x, 0, ext.omega(), 0, x, 0);
            }
            for (int threads : new int[] {1, 2}) {
                long[] work = evals.clone();
                e.divideByVanishingOnExtendedCoset(work, threads);
                assertArrayEquals(expectQuotientEvals, work, "degree " + degree + ", threads " + threads);
                e.extendedToCoeff(work, threads);
                assertArrayEquals(q, work);
                long[][] pieces = e.splitQuotient(work);
                assertEquals(degree - 1, pieces.length);
                for (int i = 0; i < pieces.length; i++) {
                    assertArrayEquals(Arrays.copyOfRange(q, 4 * n * i, 4 * n * (i + 1)), pieces[i], "piece " + i);
                }
            }
        }
    }

    @Test
    void splitRefusesAQuotientOfTooHighDegree() {
        MontgomeryField f = Fp.FIELD;
        ExtendedDomain e = ExtendedDomain.of(EvaluationDomain.of(f, 3), 4);   // 3 pieces of 8, extended size 32
        long[] coeffs = new long[4 * 32];
        f.setOne(coeffs, 4 * 23);
        assertEquals(3, e.splitQuotient(coeffs).length);
        f.setOne(coeffs, 4 * 24);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.splitQuotient(coeffs));
        assertTrue(ex.getMessage().contains("degree 24"), ex.getMessage());
    }

    @Test
    void refusesBadInput() {
        MontgomeryField f = Fq.FIELD;
        EvaluationDomain d = EvaluationDomain.of(f, 3);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ExtendedDomain.of(d, 1));
        assertTrue(ex.getMessage().contains("at least 2"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> ExtendedDomain.of(EvaluationDomain.of(f, 27), 5));
        assertTrue(ex.getMessage().contains("2^29"), ex.getMessage());
        ExtendedDomain e = ExtendedDomain.of(d, 3);
        assertThrows(IllegalArgumentException.class, () -> e.coeffToExtended(new long[4 * 16]));
        assertThrows(IllegalArgumentException.class, () -> e.extendedToCoeff(new long[4 * 8]));
        assertThrows(IllegalArgumentException.class, () -> e.divideByVanishingOnExtendedCoset(new long[4 * 8]));
        assertThrows(IllegalArgumentException.class, () -> e.splitQuotient(new long[4 * 8]));
    }

    @Test
    void coeffToExtendedLeavesItsInputAlone() {
        MontgomeryField f = Fp.FIELD;
        SplittableRandom rng = Seeds.rng("ExtendedDomainTest.input");
        ExtendedDomain e = ExtendedDomain.of(EvaluationDomain.of(f, 4), 3);
        long[] coeffs = Naive.random(f, rng, 16);
        long[] copy = coeffs.clone();
        e.coeffToExtended(coeffs);
        assertArrayEquals(copy, coeffs);
        assertArrayEquals(element(e.coeffToExtended(coeffs), 0),
                Naive.eval(f, coeffs, e.extended().cosetGenerator()));
    }
}
