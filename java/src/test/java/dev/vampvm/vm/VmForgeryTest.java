package dev.vampvm.vm;

import static dev.vampvm.vm.VmTesting.fp;
import static dev.vampvm.vm.VmTesting.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.field.Fp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgeries an adversarial prover would try that {@link VmSoundnessTest} does not: block proofs passed off as another
 * block's where both blocks have the same verifying key, and every count of the file set to hostile values.
 */
class VmForgeryTest {
    @TempDir
    static Path keys;

    /** Two recursive functions with the same body: their blocks compile to the same circuits. */
    private static final String TWINS = """
            def f n = branch (lt n 1) (f (n - 1)) 7;
            def g n = branch (lt n 1) (g (n - 1)) 7;
            pub r;
            f a + g b = r;
            """;

    private static JavaBackend backend;
    private static KeyCache cache;

    @BeforeAll
    static void setUp() {
        backend = new JavaBackend(2);
        cache = KeyCache.in(keys);
    }

    @AfterAll
    static void tearDown() {
        backend.close();
    }

    /** Verifies through the file format; an exception fails the test (a verifier must answer). */
    private static VmVerifier.Verdict verify(VmProgram p, byte[] file, Map<String, Fp> expected) {
        try {
            return VmVerifier.verify(p, file, expected, backend, cache);
        } catch (Throwable t) {
            throw new AssertionError("the verifier threw instead of refusing: " + t, t);
        }
    }

    private static VmProof prove(VmProgram p, Map<String, String> inputs) {
        return VmTesting.prove(p, VmTesting.run(p, inputs), backend, cache);
    }

    /**
     * Attack: blocks f and g have one circuit, so one verifying key for the same stack size; a proof of f's executions
     * is a proof under g's key. Passed off as g's (and g's as f's) it must still be refused, because the instances the
     * verifier checks it against are g's executions, taken from the trace.
     */
    @Test
    void aBlockProofPassedOffAsAnotherBlockWithTheSameKeyIsRefused() {
        VmProgram p = VmTesting.compile(TWINS);
        int f = VmTesting.blockNamed(p, "f");
        int g = VmTesting.blockNamed(p, "g");
        VmProof honest = prove(p, Map.of("a", "2", "b", "3", "r", "14"));
        VmTesting.accepted(verify(p, honest.toBytes(), Map.of("r", fp(14))), "f 2 + g 3 = 14");
        VmProof.Group gf = honest.groups().get(VmTesting.groupOf(honest, f));
        VmProof.Group gg = honest.groups().get(VmTesting.groupOf(honest, g));
        // The premise: f runs 3 times and g 4, both stacked to the same table, under one key.
        assertEquals(gf.copies(), gg.copies());
        assertArrayEquals(BlockKeys.circuitShape(p.block(f), gf.copies()).digest(),
                BlockKeys.circuitShape(p.block(g), gg.copies()).digest(), "f and g must share a key");
        int at = VmTesting.groupOf(honest, f);
        int bt = VmTesting.groupOf(honest, g);
        VmProof swapped = VmTesting.mapGroups(honest, gs -> {
            gs.set(at, new VmProof.Group(f, gf.copies(), gg.transcript()));
            gs.set(bt, new VmProof.Group(g, gg.copies(), gf.transcript()));
            return gs;
        });
        refused(verify(p, swapped.toBytes(), null), "f's and g's block proofs swapped");
        VmProof twice = VmTesting.mapGroups(honest, gs -> {
            gs.set(bt, new VmProof.Group(g, gg.copies(), gf.transcript()));
            return gs;
        });
        refused(verify(p, twice.toBytes(), null), "f's block proof for both f and g");
        // g's proof of another run, of the same stack size: g 4 ran 5 times where f 2 ran 3 times. (A run of g 2 would
        // prove f 2's very executions, a true statement: with the tests' seeded randomness, even the same bytes.)
        VmProof other = prove(p, Map.of("a", "5", "b", "4", "r", "14"));
        VmProof.Group og = other.groups().get(VmTesting.groupOf(other, g));
        assertEquals(gf.copies(), og.copies());
        VmProof borrowed = VmTesting.mapGroups(honest, gs -> {
            gs.set(at, new VmProof.Group(f, gf.copies(), og.transcript()));
            return gs;
        });
        refused(verify(p, borrowed.toBytes(), null), "g's block proof of another run as f's");
    }

    /**
     * Attack: the file's counts and lengths (public values, steps, values per step, groups, each group's block, copies
     * and length, the opening's length) set to values that overflow, go negative or point past the end. Each must be a
     * refusal with a reason, never an exception, an allocation of the claimed size or an acceptance.
     */
    @Test
    void hostileCountsAreRefused() {
        VmProgram p = VmTesting.compile(VmTesting.FIB);
        VmProof honest = prove(p, Map.of("n", "2", "r", "1"));
        byte[] file = honest.toBytes();
        VmTesting.Layout l = VmTesting.layout(honest);
        List<Integer> fields = new ArrayList<>();
        fields.add(l.publicStart());
        fields.add(l.traceStart());
        int pos = l.traceStart() + 4;
        for (VmProof.Step s : honest.steps()) {
            fields.add(pos);
            fields.add(pos + 4);
            pos += 8 + 32 * s.values().size();
        }
        assertEquals(l.groupsStart(), pos);
        fields.add(pos);
        for (int[] t : l.transcripts()) {
            fields.add(t[0] - 4);
            if (t != l.transcripts().get(l.transcripts().size() - 1)) {
                fields.add(t[0] - 8);
                fields.add(t[0] - 12);
            }
        }
        int tried = 0;
        for (int at : fields) {
            int honestValue = ByteBuffer.wrap(file, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            for (int v : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 24, (1 << 24) + 1,
                honestValue + 1, honestValue - 1, file.length - at, file.length - at - 3, 0}) {
                if (v == honestValue) {
                    continue;
                }
                byte[] bad = file.clone();
                ByteBuffer.wrap(bad, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
                VmVerifier.Verdict verdict = refused(verify(p, bad, null), "u32 at " + at + " set to " + v);
                assertTrue(verdict.reason().length() < 400, verdict.reason());
                tried++;
            }
        }
        assertTrue(tried > 100, "tried " + tried);
    }
}
