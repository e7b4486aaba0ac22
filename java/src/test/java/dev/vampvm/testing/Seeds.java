package dev.vampvm.testing;

import java.util.SplittableRandom;

/**
 * Seeded randomness for property tests. The seed comes from the system property {@code vampvm.seed}
 * when given (to replay a failure), else from the clock; it is printed so that every failure can be
 * reproduced with {@code -Dvampvm.seed=...}.
 */
public final class Seeds {
    private Seeds() {
    }

    public static SplittableRandom rng(String testName) {
        String fixed = System.getProperty("vampvm.seed");
        long seed = fixed != null ? Long.decode(fixed) : System.nanoTime();
        System.out.println("[seed] " + testName + ": -Dvampvm.seed=" + seed);
        return new SplittableRandom(seed);
    }
}
