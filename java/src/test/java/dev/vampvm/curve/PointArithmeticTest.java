package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The complete formulas against textbook affine arithmetic in BigInteger (the slow, obviously-correct
 * reference), on both curves, including P + P, P + (−P) and the identity.
 */
class PointArithmeticTest {

    static ShortWeierstrassCurve[] curves() {
        return new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA};
    }

    /** Affine reference point; null is the identity. */
    record Ref(BigInteger x, BigInteger y) {
    }

    private static Ref refAdd(Ref a, Ref b, BigInteger p) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        BigInteger lambda;
        if (a.x.equals(b.x)) {
            if (a.y.add(b.y).mod(p).signum() == 0) {
                return null;
            }
            lambda = a.x.pow(2).multiply(BigInteger.valueOf(3)).multiply(a.y.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = b.y.subtract(a.y).multiply(b.x.subtract(a.x).modInverse(p)).mod(p);
        }
        BigInteger x3 = lambda.pow(2).subtract(a.x).subtract(b.x).mod(p);
        BigInteger y3 = lambda.multiply(a.x.subtract(x3)).subtract(a.y).mod(p);
        return new Ref(x3, y3);
    }

    private static Ref refMul(Ref a, BigInteger k, BigInteger p) {
        Ref acc = null;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            acc = refAdd(acc, acc, p);
            if (k.testBit(i)) {
                acc = refAdd(acc, a, p);
            }
        }
        return acc;
    }

    private static long[] affine(ShortWeierstrassCurve c, Ref r) {
        long[] a = new long[8];
        if (r != null) {
            System.arraycopy(c.baseField().fromBigInteger(r.x), 0, a, 0, 4);
            System.arraycopy(c.baseField().fromBigInteger(r.y), 0, a, 4, 4);
        }
        return a;
    }

    private static long[] toAffine(ShortWeierstrassCurve c, long[] proj) {
        long[] a = new long[8];
        c.projectiveToAffine(proj, 0, a, 0);
        return a;
    }

    @ParameterizedTest
    @MethodSource("curves")
    void formulasMatchAffineReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("PointArithmeticTest." + c.name());
        MontgomeryField f = c.baseField();
        BigInteger p = f.modulus();
        BigInteger order = c.scalarField().modulus();
        PointArithmetic ops = c.arithmetic();
        Ref g = new Ref(p.subtract(BigInteger.ONE), BigInteger.TWO);
        for (int i = 0; i < 40; i++) {
            Ref a = refMul(g, BigInteger.valueOf(rng.nextLong(1, Long.MAX_VALUE)), p);
            Ref b = switch (i % 4) {
                case 0 -> a;                                   // doubling through add
                case 1 -> new Ref(a.x, a.y.negate().mod(p));   // P + (−P)
                case 2 -> null;                                // identity
                default -> refMul(g, BigInteger.valueOf(rng.nextLong(1, Long.MAX_VALUE)), p);
            };
            Ref sum = refAdd(a, b, p);
            long[] pa = new long[12], pb = new long[12], r = new long[12];
            c.affineToProjective(affine(c, a), 0, pa, 0);
            c.affineToProjective(affine(c, b), 0, pb, 0);
            ops.add(pa, 0, pb, 0, r, 0);
            assertTrue(c.isOnCurveProjective(r, 0));
            assertArrayEquals(affine(c, sum), toAffine(c, r), "add, case " + i % 4);
            ops.addMixed(pa, 0, affine(c, b), 0, r, 0);
            assertArrayEquals(affine(c, sum), toAffine(c, r), "mixed add, case " + i % 4);
            ops.add(pb, 0, pa, 0, r, 0);
            assertArrayEquals(affine(c, sum), toAffine(c, r), "commuted add, case " + i % 4);
            ops.dbl(pa, 0, r, 0);
            assertArrayEquals(affine(c, refAdd(a, a, p)), toAffine(c, r), "dbl");
        }
        // [order]G = identity, [order − 1]G = −G
        long[] gp = new long[12], r = new long[12];
        c.affineToProjective(c.generatorAffine(), 0, gp, 0);
        ops.mulDoubleAndAdd(gp, 0, dev.vampvm.field.Limbs.fromBigInteger(order), r, 0);
        assertTrue(c.isIdentityProjective(r, 0));
        ops.mulDoubleAndAdd(gp, 0, dev.vampvm.field.Limbs.fromBigInteger(order.subtract(BigInteger.ONE)), r, 0);
        long[] negG = new long[12];
        ops.neg(gp, 0, negG, 0);
        assertTrue(c.equalProjective(r, 0, negG, 0));
        // doubling the identity
        c.setIdentityProjective(r, 0);
        ops.dbl(r, 0, r, 0);
        assertTrue(c.isIdentityProjective(r, 0));
    }

    /**
     * dblTimes (the Jacobian doubling chain) against [2^t] of the affine reference, for random points in projective
     * coordinates of random Z (not only Z = 1), t = 0, 1, 2, 16 and 255, in place and not; the identity stays itself
     * however many times it is doubled, and a negative count is refused.
     */
    @ParameterizedTest
    @MethodSource("curves")
    void doublingChainsMatchTheAffineReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("PointArithmeticTest.chains." + c.name());
        MontgomeryField f = c.baseField();
        BigInteger p = f.modulus();
        PointArithmetic ops = c.arithmetic();
        Ref g = new Ref(p.subtract(BigInteger.ONE), BigInteger.TWO);
        for (int t : new int[] {0, 1, 2, 16, 255}) {
            for (int i = 0; i < 4; i++) {
                Ref a = refMul(g, BigInteger.valueOf(rng.nextLong(1, Long.MAX_VALUE)), p);
                long[] pa = new long[12];
                c.affineToProjective(affine(c, a), 0, pa, 0);
                long[] z = f.fromBigInteger(BigInteger.valueOf(rng.nextLong(2, Long.MAX_VALUE)));
                for (int k = 0; k < 3; k++) {
                    f.mul(pa, 4 * k, z, 0, pa, 4 * k); // (xZ : yZ : Z), the same point
                }
                Ref expected = refMul(a, BigInteger.ONE.shiftLeft(t), p);
                long[] r = new long[15];
                ops.dblTimes(pa, 0, t, r, 3);
                long[] out = java.util.Arrays.copyOfRange(r, 3, 15);
                assertTrue(c.isOnCurveProjective(out, 0), "on the curve, t = " + t);
                assertArrayEquals(affine(c, expected), toAffine(c, out), "[2^" + t + "]P");
                ops.dblTimes(pa, 0, t, pa, 0);
                assertArrayEquals(affine(c, expected), toAffine(c, pa), "[2^" + t + "]P in place");
            }
            long[] id = new long[12];
            c.setIdentityProjective(id, 0);
            ops.dblTimes(id, 0, t, id, 0);
            assertTrue(c.isIdentityProjective(id, 0), "the identity doubled " + t + " times");
        }
        long[] gp = new long[12];
        c.affineToProjective(c.generatorAffine(), 0, gp, 0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ops.dblTimes(gp, 0, -1, gp, 0));
    }
}
