package dev.vampvm.msm;

import static dev.vampvm.msm.MsmTestData.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MsmTest {

    static ShortWeierstrassCurve[] curves() {
        return MsmTestData.curves();
    }

    private static void assertSame(ShortWeierstrassCurve c, long[] expected, long[] actual, String what) {
        assertTrue(c.equalProjective(expected, 0, actual, 0),
                () -> what + ": expected " + describe(c, expected) + ", got " + describe(c, actual));
    }

    @ParameterizedTest
    @MethodSource("curves")
    void randomSizesMatchReference(ShortWeierstrassCurve c) {
        SplittableRandom rng = Seeds.rng("MsmTest.randomSizes." + c.name());
        int[] sizes = {0, 1, 2, 3, 5, 7, 8, 16, 31, 32, 64, 100, 128, 256, 257, 512, 1000, 1024};
        long[] bases = randomBases(c, 1024, rng);
        long[] scalars = randomScalars(c, 1024, rng);
        for (int n : sizes) {
            long[] expected = ReferenceMsm.msm(c, bases, 0, scalars, 0, n);
            long[] actual = Msm.msm(c, bases, 0, scalars, 0, n);
            assertSame(c, expected, actual, "n = " + n);
        }
    }
}
