package dev.vampvm.api;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Options of {@link Program#prove}.
 *
 * @param unroll    the recursion bound for a program that recurses on its inputs, or null: none for a program that
 *                  does not, and for one that does the smallest power of two that the run fits (so that the bound
 *                  reveals only the run's depth rounded up to a power of two)
 * @param threads   worker threads of the Java engine, 0 for one per core
 * @param keyCache  where keys are cached, or null to run keygen every time
 * @param progress  told about each phase, or null
 * @param random    the prover's randomness (a {@link SecureRandom} for zero knowledge; seeded only in tests)
 * @param engine    where the heavy work runs ({@link Engine#JAVA} by default); the proof's bytes do not depend on it
 */
public record ProveOptions(Integer unroll, int threads, KeyCache keyCache, Progress progress, RandomGenerator random,
        Engine engine) {

    public ProveOptions {
        java.util.Objects.requireNonNull(engine, "engine");
    }

    /**
     * Defaults: automatic unroll bound, all cores, the configured key cache, no progress, a SecureRandom, the Java
     * engine.
     */
    public static ProveOptions defaults() {
        return new ProveOptions(null, 0, KeyCache.configured(), null, new SecureRandom(), Engine.JAVA);
    }

    public ProveOptions withEngine(Engine e) {
        return new ProveOptions(unroll, threads, keyCache, progress, random, e);
    }

    public ProveOptions withUnroll(Integer n) {
        return new ProveOptions(n, threads, keyCache, progress, random, engine);
    }

    public ProveOptions withThreads(int n) {
        return new ProveOptions(unroll, n, keyCache, progress, random, engine);
    }

    public ProveOptions withKeyCache(KeyCache cache) {
        return new ProveOptions(unroll, threads, cache, progress, random, engine);
    }

    public ProveOptions withProgress(Progress p) {
        return new ProveOptions(unroll, threads, keyCache, p, random, engine);
    }

    public ProveOptions withRandom(RandomGenerator r) {
        return new ProveOptions(unroll, threads, keyCache, progress, r, engine);
    }

    /** Told when each phase (compile, setup, keygen, prove) starts and ends. */
    public interface Progress {
        void started(String phase);

        /** @param detail e.g. "k = 6, 51 rows" or "from cache" */
        void finished(String phase, long nanos, String detail);
    }
}
