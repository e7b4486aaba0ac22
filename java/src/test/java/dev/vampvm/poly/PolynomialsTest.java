package dev.vampvm.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Fq;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Polynomial evaluation, division by X − a and the element-wise helpers, against BigInteger arithmetic. */
class PolynomialsTest {

    static Stream<MontgomeryField> fields() {
        return Stream.of(Fp.FIELD, Fq.FIELD);
    }

    private static BigInteger[] big(MontgomeryField f, long[] v) {
        BigInteger[] r = new BigInteger[v.length / 4];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.toBigInteger(v, 4 * i);
        }
        return r;
    }

    private static BigInteger hornerBig(BigInteger[] c, BigInteger x, BigInteger p) {
        BigInteger acc = BigInteger.ZERO;
        for (int i = c.length - 1; i >= 0; i--) {
            acc = acc.multiply(x).add(c[i]).mod(p);
        }
        return acc;
    }

    @ParameterizedTest
    @MethodSource("fields")
    void evaluateMatchesBigInteger(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("PolynomialsTest.evaluate." + f.name());
        BigInteger p = f.modulus();
        for (int n : new int[] {0, 1, 2, 7, 100, 5000, 20000}) {
            long[] c = Naive.random(f, rng, n);
            long[] x = new long[4];
            Naive.randomInto(f, rng, x, 0);
            BigInteger expect = hornerBig(big(f, c), f.toBigInteger(x, 0), p);
            for (int threads : new int[] {1, 2, 3, 8}) {
                assertEquals(expect, f.toBigInteger(Polynomials.evaluate(f, c, x, threads), 0),
                        "n = " + n + ", threads = " + threads);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fields")
    void divideByLinearMatchesBigIntegerSyntheticDivision(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("PolynomialsTest.divide." + f.name());
        BigInteger p = f.modulus();
        for (int n : new int[] {1, 2, 3, 17, 256}) {
            long[] c = Naive.random(f, rng, n);
            long[] a = new long[4];
            Naive.randomInto(f, rng, a, 0);
            long[] q = Polynomials.divideByLinear(f, c, a);
            assertEquals(4 * (n - 1), q.length);
            // p(X) = q(X)(X − a) + p(a): compare coefficients, computed the long way.
            BigInteger[] cb = big(f, c);
            BigInteger[] qb = big(f, q);
            BigInteger ab = f.toBigInteger(a, 0);
            BigInteger rem = hornerBig(cb, ab, p);
            for (int i = 0; i < n; i++) {
                BigInteger fromQ = (i < n - 1 ? qb[i].negate().multiply(ab) : BigInteger.ZERO)
                        .add(i > 0 ? qb[i - 1] : BigInteger.ZERO)
                        .add(i == 0 ? rem : BigInteger.ZERO).mod(p);
                assertEquals(cb[i], fromQ, "coefficient " + i + " of q·(X − a) + p(a), n = " + n);
            }
        }
    }

    @Test
    void divideByLinearAtARoot() {
        // (X − 3)(X + 5) / (X − 3) = X + 5 exactly.
        MontgomeryField f = Fp.FIELD;
        long[] c = new long[12];
        System.arraycopy(f.fromBigInteger(BigInteger.valueOf(-15)), 0, c, 0, 4);
        System.arraycopy(f.fromBigInteger(BigInteger.TWO), 0, c, 4, 4);
        f.setOne(c, 8);
        long[] q = Polynomials.divideByLinear(f, c, f.fromBigInteger(BigInteger.valueOf(3)));
        assertEquals(BigInteger.valueOf(5), f.toBigInteger(q, 0));
        assertEquals(BigInteger.ONE, f.toBigInteger(q, 4));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void elementWiseHelpers(MontgomeryField f) {
        SplittableRandom rng = Seeds.rng("PolynomialsTest.elementWise." + f.name());
        BigInteger p = f.modulus();
        int n = 9000;  // above the threshold where the work is split
        long[] a = Naive.random(f, rng, n);
        long[] b = Naive.random(f, rng, n);
        long[] s = new long[4];
        Naive.randomInto(f, rng, s, 0);
        BigInteger[] ab = big(f, a);
        BigInteger[] bb = big(f, b);
        BigInteger sb = f.toBigInteger(s, 0);

        long[] t = a.clone();
        Polynomials.addAssign(f, t, b);
        long[] u = a.clone();
        Polynomials.subAssign(f, u, b);
        long[] v = a.clone();
        Polynomials.addScaled(f, v, s, b);
        long[] w = a.clone();
        Polynomials.scale(f, w, s);
        long[] m = a.clone();
        Polynomials.mulAssign(f, m, b);
        long[] dp = a.clone();
        Polynomials.distributePowers(f, dp, s, 3);
        BigInteger sPow = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            assertEquals(ab[i].add(bb[i]).mod(p), f.toBigInteger(t, 4 * i));
            assertEquals(ab[i].subtract(bb[i]).mod(p), f.toBigInteger(u, 4 * i));
            assertEquals(ab[i].add(sb.multiply(bb[i])).mod(p), f.toBigInteger(v, 4 * i));
            assertEquals(ab[i].multiply(sb).mod(p), f.toBigInteger(w, 4 * i));
            assertEquals(ab[i].multiply(bb[i]).mod(p), f.toBigInteger(m, 4 * i));
            assertEquals(ab[i].multiply(sPow).mod(p), f.toBigInteger(dp, 4 * i), "distributePowers at " + i);
            sPow = sPow.multiply(sb).mod(p);
        }
        long[] dp1 = a.clone();
        Polynomials.distributePowers(f, dp1, s, 1);
        assertArrayEquals(dp, dp1);
    }

    @Test
    void degree() {
        MontgomeryField f = Fq.FIELD;
        assertEquals(-1, Polynomials.degree(new long[0]));
        assertEquals(-1, Polynomials.degree(new long[20]));
        long[] c = new long[20];
        f.setOne(c, 8);
        assertEquals(2, Polynomials.degree(c));
    }

    @Test
    void refusesBadInput() {
        MontgomeryField f = Fp.FIELD;
        long[] x = f.one();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Polynomials.divideByLinear(f, new long[0], x));
        assertTrue(e.getMessage().contains("no coefficients"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Polynomials.evaluate(f, new long[6], x));
        assertTrue(e.getMessage().contains("4 longs per element"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Polynomials.addAssign(f, new long[8], new long[12]));
        assertTrue(e.getMessage().contains("2 and 3 elements"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Polynomials.evaluate(f, new long[8], x, 0));
        assertThrows(IllegalArgumentException.class, () -> Polynomials.scale(f, new long[8], new long[2]));
    }
}
