package dev.vampvm.msm;

import static dev.vampvm.msm.MsmTest.assertSamePoint;
import static dev.vampvm.msm.MsmTestData.AFF;
import static dev.vampvm.msm.MsmTestData.edgeCaseBases;
import static dev.vampvm.msm.MsmTestData.edgeCaseScalars;
import static dev.vampvm.msm.MsmTestData.randomBases;
import static dev.vampvm.msm.MsmTestData.randomScalars;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Limbs;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The comb MSM against {@link ReferenceMsm} and, limb for limb, {@link Msm#msm}: prefixes, edge cases, extension. */
class CombMsmTest {

    static ShortWeierstrassCurve[] curves() {
        return MsmTestData.curves();
    }

    @ParameterizedTest
    @MethodSource("curves")
    void prefixesMatchReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("CombMsmTest.prefixes." + c.name());
        int size = 64;
        long[] bases = randomBases(c, size, rng);
        long[] scalars = randomScalars(c, size, rng);
        CombMsm.Table table = CombMsm.precompute(c, bases, 0, size);
        assertEquals(size, table.size());
        for (int n : new int[] {0, 1, 2, 3, 7, 8, 16, 31, 32, 63, 64}) {
            long[] got = CombMsm.msm(table, scalars, 0, n);
            assertSamePoint(c, ReferenceMsm.msm(c, bases, 0, scalars, 0, n), got, "n = " + n);
            assertArrayEquals(Msm.msm(c, bases, 0, scalars, 0, n), got, "limbs, n = " + n);
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void edgeCases(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("CombMsmTest.edgeCases." + c.name());
        int n = 60;
        long[] bases = edgeCaseBases(c, n, rng);
        long[] scalars = edgeCaseScalars(c, n, rng);
        CombMsm.Table table = CombMsm.precompute(c, bases, 0, n);
        long[] got = CombMsm.msm(table, scalars, 0, n);
        assertSamePoint(c, ReferenceMsm.msm(c, bases, 0, scalars, 0, n), got, "edge cases");
        assertArrayEquals(Msm.msm(c, bases, 0, scalars, 0, n), got, "limbs");
        // P·k + (−P)·k cancels: the sum is the identity, in the normal form (0, 1, 0).
        long[] pair = new long[2 * AFF];
        System.arraycopy(bases, AFF, pair, 0, AFF);
        c.arithmetic().negAffine(pair, 0, pair, AFF);
        long[] same = new long[8];
        System.arraycopy(scalars, 4, same, 0, 4);
        System.arraycopy(scalars, 4, same, 4, 4);
        long[] cancelled = CombMsm.msm(CombMsm.precompute(c, pair, 0, 2), same, 0, 2);
        assertArrayEquals(Msm.msm(c, pair, 0, same, 0, 2), cancelled);
        assertTrue(c.isIdentityProjective(cancelled, 0));
        assertTrue(c.isIdentityProjective(CombMsm.msm(table, new long[4 * n], 0, n), 0), "zero scalars");
    }

    @Test
    void everyWindowWidthGivesTheSamePoint() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("CombMsmTest.widths");
        int n = 40;
        long[] bases = randomBases(c, n, rng);
        long[] scalars = randomScalars(c, n, rng);
        long[] expected = Msm.msm(c, bases, 0, scalars, 0, n);
        for (int bits : new int[] {2, 3, 5, 8, 10}) {
            CombMsm.Table table = CombMsm.precompute(c, bases, 0, n, bits);
            assertEquals(64L * (1 << (bits - 1)) * SignedDigits.windows(127, bits) * n, table.memoryBytes());
            assertArrayEquals(expected, CombMsm.msm(table, scalars, 0, n), "c = " + bits);
        }
    }

    @Test
    void refusesBadInput() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("CombMsmTest.badInput");
        long[] bases = randomBases(c, 8, rng);
        long[] scalars = randomScalars(c, 9, rng);
        CombMsm.Table table = CombMsm.precompute(c, bases, 0, 8);
        long[] nonCanonical = scalars.clone();
        System.arraycopy(Limbs.fromBigInteger(c.scalarField().modulus().add(BigInteger.ONE)), 0, nonCanonical, 4, 4);
        List<Runnable> bad = List.of(
                () -> CombMsm.msm(table, scalars, 0, 9),
                () -> CombMsm.msm(table, scalars, 0, -1),
                () -> CombMsm.msm(table, new long[12], 0, 4),
                () -> CombMsm.msm(table, nonCanonical, 0, 8),
                () -> CombMsm.msm(null, scalars, 0, 1),
                () -> CombMsm.precompute(c, bases, 0, 9),
                () -> CombMsm.precompute(null, bases, 0, 8),
                () -> CombMsm.precompute(c, bases, 0, 8, 1),
                () -> CombMsm.precompute(c, bases, 0, 8, 13),
                () -> CombMsm.precompute(c, bases, 4, 8),
                () -> CombMsm.precompute(c, bases, 0, -1));
        for (Runnable r : bad) {
            assertThrows(IllegalArgumentException.class, r::run);
        }
    }
}
