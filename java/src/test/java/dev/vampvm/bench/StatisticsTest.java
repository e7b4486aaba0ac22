package dev.vampvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** min, median and max of synthetic timings, and which runs the sampler keeps. */
class StatisticsTest {

    @Test
    void oddCountTakesTheMiddleSample() {
        Statistics s = Statistics.of(30, 10, 20, 50, 40);
        assertEquals(new Statistics(5, 10, 30, 50), s);
    }

    @Test
    void evenCountAveragesTheTwoMiddleSamples() {
        assertEquals(new Statistics(4, 1, 2.5, 100), Statistics.of(100, 3, 1, 2));
        assertEquals(new Statistics(2, 4, 5, 6), Statistics.of(6, 4));
    }

    @Test
    void oneSampleIsItsOwnMinMedianAndMax() {
        assertEquals(new Statistics(1, 7, 7, 7), Statistics.of(7));
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Statistics.of(List.of()));
    }

    @Test
    void theColdRunIsKeptApartAndWarmupRunsAreDropped() throws Exception {
        // A JIT-like profile: slow first run, two settling runs, then steady state.
        double[] timings = {900, 300, 200, 101, 99, 100};
        List<Integer> calls = new ArrayList<>();
        Sampler.Runs<Double> runs = Sampler.sample(2, 3, i -> {
            calls.add(i);
            return timings[i];
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5), calls);
        assertEquals(900, runs.cold());
        assertEquals(List.of(101.0, 99.0, 100.0), runs.measured());
        assertEquals(new Statistics(3, 99, 100, 101), Statistics.of(runs.measured()));
    }

    @Test
    void withoutWarmupTheMeasuredRunsFollowTheColdOne() throws Exception {
        Sampler.Runs<Integer> runs = Sampler.sample(0, 2, i -> i * 10);
        assertEquals(0, runs.cold());
        assertEquals(List.of(10, 20), runs.measured());
    }

    @Test
    void atLeastOneMeasuredRunAndNoNegativeWarmup() {
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(0, 0, i -> i));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(-1, 1, i -> i));
    }
}
