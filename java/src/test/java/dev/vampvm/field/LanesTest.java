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
            assertFalse(Lanes.ready(Fp.FIELD, Lanes.WARM_UP_MIN_SIZE));
            return null;
        });
    }

    @Test
    void onIsReadyAtOnce() {
        assumeTrue(usable(), "no vector lanes on this CPU");
        assertTrue(SystemProperties.with(Lanes.PROPERTY, "on", () -> Lanes.ready(Fp.FIELD, Lanes.WARM_UP_MIN_SIZE)));
    }

    @Test
    void byDefaultTheLanesRunOnceWarmedUp() throws InterruptedException {
        assumeTrue(usable(), "no vector lanes on this CPU");
        long deadline = System.nanoTime() + 120_000_000_000L;
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline) {
            ready = SystemProperties.with(Lanes.PROPERTY, null, () -> Lanes.ready(Fp.FIELD, Lanes.WARM_UP_MIN_SIZE));
            if (!ready) {
                Thread.sleep(20);
            }
        }
        assertTrue(ready, "the warm-up did not finish in two minutes");
        assertTrue(Lanes.warm());
        assertTrue(Lanes.awaitWarmUp(), "the warm-up has ended, warm");
        assertFalse(SystemProperties.with(Lanes.PROPERTY, "off", () -> Lanes.ready(Fp.FIELD, Lanes.WARM_UP_MIN_SIZE)), "off still wins");
    }

    /** A large enough operation late enough starts the warm-up; small ones only once the process has run for long. */
    @Test
    void theWarmUpStartsAtALargeAskAfterTheFirstFewTenthsOfASecond() {
        long late = Lanes.WARM_UP_AFTER_NANOS;
        long large = Lanes.WARM_UP_MIN_SIZE;
        assertTrue(Lanes.startsWarmUp(large, late));
        assertTrue(Lanes.startsWarmUp(1L << 20, 60_000_000_000L));
        assertFalse(Lanes.startsWarmUp(large - 1, late), "a small operation");
        assertFalse(Lanes.startsWarmUp(1, Lanes.LONG_RUN_NANOS - 1), "small operations in a short process");
        assertTrue(Lanes.startsWarmUp(1, Lanes.LONG_RUN_NANOS), "a long-running process, however small its operations");
        assertFalse(Lanes.startsWarmUp(large, late - 1), "too early");
        assertFalse(Lanes.startsWarmUp(1L << 20, 0), "the first ask");
    }

    /** A proof announced from 2^13 rows starts the warm-up at once in auto mode; a smaller one, or on or off, never. */
    @Test
    void anAnnouncedProofOfAtLeast2To13RowsStartsTheWarmUpInAutoModeOnly() {
        assertTrue(Lanes.expectStarts(Lanes.EXPECT_FROM_K, null));
        assertTrue(Lanes.expectStarts(20, "auto"));
        assertFalse(Lanes.expectStarts(Lanes.EXPECT_FROM_K - 1, null), "a small proof");
        assertFalse(Lanes.expectStarts(20, "on"), "on: the lanes run at once, no warm-up");
        assertFalse(Lanes.expectStarts(20, "off"));
    }

    @Test
    void theWarmUpEndsWhenTheKernelsBeatTheScalarOnesOrTimeIsUp() {
        assumeTrue(usable(), "no vector lanes on this CPU");
        assertFalse(FieldLanes.warmUp(Fp.FIELD, 0), "no time: no round, not warm");
        assertTrue(FieldLanes.warmUp(Fq.FIELD, 120_000_000_000L));
    }
}
