package dev.vampvm.msm;

import static dev.vampvm.msm.MsmTestData.edgeCaseBases;
import static dev.vampvm.msm.MsmTestData.edgeCaseScalars;
import static dev.vampvm.msm.MsmTestData.randomBases;
import static dev.vampvm.msm.MsmTestData.randomScalars;
import static dev.vampvm.msm.MsmTest.assertSamePoint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Limbs;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fixed-base MSM against {@link ReferenceMsm} for several table shapes, prefixes and edge cases. */
class FixedBaseMsmTest {

    static ShortWeierstrassCurve[] curves() {
        return MsmTestData.curves();
    }

    /** Table shapes {c, t}: one chunk per window, several windows per chunk, everything in one chunk. */
    static final int[][] SHAPES = {{0, 0}, {8, 1}, {10, 3}, {13, 1}, {6, 22}};

    private static List<FixedBaseMsm.Precomputation> tables(ShortWeierstrassCurve c, long[] bases, int n) {
        List<FixedBaseMsm.Precomputation> out = new ArrayList<>();
        for (int[] s : SHAPES) {
            out.add(FixedBaseMsm.precompute(c, bases, 0, n, s[0], s[1], FixedBaseMsm.DEFAULT_MEMORY_BUDGET, Workers.common()));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("curves")
    void prefixesMatchReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("FixedBaseMsmTest.prefixes." + c.name());
        int size = 1024;
        long[] bases = randomBases(c, size, rng);
        long[] scalars = randomScalars(c, size, rng);
        List<FixedBaseMsm.Precomputation> tables = tables(c, bases, size);
        for (int n : new int[] {0, 1, 2, 3, 7, 8, 16, 32, 64, 100, 128, 256, 333, 512, 1024}) {
            long[] expected = ReferenceMsm.msm(c, bases, 0, scalars, 0, n);
            for (FixedBaseMsm.Precomputation pre : tables) {
                assertSamePoint(c, expected, FixedBaseMsm.msm(pre, scalars, 0, n, Workers.single()), "n = " + n + ", " + pre);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void edgeCases(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("FixedBaseMsmTest.edgeCases." + c.name());
        int n = 300;
        long[] bases = edgeCaseBases(c, n, rng);
        long[] scalars = edgeCaseScalars(c, n, rng);
        long[] expected = ReferenceMsm.msm(c, bases, 0, scalars, 0, n);
        long[] zeros = new long[4 * n];
        for (FixedBaseMsm.Precomputation pre : tables(c, bases, n)) {
            assertSamePoint(c, expected, FixedBaseMsm.msm(pre, scalars, 0, n, Workers.single()), "edge cases, " + pre);
            assertTrue(c.isIdentityProjective(FixedBaseMsm.msm(pre, zeros, 0, n), 0), "zero scalars, " + pre);
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void agreesWithVariableBaseForAnyThreadCount(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("FixedBaseMsmTest.threads." + c.name());
        int n = 5000;
        long[] bases = randomBases(c, n, rng);
        long[] scalars = randomScalars(c, n, rng);
        long[] expected = Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(), Msm.Options.DEFAULT);
        FixedBaseMsm.Precomputation pre = FixedBaseMsm.precompute(c, bases, 0, n);
        FixedBaseMsm.Precomputation single = FixedBaseMsm.precompute(c, bases, 0, n, pre.windowBits(),
                pre.windowsPerChunk(), FixedBaseMsm.DEFAULT_MEMORY_BUDGET, Workers.single());
        assertArrayEquals(expected, FixedBaseMsm.msm(pre, scalars, 0, n, 1));
        assertArrayEquals(expected, FixedBaseMsm.msm(single, scalars, 0, n, 2));
        assertArrayEquals(expected, FixedBaseMsm.msm(pre, scalars, 0, n, 4));
        try (ForkJoinPool pool = new ForkJoinPool(2)) {
            assertArrayEquals(expected, FixedBaseMsm.msm(pre, scalars, 0, n, pool));
        }
    }

    /**
     * A window is cut into two ranges a worker where the windows are fewer than twice the workers (a range each
     * reduces its own buckets), and never with one worker, where the second reduction bought nothing.
     */
    @Test
    void windowsAreCutIntoRangesOnlyForSeveralWorkers() {
        for (int t : new int[] {1, 2, 13, 20}) {
            assertEquals(1, Pippenger.wantedRanges(t, 1), t + " windows, one worker");
        }
        assertEquals(4, Pippenger.wantedRanges(1, 2));
        assertEquals(2, Pippenger.wantedRanges(2, 2));
        assertEquals(2, Pippenger.wantedRanges(3, 2));
        assertEquals(1, Pippenger.wantedRanges(4, 2));
        assertEquals(32, Pippenger.wantedRanges(1, 16));
        assertEquals(1, Pippenger.wantedRanges(32, 16));
    }

    @Test
    void plannerRespectsTheMemoryBudget() {
        for (int logN : new int[] {4, 10, 16, 20}) {
            int n = 1 << logN;
            for (long budget : new long[] {1L << 26, 1L << 30}) {
                if (128L * n > budget) {
                    // Even a single chunk (the bases and their φ images) does not fit: refused.
                    assertThrows(IllegalArgumentException.class, () -> FixedBaseMsm.plan(n, 0, 0, budget, 2));
                    continue;
                }
                int[] ct = FixedBaseMsm.plan(n, 0, 0, budget, 2);
                int windows = SignedDigits.windows(127, ct[0]);
                long bytes = 64L * 2 * n * ((windows + ct[1] - 1) / ct[1]);
                assertTrue(bytes <= budget, "2^" + logN + ": " + Arrays.toString(ct) + " needs " + bytes);
            }
        }
    }

    @Test
    void refusesBadInput() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("FixedBaseMsmTest.badInput");
        long[] bases = randomBases(c, 8, rng);
        long[] scalars = randomScalars(c, 9, rng);
        FixedBaseMsm.Precomputation pre = FixedBaseMsm.precompute(c, bases, 0, 8);
        long[] nonCanonical = scalars.clone();
        System.arraycopy(Limbs.fromBigInteger(c.scalarField().modulus().add(BigInteger.ONE)), 0, nonCanonical, 4, 4);
        List<Runnable> bad = List.of(
                () -> FixedBaseMsm.msm(pre, scalars, 0, 9),
                () -> FixedBaseMsm.msm(pre, scalars, 0, -1),
                () -> FixedBaseMsm.msm(pre, new long[12], 0, 4),
                () -> FixedBaseMsm.msm(pre, scalars, 8 * 4 + 1, 8),
                () -> FixedBaseMsm.msm(pre, nonCanonical, 0, 8),
                () -> FixedBaseMsm.msm(null, scalars, 0, 1),
                () -> FixedBaseMsm.msm(pre, scalars, 0, 8, 0),
                () -> FixedBaseMsm.precompute(c, bases, 0, 9),
                () -> FixedBaseMsm.precompute(c, bases, 0, -2),
                () -> FixedBaseMsm.precompute(c, bases, 0, 8, 1, 1, 1L << 30, Workers.single()),
                () -> FixedBaseMsm.precompute(c, bases, 0, 8, 16, -1, 1L << 30, Workers.single()),
                () -> FixedBaseMsm.precompute(c, bases, 0, 8, 0, 0, 100, Workers.single()));
        for (int i = 0; i < bad.size(); i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.get(i)::run, "case " + i);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "case " + i + " has a message");
        }
    }
}
