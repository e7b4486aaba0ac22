package dev.vampvm.vm;

import static dev.vampvm.vm.VmTesting.fp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.Slot;
import dev.vampvm.ir.eval.Terminator;
import dev.vampvm.ir.types.InputInfo;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: small programs proven and verified, against the public values the verifier expects. */
class VmProveVerifyTest {
    @TempDir
    static Path keys;

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

    private static VmVerifier.Verdict verify(VmProgram p, VmProof proof, Map<String, Fp> expected) {
        return VmVerifier.verify(p, proof.toBytes(), expected, backend, cache);
    }

    /**
     * Proves, verifies (with the right public values: accepted; with each one wrong: refused), and checks that every
     * value a block makes, changed and relinked wherever it is read, is refused by a block proof.
     */
    private static VmProof roundTrip(String text, Map<String, String> inputs, Map<String, Fp> expected) {
        VmProgram p = VmTesting.compile(text);
        Trace t = VmTesting.run(p, inputs);
        VmProver.Result r = VmProver.prove(p, t, backend, VmTesting.options(cache), null);
        VmProof proof = r.proof();
        long withCircuit = t.byBlock().keySet().stream().filter(b -> p.block(b).hasCircuit()).count();
        assertEquals(withCircuit, proof.groups().size(), "one proof per block that ran and has a circuit");
        assertEquals(withCircuit, r.groups().size());
        for (VmProver.GroupReport g : r.groups()) {
            assertTrue(g.copies() >= g.executions(), g.toString());
        }
        VmVerifier.Verdict v = verify(p, proof, null);
        VmTesting.accepted(v, text);
        assertEquals(expected, v.publicValues());
        assertEquals(t.steps().size(), v.steps());
        assertEquals(proof.groups().size(), v.proofs());
        VmTesting.accepted(verify(p, proof, expected), "expected " + expected);
        for (String name : expected.keySet()) {
            Map<String, Fp> wrong = new java.util.LinkedHashMap<>(expected);
            wrong.put(name, expected.get(name).add(Fp.ONE));
            VmTesting.refused(verify(p, proof, wrong), "expected " + wrong);
        }
        relinkedValuesAreRefused(p, proof);
        return proof;
    }

    /** Each value a block makes (not an input, not a branch condition), changed consistently: refused. */
    private static void relinkedValuesAreRefused(VmProgram p, VmProof proof) {
        int inputs = 0;
        for (InputInfo i : p.checked().inputs()) {
            inputs += i.components().size();
        }
        Set<String> inputKeys = new HashSet<>();
        for (int i = 0; i < inputs; i++) {
            inputKeys.add("M:" + i);
        }
        int tried = 0;
        for (int i = 0; i < proof.steps().size(); i++) {
            Block b = p.block(proof.steps().get(i).block());
            for (int j = b.shape().importKeys().size(); j < b.publicKeys().size(); j++) {
                String key = b.publicKeys().get(j);
                if (inputKeys.contains(key) || (b.terminator() instanceof Terminator.Branch br
                        && br.condition() instanceof Slot.Key k && k.key().equals(key))) {
                    continue;
                }
                int at = i;
                VmProof forged = VmTesting.withSteps(proof, VmTesting.relink(p, proof.steps(),
                        (s, k, v) -> s == at && k.equals(key) ? v.add(fp(7)) : v));
                assertNull(VmTesting.machineVerdict(p, forged));
                VmVerifier.Verdict v = VmTesting.refused(verify(p, forged, null), "value " + key + " of step " + i
                        + " (" + b.name() + ") changed and relinked");
                assertEquals("the block proofs do not verify", v.reason());
                tried++;
            }
        }
        assertTrue(tried > 0, "no value to change");
    }

    @Test
    void branchInMainBothArms() {
        VmProof small = roundTrip(VmTesting.BRANCH_MAIN, Map.of("x", "3", "r", "4"), Map.of("r", fp(4)));
        VmProof big = roundTrip(VmTesting.BRANCH_MAIN, Map.of("x", "7", "r", "343"), Map.of("r", fp(343)));
        VmProgram p = VmTesting.compile(VmTesting.BRANCH_MAIN);
        // Each proof only proves the arm it took.
        assertTrue(small.groups().stream().noneMatch(g -> g.block() == 1));
        assertTrue(big.groups().stream().noneMatch(g -> g.block() == 2));
        // One run's trace with the other's proofs.
        VmTesting.refused(verify(p, VmTesting.withGroups(small, big.groups()), null), "x = 3 with x = 7's proofs");
    }

    @Test
    void tuplesAndCaptures() {
        roundTrip(VmTesting.TUPLES, Map.of("x", "2", "y", "5", "n", "3", "r", "12", "s", "19"),
                Map.of("r", fp(12), "s", fp(19)));
        roundTrip(VmTesting.CAPTURE, Map.of("x", "21", "n", "2", "r", "42"), Map.of("r", fp(42)));
    }

    @Test
    void callsFromArmsAndValuesMadeAfterABranch() {
        // g called from the arm a branch in main takes; a continuation in g reads k, made by main after its branch.
        roundTrip("def g m = branch (lt m 1) (g (m - 1) + 1) 0;\npub r;\nbranch (lt x 5) (g x) (g 2 * 10) = r;\n",
                Map.of("x", "2", "r", "20"), Map.of("r", fp(20)));
        roundTrip("def v = branch (lt x 5) x 5;\ndef k = v * 3;\ndef g m = branch (lt m 1) (g (m - 1) + k) 0;\n"
                + "pub r;\ng 2 = r;\n", Map.of("x", "6", "r", "36"), Map.of("r", fp(36)));
    }

    @Test
    void sameSeedSameBytes() {
        VmProgram p = VmTesting.compile(VmTesting.FIB);
        Trace t = VmTesting.run(p, Map.of("n", "2", "r", "1"));
        byte[] a = VmTesting.prove(p, t, backend, cache).toBytes();
        byte[] b = VmProver.prove(p, t, backend, new VmProver.Options(null, () -> new java.util.Random(1), 1), null)
                .proof().toBytes();
        assertArrayEquals(a, b, "the seed, not the key cache or the parallelism, decides the bytes");
        byte[] c = VmProver.prove(p, t, backend, new VmProver.Options(cache, () -> new java.util.Random(2), 2), null)
                .proof().toBytes();
        assertFalse(java.util.Arrays.equals(a, c), "another seed, other blinding");
        assertTrue(VmVerifier.verify(p, c, Map.of("r", fp(1)), backend, null).valid(), "verifies without a key cache");
    }
}
