package dev.vampvm.msm;

import static dev.vampvm.msm.MsmTestData.AFF;
import static dev.vampvm.msm.MsmTestData.describe;
import static dev.vampvm.msm.MsmTestData.randomBases;
import static dev.vampvm.msm.MsmTestData.randomScalars;
import static dev.vampvm.msm.MsmTestData.setScalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.field.Lanes;
import dev.vampvm.field.Limbs;
import dev.vampvm.testing.Seeds;
import dev.vampvm.testing.SystemProperties;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The variable-base MSM against {@link ReferenceMsm}, in every engine configuration (projective and
 * batch-affine buckets, with and without GLV), on random and edge-case inputs, plus determinism across
 * thread counts and refusal of bad input.
 */
class MsmTest {

    static ShortWeierstrassCurve[] curves() {
        return MsmTestData.curves();
    }

    /** Configurations that between them exercise every code path whatever n is. */
    static final List<Msm.Options> CONFIGS = List.of(
            Msm.Options.DEFAULT,
            new Msm.Options(3, false, Msm.Endomorphism.OFF),
            new Msm.Options(12, true, Msm.Endomorphism.OFF),
            new Msm.Options(12, true, Msm.Endomorphism.ON),
            new Msm.Options(13, true, Msm.Endomorphism.ON),
            new Msm.Options(7, false, Msm.Endomorphism.ON));

    static void assertSamePoint(ShortWeierstrassCurve c, long[] expected, long[] actual, String what) {
        assertTrue(c.equalProjective(expected, 0, actual, 0),
                () -> what + ": expected " + describe(c, expected) + ", got " + describe(c, actual));
    }

    /** Every configuration on the given input must match the reference. */
    static void checkAllConfigs(ShortWeierstrassCurve c, long[] bases, long[] scalars, int n, long[] expected, String what) {
        for (Msm.Options o : CONFIGS) {
            long[] actual = Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(), o);
            assertSamePoint(c, expected, actual, what + " with " + o);
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void randomSizesMatchReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.randomSizes." + c.name());
        int[] sizes = {0, 1, 2, 3, 4, 5, 7, 8, 16, 31, 32, 64, 100, 128, 256, 257, 512, 1000, 1024};
        long[] bases = randomBases(c, 1024, rng);
        long[] scalars = randomScalars(c, 1024, rng);
        for (int n : sizes) {
            long[] expected = ReferenceMsm.msm(c, bases, 0, scalars, 0, n);
            assertSamePoint(c, expected, Msm.msm(c, bases, 0, scalars, 0, n), "n = " + n);
            if (n == 1 || n == 7 || n == 257 || n == 1024) {
                checkAllConfigs(c, bases, scalars, n, expected, "n = " + n);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void narrowestWindows(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.narrow." + c.name());
        int n = 7;
        long[] bases = randomBases(c, n, rng);
        long[] scalars = randomScalars(c, n, rng);
        long[] expected = ReferenceMsm.msm(c, bases, 0, scalars, 0, n);
        for (int w = 1; w <= 2; w++) {
            for (Msm.Endomorphism e : new Msm.Endomorphism[] {Msm.Endomorphism.OFF, Msm.Endomorphism.ON}) {
                assertSamePoint(c, expected, Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(),
                        new Msm.Options(w, false, e)), "c = " + w + ", " + e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void offsetsAreHonoured(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.offsets." + c.name());
        int n = 300;
        long[] bases = randomBases(c, n + 3, rng);
        long[] scalars = randomScalars(c, n + 5, rng);
        long[] expected = ReferenceMsm.msm(c, bases, 3 * AFF, scalars, 5 * 4, n);
        assertSamePoint(c, expected, Msm.msm(c, bases, 3 * AFF, scalars, 5 * 4, n), "offsets");
        assertSamePoint(c, expected, Msm.msm(c, bases, 3 * AFF, scalars, 5 * 4, n, Workers.single(),
                new Msm.Options(12, true, Msm.Endomorphism.ON)), "offsets, GLV");
    }

    @ParameterizedTest
    @MethodSource("curves")
    void edgeCases(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.edgeCases." + c.name());
        BigInteger order = c.scalarField().modulus();
        int n = 400;
        long[] bases = randomBases(c, n, rng);
        long[] scalars = randomScalars(c, n, rng);

        long[] zeros = new long[4 * n];
        checkAllConfigs(c, bases, zeros, n, ReferenceMsm.msm(c, bases, 0, zeros, 0, n), "all-zero scalars");

        // Some zero scalars, scalars 1, order − 1, and values at or above 2^254 (both Pasta orders exceed 2^254).
        long[] special = scalars.clone();
        for (int i = 0; i < n; i += 5) {
            setScalar(c, special, i, BigInteger.ZERO);
            setScalar(c, special, i + 1, BigInteger.ONE);
            setScalar(c, special, i + 2, order.subtract(BigInteger.ONE));
            setScalar(c, special, i + 3, BigInteger.ONE.shiftLeft(254).add(BigInteger.valueOf(rng.nextInt(1 << 20))));
        }
        checkAllConfigs(c, bases, special, n, ReferenceMsm.msm(c, bases, 0, special, 0, n), "special scalars");

        // Identity bases among random ones.
        long[] withIdentity = bases.clone();
        for (int i = 0; i < n; i += 3) {
            java.util.Arrays.fill(withIdentity, AFF * i, AFF * i + AFF, 0L);
        }
        checkAllConfigs(c, withIdentity, scalars, n, ReferenceMsm.msm(c, withIdentity, 0, scalars, 0, n), "identity bases");

        // P and −P with equal scalars (buckets cancel) and with random ones; repeated points with equal scalars
        // (buckets double).
        long[] pairs = bases.clone();
        long[] pairScalars = scalars.clone();
        for (int i = 0; i + 1 < n; i += 4) {
            System.arraycopy(pairs, AFF * i, pairs, AFF * (i + 1), AFF);
            c.arithmetic().negAffine(pairs, AFF * (i + 1), pairs, AFF * (i + 1));
            System.arraycopy(pairScalars, 4 * i, pairScalars, 4 * (i + 1), 4);
        }
        for (int i = 2; i + 1 < n; i += 4) {
            System.arraycopy(pairs, AFF * i, pairs, AFF * (i + 1), AFF);
            System.arraycopy(pairScalars, 4 * i, pairScalars, 4 * (i + 1), 4);
        }
        checkAllConfigs(c, pairs, pairScalars, n, ReferenceMsm.msm(c, pairs, 0, pairScalars, 0, n), "P, −P and P, P pairs");

        // A handful of distinct points repeated many times with random scalars.
        long[] repeated = new long[AFF * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(bases, AFF * (i % 3), repeated, AFF * i, AFF);
        }
        checkAllConfigs(c, repeated, scalars, n, ReferenceMsm.msm(c, repeated, 0, scalars, 0, n), "repeated points");
    }

    /**
     * One point, one scalar, many times: every window sends all terms to one bucket, so batches hold one
     * entry and the conflict queue overflows into the projective buckets. Expected: [n·k]P.
     */
    @ParameterizedTest
    @MethodSource("curves")
    void sameTermManyTimes(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.sameTerm." + c.name());
        int n = 5000;
        long[] p = MsmTestData.randomPoint(c, rng);
        long[] bases = new long[AFF * n];
        long[] scalars = new long[4 * n];
        long[] k = new long[4];
        c.scalarField().random(rng, k, 0);
        for (int i = 0; i < n; i++) {
            System.arraycopy(p, 0, bases, AFF * i, AFF);
            System.arraycopy(k, 0, scalars, 4 * i, 4);
        }
        BigInteger total = c.scalarField().toBigInteger(k, 0).multiply(BigInteger.valueOf(n)).mod(c.scalarField().modulus());
        long[] expected = MsmTestData.affineToProjective(c, p, 0);
        c.arithmetic().mulDoubleAndAdd(expected, 0, Limbs.fromBigInteger(total), expected, 0);
        checkAllConfigs(c, bases, scalars, n, expected, "n·[k]P");
    }

    /**
     * Inputs whose digits pile into few buckets, so that the batch's queue fills and is summed pairwise
     * (BucketAccumulator.collapse), with the lanes and without: one scalar for every base, scalars 0 and 1, scalars
     * below 8, a few bases repeated many times (doublings on the way) and bases beside their negatives with equal
     * scalars (cancellations).
     */
    @ParameterizedTest
    @MethodSource("curves")
    void pilesOfEqualDigitsMatchTheReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.piles." + c.name());
        int n = 1500;
        long[] random = MsmTestData.randomBases(c, n, rng);
        long[] repeated = new long[AFF * n];
        long[] withNegatives = new long[AFF * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(random, AFF * (i % 7), repeated, AFF * i, AFF);
            System.arraycopy(random, AFF * (i / 2), withNegatives, AFF * i, AFF);
            if (i % 2 == 1) {
                c.baseField().neg(withNegatives, AFF * i + 4, withNegatives, AFF * i + 4);
            }
        }
        var fr = c.scalarField();
        long[] k = new long[4];
        fr.random(rng, k, 0);
        long[][] scalarSets = new long[4][4 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(k, 0, scalarSets[0], 4 * i, 4);
            System.arraycopy(fr.fromBigInteger(BigInteger.valueOf(rng.nextInt(2))), 0, scalarSets[1], 4 * i, 4);
            System.arraycopy(fr.fromBigInteger(BigInteger.valueOf(rng.nextInt(8))), 0, scalarSets[2], 4 * i, 4);
            System.arraycopy(fr.fromBigInteger(BigInteger.valueOf(1 + (i / 2) % 3)), 0, scalarSets[3], 4 * i, 4);
        }
        String[] names = {"one scalar", "scalars 0 and 1", "scalars below 8", "pairs of equal small scalars"};
        long[][] baseSets = {random, repeated, withNegatives};
        String[] baseNames = {"random bases", "7 bases repeated", "bases beside their negatives"};
        long[][][] expected = new long[baseSets.length][scalarSets.length][];
        for (int b = 0; b < baseSets.length; b++) {
            for (int s = 0; s < scalarSets.length; s++) {
                expected[b][s] = ReferenceMsm.msm(c, baseSets[b], 0, scalarSets[s], 0, n);
            }
        }
        for (String lanes : new String[] {"on", "off"}) {
            SystemProperties.with(Lanes.PROPERTY, lanes, () -> {
                for (int b = 0; b < baseSets.length; b++) {
                    for (int s = 0; s < scalarSets.length; s++) {
                        for (Msm.Options o : List.of(Msm.Options.DEFAULT, new Msm.Options(12, true, Msm.Endomorphism.OFF))) {
                            long[] actual = Msm.msm(c, baseSets[b], 0, scalarSets[s], 0, n, Workers.single(), o);
                            assertSamePoint(c, expected[b][s], actual,
                                    names[s] + ", " + baseNames[b] + ", lanes " + lanes + ", " + o);
                        }
                    }
                }
                return null;
            });
        }
    }

    @ParameterizedTest
    @MethodSource("curves")
    void sameLimbsForAnyThreadCount(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.threads." + c.name());
        int n = 6000;
        long[] bases = randomBases(c, n, rng);
        long[] scalars = randomScalars(c, n, rng);
        for (Msm.Endomorphism e : Msm.Endomorphism.values()) {
            Msm.Options o = Msm.Options.glv(e);
            long[] one = Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(), o);
            for (int threads : new int[] {2, 4}) {
                try (ForkJoinPool pool = new ForkJoinPool(threads - 1)) {
                    assertArrayEquals(one, Msm.msm(c, bases, 0, scalars, 0, n, new Workers(pool, threads), o),
                            threads + " threads, " + e);
                }
            }
            // Forced point-range splitting (few windows, many workers).
            Msm.Options wide = new Msm.Options(14, true, e);
            long[] wideOne = Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(), wide);
            try (ForkJoinPool pool = new ForkJoinPool(3)) {
                assertArrayEquals(wideOne, Msm.msm(c, bases, 0, scalars, 0, n, new Workers(pool, 4), wide));
            }
            assertArrayEquals(one, wideOne, "same normalised limbs for every configuration");
        }
        assertArrayEquals(Msm.msm(c, bases, 0, scalars, 0, n, 1), Msm.msm(c, bases, 0, scalars, 0, n, 3));
        try (ForkJoinPool pool = new ForkJoinPool(2)) {
            assertArrayEquals(Msm.msm(c, bases, 0, scalars, 0, n, 1), Msm.msm(c, bases, 0, scalars, 0, n, pool));
        }
    }

    @Test
    void emptySumIsTheIdentity() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        long[] r = Msm.msm(c, new long[0], 0, new long[0], 0, 0);
        assertTrue(c.isIdentityProjective(r, 0));
        assertTrue(c.isOnCurveProjective(r, 0));
    }

    @Test
    void refusesBadInput() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.PALLAS;
        SplittableRandom rng = Seeds.rng("MsmTest.badInput");
        long[] bases = randomBases(c, 4, rng);
        long[] scalars = randomScalars(c, 4, rng);
        List<Runnable> bad = new ArrayList<>();
        bad.add(() -> Msm.msm(c, bases, 0, scalars, 0, 5));
        bad.add(() -> Msm.msm(c, bases, 0, scalars, 0, -1));
        bad.add(() -> Msm.msm(c, bases, AFF, scalars, 0, 4));
        bad.add(() -> Msm.msm(c, bases, 0, scalars, 4, 4));
        bad.add(() -> Msm.msm(c, bases, -8, scalars, 0, 1));
        bad.add(() -> Msm.msm(c, bases, 0, new long[12], 0, 4));
        bad.add(() -> Msm.msm(c, new long[24], 0, scalars, 0, 4));
        bad.add(() -> Msm.msm(c, null, 0, scalars, 0, 1));
        bad.add(() -> Msm.msm(c, bases, 0, scalars, 0, 4, 0));
        bad.add(() -> new Msm.Options(21, true, Msm.Endomorphism.OFF));
        long[] nonCanonical = scalars.clone();
        System.arraycopy(Limbs.fromBigInteger(c.scalarField().modulus()), 0, nonCanonical, 8, 4);
        bad.add(() -> Msm.msm(c, bases, 0, nonCanonical, 0, 4));
        bad.add(() -> ReferenceMsm.msm(c, bases, 0, nonCanonical, 0, 4));
        long[] allOnes = scalars.clone();
        java.util.Arrays.fill(allOnes, 12, 16, -1L);
        bad.add(() -> Msm.msm(c, bases, 0, allOnes, 0, 4, Workers.single(), Msm.Options.glv(Msm.Endomorphism.ON)));
        for (int i = 0; i < bad.size(); i++) {
            Runnable r = bad.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run, "case " + i);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "case " + i + " has a message");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Msm.msm(c, bases, 0, nonCanonical, 0, 4));
        assertTrue(e.getMessage().contains("scalar 2"), e.getMessage());
    }

    @Test
    void automaticChoicesAgreeWithExplicitOnes() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("MsmTest.automatic");
        int n = 4097;
        long[] bases = randomBases(c, n, rng);
        long[] scalars = randomScalars(c, n, rng);
        assertArrayEquals(Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(), Msm.Options.glv(Msm.Endomorphism.OFF)),
                Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(), Msm.Options.DEFAULT));
        assertTrue(Msm.glvPays(1 << 16, 255), "GLV is chosen for large inputs");
    }
}
