package dev.vampvm.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vampvm.backend.JavaBackend;
import dev.vampvm.backend.ScalarVector;
import dev.vampvm.field.Fp;
import dev.vampvm.field.MontgomeryField;
import dev.vampvm.testing.Emulator;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CUDA engine's evaluate keeps the powers of the last few points it was asked about (CudaBackend.POWERS_KEPT), so
 * that a proof's many polynomials evaluated at one point make its powers once: every value is still the Java engine's,
 * and the powers kernel runs only for a point it does not have, or has too few powers of.
 */
class EvaluatePowersTest {
    private static final MontgomeryField F = Fp.FIELD;
    /** The powers kernel over F. */
    private static final String POWERS = "vv_powers_fp";

    private static long[] random(SplittableRandom rng, int n) {
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            F.random(rng, v, 4 * i);
        }
        return v;
    }

    @Test
    void polynomialsEvaluatedAtOnePointShareItsPowers() {
        Emulator.assumeAvailable();
        SplittableRandom rng = Seeds.rng("EvaluatePowersTest");
        LaunchCountingDevice device = new LaunchCountingDevice(EmulatedDevice.open());
        long[][] polys = {random(rng, 16), random(rng, 8), random(rng, 16), random(rng, 32)};
        long[][] points = new long[CudaBackend.POWERS_KEPT + 2][];
        for (int i = 0; i < points.length; i++) {
            points[i] = random(rng, 1);
        }
        try (CudaBackend cuda = new CudaBackend(device); JavaBackend java = new JavaBackend(1)) {
            ScalarVector[] onCuda = new ScalarVector[polys.length];
            ScalarVector[] onJava = new ScalarVector[polys.length];
            for (int i = 0; i < polys.length; i++) {
                onCuda[i] = cuda.upload(F, polys[i], 0, polys[i].length / 4);
                onJava[i] = java.upload(F, polys[i], 0, polys[i].length / 4);
            }
            // {polynomial, point, powers launches expected after it}
            int[][] steps = {
                {0, 0, 1}, // x's powers made, 16 of them
                {1, 0, 1}, // fewer coefficients: the same powers
                {2, 0, 1}, // as many: the same powers
                {0, 1, 2}, // another point
                {3, 0, 3}, // more coefficients than x has powers: made again, 32
                {1, 0, 3}, {0, 1, 3},
            };
            for (int[] s : steps) {
                assertArrayEquals(java.evaluate(onJava[s[0]], points[s[1]]), cuda.evaluate(onCuda[s[0]], points[s[1]]),
                        "polynomial " + s[0] + " at point " + s[1]);
                assertEquals(s[2], device.launches(POWERS),
                        "powers launches after polynomial " + s[0] + " at point " + s[1]);
            }
            // POWERS_KEPT other points push x out (least recently used first); a point kept is still served.
            for (int i = 2; i < points.length; i++) {
                assertArrayEquals(java.evaluate(onJava[0], points[i]), cuda.evaluate(onCuda[0], points[i]));
            }
            int before = device.launches(POWERS);
            assertArrayEquals(java.evaluate(onJava[1], points[points.length - 1]),
                    cuda.evaluate(onCuda[1], points[points.length - 1]));
            assertEquals(before, device.launches(POWERS), "the last point is kept");
            assertArrayEquals(java.evaluate(onJava[1], points[0]), cuda.evaluate(onCuda[1], points[0]));
            assertEquals(before + 1, device.launches(POWERS), "x was pushed out");
        }
    }
}
