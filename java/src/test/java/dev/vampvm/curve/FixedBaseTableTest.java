package dev.vampvm.curve;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.field.Limbs;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scalar multiplication of a fixed point by its byte-wise table, against the curve's own multiplication. */
class FixedBaseTableTest {

    @Test
    void matchesDoubleAndAddOnBothCurvesAtEdgeAndRandomScalars() {
        SplittableRandom rng = Seeds.rng("FixedBaseTableTest");
        for (ShortWeierstrassCurve curve : new ShortWeierstrassCurve[] {ShortWeierstrassCurve.PALLAS,
            ShortWeierstrassCurve.VESTA}) {
            PointArithmetic ops = curve.arithmetic();
            long[] base = curve.randomAffinePoints(1, rng);
            FixedBaseTable table = FixedBaseTable.of(curve, base, 0);
            BigInteger order = curve.scalarField().modulus();
            List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                    BigInteger.valueOf(255), BigInteger.valueOf(256), BigInteger.ONE.shiftLeft(248),
                    order.subtract(BigInteger.ONE), order.shiftRight(1)));
            for (int i = 0; i < 20; i++) {
                scalars.add(new BigInteger(254, new java.util.Random(rng.nextLong())).mod(order));
            }
            for (BigInteger k : scalars) {
                long[] limbs = Limbs.fromBigInteger(k);
                // r starts at a point that is not the identity: the table adds to it.
                long[] start = new long[12];
                curve.affineToProjective(curve.randomAffinePoints(1, rng), 0, start, 0);
                long[] got = start.clone();
                table.addMul(ops, got, 0, limbs, 0);
                long[] expect = new long[12];
                curve.affineToProjective(base, 0, expect, 0);
                ops.mul(expect, 0, limbs, 0, expect, 0);
                ops.add(expect, 0, start, 0, expect, 0);
                assertTrue(curve.equalProjective(got, 0, expect, 0), curve.name() + " k = " + k);
            }
            long[] tooBig = Limbs.fromBigInteger(order);
            assertThrows(IllegalArgumentException.class, () -> table.addMul(ops, new long[12], 0, tooBig, 0));
        }
        long[] identity = new long[8];
        assertThrows(IllegalArgumentException.class,
                () -> FixedBaseTable.of(ShortWeierstrassCurve.VESTA, identity, 0));
        long[] offCurve = new long[8];
        offCurve[0] = 1;
        assertThrows(IllegalArgumentException.class,
                () -> FixedBaseTable.of(ShortWeierstrassCurve.VESTA, offCurve, 0));
    }
}
