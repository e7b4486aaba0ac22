package dev.vampvm.plonk.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.field.Fp;
import dev.vampvm.field.Lanes;
import dev.vampvm.testing.Seeds;
import dev.vampvm.testing.SystemProperties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A constraint program run in SIMD lanes (w points at a time; the lanes-256 test run repeats it with four lanes)
 * computes exactly what the scalar kernels do, point for point: random programs with every kind of node, rotations
 * that wrap around the vector's end in some lanes, sizes of one lane block up to several parallel chunks.
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
                long[] folded = SystemProperties.with(Lanes.PROPERTY, "off", () -> p.evaluateFolded(y));
                long[][] outputs = SystemProperties.with(Lanes.PROPERTY, "off", p::evaluateOutputs);
                String what = "2^" + logSize + " points, trial " + trial;
                assertArrayEquals(folded, SystemProperties.with(Lanes.PROPERTY, "on", () -> p.evaluateFolded(y)),
                        what + ", folded");
                long[][] got = SystemProperties.with(Lanes.PROPERTY, "on", p::evaluateOutputs);
                for (int k = 0; k < outputs.length; k++) {
                    assertArrayEquals(outputs[k], got[k], what + ", output " + k);
                }
            }
        }
    }
}
