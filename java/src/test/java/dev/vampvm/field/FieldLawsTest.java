package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Field laws and agreement with BigInteger arithmetic, shared by {@link Fp} and {@link Fq}: each concrete
 * subclass names its field. Random inputs are mixed with the edge values 0, 1, 2, p − 1, p − 2, (p ± 1)/2
 * and values with all-ones limbs below p, where carry and borrow chains are longest.
 */
abstract class FieldLawsTest {

    private static final int ROUNDS = 2000;

    protected abstract MontgomeryField field();

    private SplittableRandom rng;
    private BigInteger p;

    @BeforeEach
    void setUp(TestInfo info) {
        rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
        p = field().modulus();
    }

    private List<BigInteger> edges() {
        List<BigInteger> e = new ArrayList<>();
        for (long v : new long[] {0, 1, 2, 3, 5}) {
            e.add(BigInteger.valueOf(v));
        }
        e.add(p.subtract(BigInteger.ONE));
        e.add(p.subtract(BigInteger.TWO));
        e.add(p.shiftRight(1));
        e.add(p.shiftRight(1).add(BigInteger.ONE));
        e.add(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        e.add(BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE));
        e.add(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
        // Below p with limb 2 all ones (p − 2¹²⁸ for Pasta) and with the low limbs of p but limb 2 empty.
        e.add(p.subtract(BigInteger.ONE.shiftLeft(128)));
        e.add(p.subtract(BigInteger.ONE.shiftLeft(64)));
        e.add(BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE).mod(p));
        e.add(BigInteger.ONE.shiftLeft(254).mod(p));
        return e;
    }

    private BigInteger sample() {
        if (rng.nextInt(8) == 0) {
            List<BigInteger> e = edges();
            return e.get(rng.nextInt(e.size()));
        }
        byte[] b = new byte[40];
        rng.nextBytes(b);
        return new BigInteger(1, b).mod(p);
    }

    private long[] mont(BigInteger v) {
        return field().fromBigIntegerUnchecked(v);
    }

    private BigInteger big(long[] a) {
        return field().toBigInteger(a, 0);
    }

    @Test
    void arithmeticAgreesWithBigInteger() {
        MontgomeryField f = field();
        long[] r = new long[4];
        for (int i = 0; i < ROUNDS; i++) {
            BigInteger x = sample(), y = sample();
            long[] a = mont(x), b = mont(y);
            f.add(a, 0, b, 0, r, 0);
            assertEquals(x.add(y).mod(p), big(r), "add " + x + " " + y);
            f.sub(a, 0, b, 0, r, 0);
            assertEquals(x.subtract(y).mod(p), big(r), "sub " + x + " " + y);
            f.mul(a, 0, b, 0, r, 0);
            assertEquals(x.multiply(y).mod(p), big(r), "mul " + x + " " + y);
            f.square(a, 0, r, 0);
            assertEquals(x.multiply(x).mod(p), big(r), "square " + x);
            f.neg(a, 0, r, 0);
            assertEquals(x.negate().mod(p), big(r), "neg " + x);
            f.dbl(a, 0, r, 0);
            assertEquals(x.shiftLeft(1).mod(p), big(r), "dbl " + x);
        }
    }

    @Test
    void kernelsAllowAliasingAndOffsets() {
        MontgomeryField f = field();
        BigInteger x = sample(), y = sample();
        long[] v = new long[12];
        System.arraycopy(mont(x), 0, v, 4, 4);
        System.arraycopy(mont(y), 0, v, 8, 4);
        f.mul(v, 4, v, 8, v, 4);
        assertEquals(x.multiply(y).mod(p), f.toBigInteger(v, 4));
        f.sub(v, 8, v, 4, v, 8);
        assertEquals(y.subtract(x.multiply(y)).mod(p), f.toBigInteger(v, 8));
        assertTrue(f.isZero(v, 0));
    }

    @Test
    void ringLaws() {
        MontgomeryField f = field();
        for (int i = 0; i < ROUNDS / 4; i++) {
            long[] a = mont(sample()), b = mont(sample()), c = mont(sample());
            long[] l = new long[4], r = new long[4], t = new long[4];
            // (a + b)·c = a·c + b·c
            f.add(a, 0, b, 0, t, 0);
            f.mul(t, 0, c, 0, l, 0);
            f.mul(a, 0, c, 0, r, 0);
            f.mul(b, 0, c, 0, t, 0);
            f.add(r, 0, t, 0, r, 0);
            assertArrayEquals(l, r);
            // (a·b)·c = a·(b·c)
            f.mul(a, 0, b, 0, l, 0);
            f.mul(l, 0, c, 0, l, 0);
            f.mul(b, 0, c, 0, r, 0);
            f.mul(a, 0, r, 0, r, 0);
            assertArrayEquals(l, r);
            // a − a = 0, a + (−a) = 0
            f.sub(a, 0, a, 0, t, 0);
            assertTrue(f.isZero(t, 0));
            f.neg(a, 0, t, 0);
            f.add(a, 0, t, 0, t, 0);
            assertTrue(f.isZero(t, 0));
        }
    }

    @Test
    void inverseAndBatchInverse() {
        MontgomeryField f = field();
        long[] r = new long[4];
        for (int i = 0; i < 200; i++) {
            BigInteger x = sample();
            if (x.signum() == 0) {
                continue;
            }
            f.inv(mont(x), 0, r, 0);
            assertEquals(x.modInverse(p), big(r));
        }
        assertThrows(ArithmeticException.class, () -> f.inv(new long[4], 0, new long[4], 0));

        int n = 37;
        BigInteger[] xs = new BigInteger[n];
        long[] v = new long[4 * n + 4];
        for (int i = 0; i < n; i++) {
            xs[i] = (i % 7 == 3) ? BigInteger.ZERO : sample();
            System.arraycopy(mont(xs[i]), 0, v, 4 + 4 * i, 4);
        }
        f.batchInvert(v, 4, n, new long[4 * n]);
        for (int i = 0; i < n; i++) {
            BigInteger expect = xs[i].signum() == 0 ? BigInteger.ZERO : xs[i].modInverse(p);
            assertEquals(expect, f.toBigInteger(v, 4 + 4 * i), "element " + i);
        }
        f.batchInvert(v, 0, 0, new long[0]);
    }

    @Test
    void powMatchesBigInteger() {
        MontgomeryField f = field();
        long[] r = new long[4];
        for (int i = 0; i < 50; i++) {
            BigInteger x = sample();
            BigInteger e = new BigInteger(300, new java.util.Random(rng.nextLong()));
            long[] exp = new long[5];
            for (int j = 0; j < 5; j++) {
                exp[j] = e.shiftRight(64 * j).longValue();
            }
            f.pow(mont(x), 0, exp, r, 0);
            assertEquals(x.modPow(e, p), big(r));
        }
    }

    @Test
    void sqrtAndLegendre() {
        MontgomeryField f = field();
        long[] r = new long[4];
        int squares = 0;
        for (int i = 0; i < 300; i++) {
            BigInteger x = sample();
            int expected = x.signum() == 0 ? 0 : (x.modPow(p.shiftRight(1), p).equals(BigInteger.ONE) ? 1 : -1);
            assertEquals(expected, f.legendre(mont(x), 0), "legendre " + x);
            boolean ok = f.sqrt(mont(x), 0, r, 0);
            assertEquals(expected >= 0, ok, "sqrt existence " + x);
            if (ok) {
                assertEquals(x, big(r).multiply(big(r)).mod(p), "sqrt " + x);
                squares++;
            }
            // Every square of a random element has a root that squares back.
            BigInteger sq = x.multiply(x).mod(p);
            assertTrue(f.sqrt(mont(sq), 0, r, 0));
            assertEquals(sq, big(r).multiply(big(r)).mod(p));
        }
        assertTrue(squares > 100 && squares < 200, "about half of the samples are squares: " + squares);
        // The multiplicative generator is a non-residue.
        assertFalse(f.sqrt(f.generator(), 0, r, 0));
        assertEquals(-1, f.legendre(f.generator(), 0));
    }

    @Test
    void bytesRoundTripAndCanonicalCheck() {
        MontgomeryField f = field();
        for (int i = 0; i < 200; i++) {
            BigInteger x = sample();
            byte[] b = new byte[32];
            f.toBytes(mont(x), 0, b, 0);
            // little-endian
            byte[] be = x.toByteArray();
            for (int j = 0; j < 32; j++) {
                int k = be.length - 1 - j;
                assertEquals(k >= 0 ? be[k] : 0, b[j]);
            }
            long[] r = new long[4];
            f.fromBytes(b, 0, r, 0);
            assertEquals(x, big(r));
        }
        for (BigInteger bad : List.of(p, p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) {
            byte[] b = new byte[32];
            Limbs.toBytesLE(Limbs.fromBigInteger(bad), b, 0);
            NonCanonicalEncodingException e = assertThrows(NonCanonicalEncodingException.class,
                    () -> f.fromBytes(b, 0, new long[4], 0));
            assertTrue(e.getMessage().contains("not below the modulus"), e.getMessage());
        }
        assertThrows(NonCanonicalEncodingException.class, () -> f.fromBytes(new byte[31], 0, new long[4], 0));
    }

    /**
     * isCanonical against the modulus itself, around p and around the top limb it decides most values by: the values
     * whose top limb equals p's are the ones that need the lower limbs.
     */
    @Test
    void isCanonicalIsBelowTheModulus() {
        MontgomeryField f = field();
        BigInteger top = p.shiftRight(192).shiftLeft(192);
        List<BigInteger> values = new java.util.ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE,
                p.subtract(BigInteger.ONE), p, p.add(BigInteger.ONE), top, top.subtract(BigInteger.ONE),
                top.add(BigInteger.ONE.shiftLeft(192)), top.add(BigInteger.ONE.shiftLeft(192)).subtract(BigInteger.ONE),
                p.subtract(BigInteger.ONE.shiftLeft(64)), p.add(BigInteger.ONE.shiftLeft(64)),
                BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
        java.util.Random below = new java.util.Random(rng.nextLong());
        for (int i = 0; i < 200; i++) {
            values.add(sample());
            values.add(top.add(new BigInteger(192, below))); // p's top limb, random below: either side of p
        }
        for (BigInteger v : values) {
            long[] limbs = Limbs.fromBigInteger(v);
            long[] at = new long[8];
            System.arraycopy(limbs, 0, at, 4, 4);
            assertEquals(v.compareTo(p) < 0, f.isCanonical(at, 4), v.toString(16));
        }
    }

    @Test
    void uniformBytesReduceTheWideInteger() {
        MontgomeryField f = field();
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[64];
            rng.nextBytes(b);
            if (i == 0) {
                java.util.Arrays.fill(b, (byte) 0xFF);
            }
            byte[] be = new byte[64];
            for (int j = 0; j < 64; j++) {
                be[j] = b[63 - j];
            }
            long[] r = new long[4];
            f.fromUniformBytes(b, 0, r, 0);
            assertEquals(new BigInteger(1, be).mod(p), big(r));
        }
        assertThrows(IllegalArgumentException.class, () -> f.fromUniformBytes(new byte[63], 0, new long[4], 0));
    }

    @Test
    void rootOfUnityHasOrderTwoToTheS() {
        MontgomeryField f = field();
        int s = p.subtract(BigInteger.ONE).getLowestSetBit();
        assertEquals(s, f.twoAdicity());
        BigInteger root = big(f.rootOfUnity());
        assertEquals(BigInteger.ONE, root.modPow(BigInteger.ONE.shiftLeft(s), p));
        assertEquals(p.subtract(BigInteger.ONE), root.modPow(BigInteger.ONE.shiftLeft(s - 1), p));
        BigInteger t = p.subtract(BigInteger.ONE).shiftRight(s);
        assertEquals(big(f.generator()).modPow(t, p), root);
    }

    /** Squaring and multiplication agree on the same input (they may be separate kernels). */
    @Test
    void squareAgreesWithMul() {
        MontgomeryField f = field();
        long[] s = new long[4], m = new long[4];
        for (int i = 0; i < ROUNDS; i++) {
            long[] a = mont(sample());
            f.square(a, 0, s, 0);
            f.mul(a, 0, a, 0, m, 0);
            assertArrayEquals(m, s);
        }
        // In place, at an offset.
        long[] v = new long[8];
        System.arraycopy(mont(p.subtract(BigInteger.TWO)), 0, v, 4, 4);
        f.square(v, 4, v, 4);
        assertEquals(BigInteger.valueOf(4), f.toBigInteger(v, 4));
    }
}
