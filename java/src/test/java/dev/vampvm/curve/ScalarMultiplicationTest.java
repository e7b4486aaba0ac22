package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Limbs;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GLV + wNAF multiplication against double-and-add, the reference. */
class ScalarMultiplicationTest {

    static ShortWeierstrassCurve[] curves() {
        return new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS, ShortWeierstrassCurve.VESTA};
    }

    @ParameterizedTest
    @MethodSource("curves")
    void glvMatchesDoubleAndAdd(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("ScalarMultiplicationTest." + c.name());
        PointArithmetic ops = c.arithmetic();
        BigInteger n = c.order();
        BigInteger lambda = Glv.of(c).lambda();
        List<BigInteger> scalars = new ArrayList<>(List.of(
                BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15), BigInteger.valueOf(16),
                BigInteger.valueOf(31), n.subtract(BigInteger.ONE), lambda, n.subtract(lambda),
                BigInteger.ONE.shiftLeft(127), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
                // at and above the order: reduced first
                n, n.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
        for (int i = 0; i < 40; i++) {
            scalars.add(new BigInteger(256, new java.util.Random(rng.nextLong())).mod(n));
        }
        long[] p = GlvTest.randomProjective(c, ops, rng);
        long[] expected = new long[12], actual = new long[12];
        for (BigInteger k : scalars) {
            long[] kl = Limbs.fromBigInteger(k);
            ops.mulDoubleAndAdd(p, 0, Limbs.fromBigInteger(k.mod(n)), expected, 0);
            ops.mul(p, 0, kl, 0, actual, 0);
            assertTrue(c.isOnCurveProjective(actual, 0));
            assertTrue(c.equalProjective(expected, 0, actual, 0), "[k]P for k = " + k.toString(16));
        }
        // identity times anything, and output aliasing the input
        long[] id = new long[12];
        c.setIdentityProjective(id, 0);
        ops.mul(id, 0, Limbs.fromBigInteger(lambda), 0, actual, 0);
        assertTrue(c.isIdentityProjective(actual, 0));
        long[] q = p.clone();
        long[] k = {0, 0, 0, 0, 12345, 678, 9, 1};
        ops.mul(q, 0, k, 4, q, 0);
        ops.mulDoubleAndAdd(p, 0, new long[] {12345, 678, 9, 1}, expected, 0);
        assertTrue(c.equalProjective(expected, 0, q, 0), "offsets and aliasing");
    }

    @Test
    void wnafDigitsReconstructTheValue() {
        SplittableRandom rng = Seeds.rng("ScalarMultiplicationTest.wnaf");
        byte[] digits = new byte[130];
        for (int t = 0; t < 2000; t++) {
            long lo = rng.nextLong();
            long hi = t % 3 == 0 ? -1L : rng.nextLong();
            if (t == 1) {
                lo = -1L;
            }
            int len = PointArithmetic.wnaf(lo, hi, digits);
            BigInteger expected = new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
            BigInteger sum = BigInteger.ZERO;
            int lastNonZero = -100;
            for (int i = len - 1; i >= 0; i--) {
                sum = sum.shiftLeft(1).add(BigInteger.valueOf(digits[i]));
                if (digits[i] != 0) {
                    assertTrue((digits[i] & 1) != 0 && Math.abs(digits[i]) < 16, "odd digit below 16");
                    assertTrue(lastNonZero - i >= 5 || lastNonZero < 0, "non-adjacent");
                    lastNonZero = i;
                }
            }
            assertEquals(expected, sum);
            assertTrue(len <= 129);
        }
        assertEquals(0, PointArithmetic.wnaf(0, 0, digits));
    }
}
