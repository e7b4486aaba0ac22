package dev.vampvm.commit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.backend.Backend;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.backend.cuda.CudaBackend;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.poly.EvaluationDomain;
import dev.vampvm.poly.Polynomials;
import dev.vampvm.testing.Emulator;
import dev.vampvm.testing.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Division by (X − z) over H on an engine equals synthetic division on the host (padded with a zero), at the sizes an
 * opening uses from the smallest (n = 2; a domain has k ≥ 1) up, at random points, zero, rotations x·ω^±1 as queries
 * make, and points of H, where the engine's denominators ω^i − z would vanish and the host divides instead.
 */
class LinearDivisionTest {
    private static final MontgomeryField F = Fp.FIELD;

    private static long[] random(SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(rng, v, 4 * i);
        }
        return v;
    }

    private static void sameAsSyntheticDivision(Backend engine, SplittableRandom rng) {
        for (int k : new int[] {1, 3, 10}) {
            EvaluationDomain domain = EvaluationDomain.of(F, k);
            int n = domain.size();
            long[] x = random(rng, 1);
            long[][] points = {x, new long[4], domain.rotate(x, 0, 1), domain.rotate(x, 0, -1), F.one(),
                    domain.omegaPower(rng.nextInt(n)), domain.omegaPower(n - 1)};
            try (LinearDivision division = new LinearDivision(engine, domain)) {
                for (int p = 0; p < points.length; p++) {
                    long[] coeffs = random(rng, n);
                    long[] expected = Arrays.copyOf(Polynomials.divideByLinear(F, coeffs, points[p]), 4 * n);
                    try (ScalarVector t = engine.upload(F, coeffs, 0, n)) {
                        division.divide(t, points[p]);
                        assertArrayEquals(expected, engine.download(t), "n = " + n + ", point " + p);
                        // Divided again, by the same divider and scratch: the quotient's quotient.
                        long[] twice = Arrays.copyOf(Polynomials.divideByLinear(F, expected, points[p]), 4 * n);
                        division.divide(t, points[p]);
                        assertArrayEquals(twice, engine.download(t), "n = " + n + ", point " + p + ", twice");
                    }
                }
            }
        }
    }

    @Test
    void onTheJavaEngineItIsSyntheticDivision() {
        try (JavaBackend java = new JavaBackend(2)) {
            sameAsSyntheticDivision(java, Seeds.rng("LinearDivisionTest.java"));
        }
    }

    @Test
    void andOnTheEmulatedCudaEngine() {
        Emulator.assumeAvailable();
        try (CudaBackend cuda = CudaBackend.openEmulated()) {
            sameAsSyntheticDivision(cuda, Seeds.rng("LinearDivisionTest.cuda"));
        }
    }

    @Test
    void aPolynomialOfAnotherSizeOrAMalformedPointIsRefused() {
        EvaluationDomain domain = EvaluationDomain.of(F, 3);
        try (JavaBackend java = new JavaBackend(1); LinearDivision division = new LinearDivision(java, domain);
                ScalarVector small = java.allocate(F, 4); ScalarVector t = java.allocate(F, 8)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> division.divide(small, F.one()));
            assertTrue(e.getMessage().contains("4 coefficients"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> division.divide(t, new long[3]));
        }
    }
}
