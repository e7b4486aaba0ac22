package dev.vampvm.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.field.Lanes;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Seeds;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Evaluation-domain laws shared by Fp and Fq: every transform against the naive O(n²) one, round trips and
 * thread-count independence at larger sizes, the roots of unity, the vanishing polynomial, the Lagrange
 * basis, and refusal of bad input.
 */
abstract class DomainLawsTest {

    protected abstract MontgomeryField field();

    private MontgomeryField f;
    private SplittableRandom rng;

    @BeforeEach
    void setUp(TestInfo info) {
        f = field();
        rng = Seeds.rng(getClass().getSimpleName() + "." + info.getDisplayName());
    }

    /** The largest k the field supports. */
    private int maxK() {
        return Math.min(EvaluationDomain.MAX_K, f.twoAdicity());
    }

    private long[] scalar() {
        long[] x = new long[4];
        Naive.randomInto(f, rng, x, 0);
        return x;
    }

    @Test
    void transformsMatchNaiveDftAtEverySizeUpTo1024() {
        for (int k = 1; k <= 10; k++) {
            EvaluationDomain d = EvaluationDomain.of(f, k);
            int n = d.size();
            long[] coeffs = Naive.random(f, rng, n);
            long[] one = f.one();

            long[] a = coeffs.clone();
            d.ntt(a);
            assertArrayEquals(Naive.evalOnCoset(f, coeffs, one, d.omega(), n), a, "ntt, k = " + k);

            long[] evals = Naive.random(f, rng, n);
            a = evals.clone();
            d.intt(a);
            assertArrayEquals(Naive.interpolateFromCoset(f, evals, one, d.omega()), a, "intt, k = " + k);

            a = coeffs.clone();
            d.cosetNtt(a);
            assertArrayEquals(Naive.evalOnCoset(f, coeffs, d.cosetGenerator(), d.omega(), n), a,
                    "cosetNtt, k = " + k);

            a = evals.clone();
            d.cosetIntt(a);
            assertArrayEquals(Naive.interpolateFromCoset(f, evals, d.cosetGenerator(), d.omega()), a,
                    "cosetIntt, k = " + k);
        }
    }

    @Test
    void roundTripsAndThreadCountsAgreeAtLargerSizes() {
        for (int k : new int[] {12, 14, 16}) {
            EvaluationDomain d = EvaluationDomain.of(f, k);
            long[] coeffs = Naive.random(f, rng, d.size());
            long[] plain = null;
            long[] coset = null;
            for (int threads : new int[] {1, 2, 3, 7}) {
                long[] a = coeffs.clone();
                d.ntt(a, threads);
                if (plain == null) {
                    plain = a.clone();
                    // Spot-check the transform itself at a few points.
                    for (int i : new int[] {0, 1, d.size() / 2, d.size() - 1, rng.nextInt(d.size())}) {
                        long[] expect = Naive.eval(f, coeffs, d.omegaPower(i));
                        assertArrayEquals(expect, java.util.Arrays.copyOfRange(a, 4 * i, 4 * i + 4),
                                "ntt at ω^" + i + ", k = " + k);
                    }
                }
                assertArrayEquals(plain, a, "ntt, k = " + k + ", threads = " + threads);
                d.intt(a, threads);
                assertArrayEquals(coeffs, a, "intt ∘ ntt, k = " + k + ", threads = " + threads);

                d.cosetNtt(a, threads);
                if (coset == null) {
                    coset = a.clone();
                }
                assertArrayEquals(coset, a, "cosetNtt, k = " + k + ", threads = " + threads);
                d.cosetIntt(a, threads);
                assertArrayEquals(coeffs, a, "cosetIntt ∘ cosetNtt, k = " + k + ", threads = " + threads);
            }
        }
    }

    @Test
    void narrowBandsGiveTheSameTransform() {
        // Large domains run three or more bands of stages; force that shape at a small size.
        int k = 11;
        EvaluationDomain d = EvaluationDomain.of(f, k);
        long[] coeffs = Naive.random(f, rng, d.size());
        long[] expect = coeffs.clone();
        d.ntt(expect, 1);
        for (boolean lanes : Lanes.usable(f) ? new boolean[] {false, true} : new boolean[] {false}) {
            for (int band = 1; band <= 6; band++) {
                for (int threads : new int[] {1, 3}) {
                    long[] a = coeffs.clone();
                    new Radix2Ntt(f, k, d.omega(), band, lanes).forward(a, threads);
                    assertArrayEquals(expect, a, "bands of " + band + " stages, threads = " + threads
                            + (lanes ? ", lanes" : ""));
                }
            }
        }
    }

    @Test
    void lanesGiveTheScalarKernelsTransform() {
        // Every shape of pass the lanes take: the first band (one twiddle for all lanes), later bands with fewer
        // low index bits than lanes and with more, a band cut short by zero padding; and sizes with too few
        // sub-transforms for a tile, which stay on the scalar kernels. (The lanes-256 test run repeats it with four
        // lanes.)
        assumeTrue(Lanes.usable(f), "no vector lanes for " + f.name() + " on this CPU");
        for (int k = 1; k <= 12; k++) {
            EvaluationDomain d = EvaluationDomain.of(f, k);
            for (int band : new int[] {1, 3, 4, 12}) {
                Radix2Ntt scalar = new Radix2Ntt(f, k, d.omega(), band, false);
                Radix2Ntt lanes = new Radix2Ntt(f, k, d.omega(), band, true);
                for (int j = 0; j <= Math.min(3, k); j++) {
                    long[] src = Naive.random(f, rng, d.size() >> j);
                    long[] expect = new long[4 * d.size()];
                    long[] got = new long[4 * d.size()];
                    scalar.forwardZeroPadded(src, j, expect, 1);
                    lanes.forwardZeroPadded(src, j, got, 2);
                    assertArrayEquals(expect, got, "k = " + k + ", bands of " + band + ", 2^" + j + " padding");
                }
            }
        }
    }

    @Test
    void extendedCosetMatchesNaiveEvaluation() {
        // The full check lives in ExtendedDomainTest; this runs the same path over every field of this suite.
        ExtendedDomain e = ExtendedDomain.of(EvaluationDomain.of(f, 4), 5);
        EvaluationDomain ext = e.extended();
        long[] coeffs = Naive.random(f, rng, 16);
        long[] evals = e.coeffToExtended(coeffs);
        assertArrayEquals(Naive.evalOnCoset(f, coeffs, ext.cosetGenerator(), ext.omega(), ext.size()), evals);
        e.extendedToCoeff(evals);
        assertArrayEquals(java.util.Arrays.copyOf(coeffs, 4 * ext.size()), evals);
    }

    @Test
    void omegaHasOrderExactlyN() {
        long[] one = f.one();
        long[] minusOne = new long[4];
        f.neg(one, 0, minusOne, 0);
        for (int k = 1; k <= maxK(); k++) {
            EvaluationDomain d = EvaluationDomain.of(f, k);
            long[] w = d.omega();
            for (int i = 0; i < k - 1; i++) {
                f.square(w, 0, w, 0);
            }
            // ω^(n/2) = −1 rules out every smaller order (they divide n/2); then ω^n = 1.
            assertArrayEquals(minusOne, w, "ω^(n/2), k = " + k);
            long[] prod = new long[4];
            f.mul(d.omega(), 0, d.omegaInverse(), 0, prod, 0);
            assertArrayEquals(one, prod, "ω · ω⁻¹, k = " + k);
            f.mul(d.sizeInverse(), 0, f.fromBigInteger(BigInteger.ONE.shiftLeft(k)), 0, prod, 0);
            assertArrayEquals(one, prod, "n · n⁻¹, k = " + k);
        }
    }

    @Test
    void cosetGeneratorIsOutsideH() {
        EvaluationDomain d = EvaluationDomain.of(f, 5);
        long[] g = d.cosetGenerator();
        long[] prod = new long[4];
        f.mul(g, 0, d.cosetGeneratorInverse(), 0, prod, 0);
        assertTrue(f.isOne(prod, 0), "g · g⁻¹ = 1");
        assertFalse(f.isOne(g, 0));
        if (f.modulus().subtract(BigInteger.ONE).mod(BigInteger.valueOf(3)).signum() == 0) {
            // A primitive cube root of unity, so g⁻¹ = g².
            long[] g2 = new long[4];
            f.square(g, 0, g2, 0);
            assertArrayEquals(d.cosetGeneratorInverse(), g2, "g⁻¹ = g²");
        } else {
            assertArrayEquals(f.generator(), g, "without cube roots of unity, the multiplicative generator");
        }
        for (int k = 1; k <= maxK(); k++) {
            long[] z = EvaluationDomain.of(f, k).evaluateVanishing(g);
            assertFalse(f.isZero(z, 0), "g^n ≠ 1 for k = " + k);
        }
    }

    @Test
    void domainsAreCached() {
        assertSame(EvaluationDomain.of(f, 9), EvaluationDomain.of(f, 9));
        EvaluationDomain d = EvaluationDomain.of(f, 9);
        assertSame(d.twiddles(), d.twiddles());
    }

    @Test
    void omegaPowersAndRotations() {
        EvaluationDomain d = EvaluationDomain.of(f, 6);
        long[] w = d.omega();
        long[] acc = f.one();
        for (int i = 0; i < 64; i++) {
            assertArrayEquals(acc, d.omegaPower(i), "ω^" + i);
            assertArrayEquals(acc, d.omegaPower(i - 64), "ω^(" + (i - 64) + ")");
            f.mul(acc, 0, w, 0, acc, 0);
        }
        long[] x = scalar();
        long[] expect = new long[4];
        f.mul(x, 0, d.omegaInverse(), 0, expect, 0);
        assertArrayEquals(expect, d.rotate(x, 0, -1));
    }

    @Test
    void vanishingPolynomial() {
        EvaluationDomain d = EvaluationDomain.of(f, 7);
        BigInteger p = f.modulus();
        for (int t = 0; t < 20; t++) {
            long[] x = scalar();
            BigInteger expect = f.toBigInteger(x, 0).modPow(BigInteger.valueOf(128), p).subtract(BigInteger.ONE).mod(p);
            assertEquals(expect, f.toBigInteger(d.evaluateVanishing(x), 0));
        }
        for (int i = 0; i < 128; i += 17) {
            assertTrue(f.isZero(d.evaluateVanishing(d.omegaPower(i)), 0), "Z_H(ω^" + i + ")");
        }
    }

    /** l_i(x) = Π_{j≠i} (x − ω^j) / (ω^i − ω^j), straight from the definition. */
    private long[] naiveLagrange(EvaluationDomain d, int i, long[] x) {
        long[] num = f.one();
        long[] den = f.one();
        long[] wi = d.omegaPower(i);
        long[] t = new long[4];
        for (int j = 0; j < d.size(); j++) {
            if (j == Math.floorMod(i, d.size())) {
                continue;
            }
            long[] wj = d.omegaPower(j);
            f.sub(x, 0, wj, 0, t, 0);
            f.mul(num, 0, t, 0, num, 0);
            f.sub(wi, 0, wj, 0, t, 0);
            f.mul(den, 0, t, 0, den, 0);
        }
        f.inv(den, 0, den, 0);
        f.mul(num, 0, den, 0, num, 0);
        return num;
    }

    @Test
    void lagrangeBasisMatchesDefinition() {
        EvaluationDomain d = EvaluationDomain.of(f, 4);
        int[] rotations = {0, 1, -1, 3, -5, 7, 15, -16};
        for (int t = 0; t < 5; t++) {
            long[] x = scalar();
            long[] got = d.lagrangeBasisAt(x, rotations);
            assertEquals(4 * rotations.length, got.length);
            for (int r = 0; r < rotations.length; r++) {
                assertArrayEquals(naiveLagrange(d, rotations[r], x),
                        java.util.Arrays.copyOfRange(got, 4 * r, 4 * r + 4), "rotation " + rotations[r]);
            }
        }
        assertEquals(0, d.lagrangeBasisAt(scalar()).length);
    }

    @Test
    void lagrangeBasisInsideHIsExact() {
        EvaluationDomain d = EvaluationDomain.of(f, 4);
        int[] rotations = {0, 1, -1, 3, 15};
        for (int i = 0; i < 16; i++) {
            long[] x = d.omegaPower(i);
            long[] got = d.lagrangeBasisAt(x, rotations);
            for (int r = 0; r < rotations.length; r++) {
                boolean hit = Math.floorMod(rotations[r], 16) == i;
                assertTrue(hit ? f.isOne(got, 4 * r) : f.isZero(got, 4 * r),
                        "l_{ω^" + rotations[r] + "}(ω^" + i + ")");
            }
        }
    }

    @Test
    void refusesBadDomainSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluationDomain.of(f, 0));
        assertTrue(e.getMessage().contains("k = 0") && e.getMessage().contains("1 ≤ k ≤ " + maxK()), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluationDomain.of(f, 29));
        assertTrue(e.getMessage().contains("k = 29") && e.getMessage().contains("1 ≤ k ≤ " + maxK()), e.getMessage());
        int beyond = maxK() + 1;
        e = assertThrows(IllegalArgumentException.class, () -> EvaluationDomain.of(f, beyond));
        assertTrue(e.getMessage().contains("k = " + beyond), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EvaluationDomain.of(f, -3));
    }

    @Test
    void refusesVectorsOfTheWrongLength() {
        EvaluationDomain d = EvaluationDomain.of(f, 3);
        for (long[] bad : new long[][] {new long[0], new long[4 * 7], new long[4 * 9], new long[33]}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.ntt(bad));
            assertTrue(e.getMessage().contains("exactly 8 elements"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.intt(bad));
            assertThrows(IllegalArgumentException.class, () -> d.cosetNtt(bad));
            assertThrows(IllegalArgumentException.class, () -> d.cosetIntt(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> d.ntt(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.ntt(new long[32], 0));
        assertTrue(e.getMessage().contains("thread count"), e.getMessage());
    }
}
