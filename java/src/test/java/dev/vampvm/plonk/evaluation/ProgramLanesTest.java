package dev.vampvm.plonk.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Lanes;
import dev.vampvm.testing.Seeds;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A constraint program run in SIMD lanes (w points at a time) computes exactly what the scalar kernels do, point for
 * point: random programs with every kind of node, rotations that wrap around the vector's end in some lanes, sizes of
 * one lane block up to several parallel chunks.
 */
class ProgramLanesTest {

    @Test
    void lanesGiveTheScalarKernelsValues() {
        assumeTrue(Lanes.usable(Fp.FIELD), "no vector lanes on this CPU");
        SplittableRandom rng = Seeds.rng("ProgramLanesTest");
        for (int logSize : new int[] {3, 4, 6, 12}) {
            for (int trial = 0; trial < 4; trial++) {
                Program p = PointProgramTest.randomProgram(rng, logSize, 10 + rng.nextInt(30), 1 + rng.nextInt(5));
                long[] y = new long[4];
                Fp.FIELD.random(rng, y, 0);
                String what = "2^" + logSize + " points, trial " + trial;
                assertArrayEquals(scalar(() -> p.evaluateFolded(y)), p.evaluateFolded(y), what + ", folded");
                long[][] want = scalar(p::evaluateOutputs);
                long[][] got = p.evaluateOutputs();
                for (int k = 0; k < want.length; k++) {
                    assertArrayEquals(want[k], got[k], what + ", output " + k);
                }
            }
        }
    }

    /** What the scalar kernels make: the lanes turned off (Lanes.PROPERTY) for the call. */
    private static <T> T scalar(Supplier<T> run) {
        String before = System.getProperty(Lanes.PROPERTY);
        System.setProperty(Lanes.PROPERTY, "off");
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty(Lanes.PROPERTY);
            } else {
                System.setProperty(Lanes.PROPERTY, before);
            }
        }
    }
}
