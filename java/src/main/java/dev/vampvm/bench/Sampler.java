package dev.vampvm.bench;

import dev.vampvm.field.Lanes;
import java.util.ArrayList;
import java.util.List;

/**
 * The measuring method shared by the suites that time whole runs themselves (JMH does the same for {@code arith}):
 * one cold run, then warm-up runs that are thrown away, then the measured runs.
 *
 * <p>The cold run is timed and reported on its own ({@link Measurement#coldStart}): it carries the JIT compiling
 * the hot loops and whatever the first run prepares (keys, tables). Then the sampler warms the SIMD lanes up and
 * waits for them ({@link Lanes#warmUpNow}, {@link Lanes#awaitWarmUp}: a fresh process runs the scalar kernels until
 * then, and one of small proofs only after a while), so that the runs after it are on the lanes a long-running
 * process uses. Warm-up runs let the JIT settle; counting them would mix two regimes into one median.
 */
public final class Sampler {

    /** One run of a benchmark, returning what it measured (a duration, or a record of several). */
    @FunctionalInterface
    public interface Trial<T> {
        /** @param index 0 for the cold run, then 1, 2, ... for warm-up and measured runs */
        T run(int index) throws Exception;
    }

    /** What the runs returned: the cold run's, and the measured runs' in order (warm-up runs dropped). */
    public record Runs<T>(T cold, List<T> measured) {
    }

    private Sampler() {
    }

    /**
     * Runs the trial 1 + warmup + repeat times.
     *
     * @param warmup runs after the cold one whose results are discarded (0 or more)
     * @param repeat measured runs (1 or more)
     */
    public static <T> Runs<T> sample(int warmup, int repeat, Trial<T> trial) throws Exception {
        if (warmup < 0 || repeat < 1) {
            throw new IllegalArgumentException("warm-up runs must be ≥ 0 and measured runs ≥ 1 (got " + warmup + ", "
                    + repeat + ")");
        }
        T cold = trial.run(0);
        Lanes.warmUpNow();
        Lanes.awaitWarmUp();
        for (int i = 1; i <= warmup; i++) {
            trial.run(i);
        }
        List<T> measured = new ArrayList<>(repeat);
        for (int i = 0; i < repeat; i++) {
            measured.add(trial.run(1 + warmup + i));
        }
        return new Runs<>(cold, List.copyOf(measured));
    }
}
