package dev.vampvm.field;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vampvm.testing.SystemProperties;
import org.junit.jupiter.api.Test;

/** When the lanes run: never when off, at once when on, after their warm-up by default. */
class LanesTest {

    private static boolean usable() {
        return SystemProperties.with(Lanes.PROPERTY, "on", () -> Lanes.usable(Fp.FIELD));
    }

    @Test
    void offIsNeitherUsableNorReady() {
        SystemProperties.with(Lanes.PROPERTY, "off", () -> {
            assertFalse(Lanes.usable(Fp.FIELD));
            assertFalse(Lanes.ready(Fp.FIELD));
            return null;
        });
    }

    @Test
    void onIsReadyAtOnce() {
        assumeTrue(usable(), "no vector lanes on this CPU");
        assertTrue(SystemProperties.with(Lanes.PROPERTY, "on", () -> Lanes.ready(Fp.FIELD)));
    }

    @Test
    void byDefaultTheLanesRunOnceWarmedUp() throws InterruptedException {
        assumeTrue(usable(), "no vector lanes on this CPU");
        long deadline = System.nanoTime() + 120_000_000_000L;
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            ready = SystemProperties.with(Lanes.PROPERTY, null, () -> Lanes.ready(Fp.FIELD));
            if (!ready) {
                Thread.sleep(20);
            }
        }
        assertTrue(ready, "the warm-up did not finish in two minutes");
        assertTrue(Lanes.warm());
        assertTrue(Lanes.awaitWarmUp(), "the warm-up has ended, warm");
        assertFalse(SystemProperties.with(Lanes.PROPERTY, "off", () -> Lanes.ready(Fp.FIELD)), "off still wins");
    }

    @Test
    void theWarmUpEndsWhenTheKernelsBeatTheScalarOnesOrTimeIsUp() {
        assumeTrue(usable(), "no vector lanes on this CPU");
        assertFalse(FieldLanes.warmUp(Fp.FIELD, 0), "no time: no round, not warm");
        assertTrue(FieldLanes.warmUp(Fq.FIELD, 120_000_000_000L));
    }
}
