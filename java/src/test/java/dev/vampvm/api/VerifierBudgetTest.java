package dev.vampvm.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.eval.Evaluator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A static proof names the recursion bound its circuit was unrolled to, and the verifier rebuilds the circuit from it:
 * a forged, huge bound must not make the verifier compile for minutes. The rebuild stops once the circuit outgrows
 * the proof's k.
 */
class VerifierBudgetTest {
    @TempDir
    Path dir;

    private static final String LOOP = """
            def count n = branch (lt n 1) (count (n - 1) + 1) 0;
            pub r;
            count x = r;
            """;

    @Test
    void aForgedUnrollBoundIsRefusedQuicklyAndAnHonestOneStillVerifies() {
        Program p = Vampvm.compile("count.pir", LOOP);
        KeyCache cache = KeyCache.in(dir);
        ProofResult r = p.prove(Map.of("x", "3", "r", "3"), ProveOptions.defaults().withKeyCache(cache)
                .withRandom(new Random(1)));
        assertTrue(p.check(r.proof(), null, cache, 0).valid());
        ProgramProof honest = r.proof();
        ProgramProof forged = new ProgramProof(honest.programName(), honest.programSha256(),
                CircuitChoice.unroll(60_000), honest.k(), honest.publicNames(), honest.publicValues(),
                honest.vampvmVersion(), honest.proof());
        Verification v = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> p.check(forged, null, cache, 0));
        assertFalse(v.valid());
        assertTrue(v.reason().contains("grows past"), v.reason());
    }

    /**
     * A proof that claims the largest k (2^26 rows: 2^32 constraints by the per-row budget) with a huge bound: the
     * rebuild stops at what the heap holds instead of running out of it.
     */
    @Test
    void aForgedLargeKIsCappedByTheHeap() {
        // Each level compares two variables: a few hundred constraints, so 90,000 levels pass any heap's limit.
        Program p = Vampvm.compile("count.pir", """
                def count n = branch (lt n 1) (count (n - 1) + lt n n) 0;
                pub r;
                count x = r;
                """);
        KeyCache cache = KeyCache.in(dir);
        ProgramProof honest = p.prove(Map.of("x", "3", "r", "0"), ProveOptions.defaults().withKeyCache(cache)
                .withRandom(new Random(1))).proof();
        ProgramProof forged = new ProgramProof(honest.programName(), honest.programSha256(),
                CircuitChoice.unroll(90_000), 26, honest.publicNames(), honest.publicValues(),
                honest.vampvmVersion(), honest.proof());
        Verification v = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> p.check(forged, null, cache, 0));
        assertFalse(v.valid());
        assertTrue(v.reason().contains("grows past " + Evaluator.Options.heapConstraintLimit()), v.reason());
    }
}
