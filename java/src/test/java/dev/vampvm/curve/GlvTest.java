package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Limbs;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The endomorphism against scalar multiplication, and the decomposition against BigInteger. */
class GlvTest {

    static ShortWeierstrassCurve[] curves() {
        return new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA};
    }

    private static final BigInteger TWO_127 = BigInteger.ONE.shiftLeft(127);

    @ParameterizedTest
    @MethodSource("curves")
    void endomorphismIsMultiplicationByLambda(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("GlvTest.endo." + c.name());
        Glv glv = Glv.of(c);
        PointArithmetic ops = c.arithmetic();
        long[] lambda = Limbs.fromBigInteger(glv.lambda());
        for (int i = 0; i < 5; i++) {
            long[] p = randomProjective(c, ops, rng);
            long[] a = new long[8];
            c.projectiveToAffine(p, 0, a, 0);
            long[] phi = new long[8];
            glv.endomorphismAffine(a, 0, phi, 0);
            assertTrue(c.isOnCurveAffine(phi, 0));
            long[] expected = new long[12];
            ops.mulDoubleAndAdd(p, 0, lambda, expected, 0);
            long[] phiP = new long[12];
            c.affineToProjective(phi, 0, phiP, 0);
            assertTrue(c.equalProjective(expected, 0, phiP, 0), "φ(P) = [λ]P");
            glv.endomorphismProjective(p, 0, phiP, 0);
            assertTrue(c.equalProjective(expected, 0, phiP, 0), "projective φ(P) = [λ]P");
            // in place
            glv.endomorphismAffine(a, 0, a, 0);
            assertEquals(java.util.Arrays.toString(phi), java.util.Arrays.toString(a));
        }
        long[] id = new long[8];
        long[] r = new long[8];
        java.util.Arrays.fill(r, 7);
        glv.endomorphismAffine(id, 0, r, 0);
        assertTrue(c.isIdentityAffine(r, 0));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void basisIsShortAndSpansTheLattice(ShortWeierstrassCurve c) {
        Glv glv = Glv.of(c);
        BigInteger n = c.scalarField().modulus();
        BigInteger[] v = glv.basis();
        assertEquals(BigInteger.ZERO, v[0].add(glv.lambda().multiply(v[1])).mod(n));
        assertEquals(BigInteger.ZERO, v[2].add(glv.lambda().multiply(v[3])).mod(n));
        assertEquals(n, v[0].multiply(v[3]).subtract(v[2].multiply(v[1])).abs());
        for (BigInteger x : v) {
            assertTrue(x.bitLength() <= 128, "basis entries near √n");
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void decompositionMatchesReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("GlvTest.decompose." + c.name());
        Glv glv = Glv.of(c);
        BigInteger n = c.scalarField().modulus();
        BigInteger lambda = glv.lambda();
        List<BigInteger> scalars = new ArrayList<>(List.of(
                BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, n.subtract(BigInteger.ONE), n.subtract(BigInteger.TWO),
                lambda, lambda.multiply(lambda).mod(n), n.subtract(lambda), lambda.add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(127), BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(254), BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE)));
        scalars.addAll(nearRoundingBoundaries(glv, n, rng, 400));
        for (int i = 0; i < 4000; i++) {
            scalars.add(new BigInteger(256, new java.util.Random(rng.nextLong())).mod(n));
        }
        long[] out = new long[6];
        for (BigInteger k : scalars) {
            long[] kl = Limbs.fromBigInteger(k);
            int signs = glv.decompose(kl, 0, out, 1);
            BigInteger k1 = magnitude(out[1], out[2]);
            BigInteger k2 = magnitude(out[3], out[4]);
            assertTrue(k1.compareTo(TWO_127) < 0 && k2.compareTo(TWO_127) < 0, "bound for k = " + k.toString(16));
            if ((signs & 1) != 0) {
                k1 = k1.negate();
            }
            if ((signs & 2) != 0) {
                k2 = k2.negate();
            }
            assertEquals(k, k1.add(lambda.multiply(k2)).mod(n), "k1 + λk2 ≡ k for k = " + k.toString(16));
            BigInteger[] ref = reference(glv, n, k);
            assertEquals(ref[0], k1, "k1 as the fixed-point formula, k = " + k.toString(16));
            assertEquals(ref[1], k2, "k2 as the fixed-point formula, k = " + k.toString(16));
            assertTrue(signs >= 0 && signs <= 3);
            if (k1.signum() == 0) {
                assertEquals(0, signs & 1, "zero is not negative");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void decomposeInPlaceAndRefusesOutOfRange(ShortWeierstrassCurve c) {
        Glv glv = Glv.of(c);
        BigInteger n = c.scalarField().modulus();
        BigInteger k = n.subtract(BigInteger.valueOf(12345));
        long[] buf = Limbs.fromBigInteger(k);
        long[] separate = new long[4];
        int s1 = glv.decompose(buf, 0, separate, 0);
        int s2 = glv.decompose(buf, 0, buf, 0);
        assertEquals(s1, s2);
        assertEquals(java.util.Arrays.toString(separate), java.util.Arrays.toString(buf));
        assertThrows(IllegalArgumentException.class, () -> glv.decompose(Limbs.fromBigInteger(n), 0, new long[4], 0));
        assertThrows(IllegalArgumentException.class,
                () -> glv.decompose(Limbs.fromBigInteger(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)), 0, new long[4], 0));
    }

    /**
     * Scalars for which one of β₁ = k·e₁, β₂ = k·e₂ lies within a few units of k/n of a half-integer, where the
     * fixed-point rounding may differ from exact rounding: the bound must still hold there.
     */
    private static List<BigInteger> nearRoundingBoundaries(Glv glv, BigInteger n, SplittableRandom rng, int count) {
        BigInteger[] v = glv.basis();
        BigInteger det = v[0].multiply(v[3]).subtract(v[2].multiply(v[1]));
        BigInteger[] nums = {v[3], v[1].negate()};
        List<BigInteger> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigInteger num = nums[i % 2].abs();
            // β = k·num/|det| = j + ½  ⇔  k = (2j + 1)·|det| / (2·num)
            BigInteger j = new BigInteger(126, new java.util.Random(rng.nextLong()));
            BigInteger center = j.shiftLeft(1).add(BigInteger.ONE).multiply(det.abs()).divide(num.shiftLeft(1));
            for (int d = -2; d <= 2; d++) {
                BigInteger k = center.add(BigInteger.valueOf(d));
                if (k.signum() >= 0 && k.compareTo(n) < 0) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    /** The same fixed-point formula as {@link Glv#decompose}, in BigInteger. */
    private static BigInteger[] reference(Glv glv, BigInteger n, BigInteger k) {
        BigInteger[] v = glv.basis();
        BigInteger a1 = v[0], b1 = v[1], a2 = v[2], b2 = v[3];
        BigInteger det = a1.multiply(b2).subtract(a2.multiply(b1));
        BigInteger e1 = b2.multiply(BigInteger.valueOf(det.signum()));
        BigInteger e2 = b1.negate().multiply(BigInteger.valueOf(det.signum()));
        BigInteger c1 = roundFixed(k, e1, n);
        BigInteger c2 = roundFixed(k, e2, n);
        return new BigInteger[] {
                k.subtract(c1.multiply(a1)).subtract(c2.multiply(a2)),
                c1.multiply(b1).add(c2.multiply(b2)).negate()};
    }

    private static BigInteger roundFixed(BigInteger k, BigInteger num, BigInteger n) {
        BigInteger g = num.abs().shiftLeft(320).add(n.shiftRight(1)).divide(n);
        BigInteger c = k.multiply(g).add(BigInteger.ONE.shiftLeft(319)).shiftRight(320);
        return num.signum() < 0 ? c.negate() : c;
    }

    private static BigInteger magnitude(long lo, long hi) {
        long[] l = {lo, hi, 0, 0};
        return Limbs.toBigInteger(l, 0);
    }

    static long[] randomProjective(ShortWeierstrassCurve c, PointArithmetic ops, SplittableRandom rng) {
        long[] g = new long[12];
        c.affineToProjective(c.generatorAffine(), 0, g, 0);
        long[] r = new long[12];
        ops.mulDoubleAndAdd(g, 0, new long[] {rng.nextLong(), rng.nextLong(), rng.nextLong(), rng.nextLong() >>> 3}, r, 0);
        return r;
    }
}
