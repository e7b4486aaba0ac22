package dev.vampvm.msm;

import static dev.vampvm.msm.MsmTest.assertSamePoint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vampvm.curve.ShortWeierstrassCurve;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 2^16 terms against the reference sum, computed in parallel slices (about 30 CPU-seconds). */
@Tag("slow")
class MsmLargeTest {

    @Test
    void sixtyFiveThousandTermsOnVesta() {
        ShortWeierstrassCurve c = ShortWeierstrassCurve.VESTA;
        SplittableRandom rng = Seeds.rng("MsmLargeTest");
        int n = 1 << 16;
        long[] bases = MsmTestData.randomBases(c, n, rng);
        long[] scalars = MsmTestData.randomScalars(c, n, rng);
        int slices = 64;
        long[][] partial = new long[slices][];
        IntStream.range(0, slices).parallel().forEach(s -> {
            int from = n / slices * s;
            partial[s] = ReferenceMsm.msm(c, bases, MsmTestData.AFF * from, scalars, 4 * from, n / slices);
        });
        long[] expected = partial[0];
        for (int s = 1; s < slices; s++) {
            c.arithmetic().add(expected, 0, partial[s], 0, expected, 0);
        }
        long[] fast = Msm.msm(c, bases, 0, scalars, 0, n);
        assertSamePoint(c, expected, fast, "Msm, 2^16");
        assertArrayEquals(fast, Msm.msm(c, bases, 0, scalars, 0, n, Workers.single(), Msm.Options.glv(Msm.Endomorphism.OFF)));
        FixedBaseMsm.Precomputation pre = FixedBaseMsm.precompute(c, bases, 0, n);
        assertArrayEquals(fast, FixedBaseMsm.msm(pre, scalars, 0, n));
    }
}
