package dev.vampvm.vm;

import static dev.vampvm.vm.VmTesting.fp;
import static dev.vampvm.vm.VmTesting.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.JavaBackend;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.eval.Slot;
import dev.vampvm.ir.eval.Terminator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM verifier must refuse every proof that is not an honest one: each mutation of a valid proof below (of the
 * trace, the block proofs, the file) is refused with a reason, never accepted and never an exception.
 */
class VmSoundnessTest {
    @TempDir
    static Path keys;

    private static JavaBackend backend;
    private static KeyCache cache;
    private static VmProgram fib;
    private static VmProgram sum;
    /** fib 3 = 2, fib 4 = 3, fib 0 = 0; sum 3 = 6. */
    private static VmProof fib3;
    private static VmProof fib4;
    private static VmProof fib0;
    private static VmProof sum3;
    private static int verified;
    /** Refusals by the start of their reason, for the summary printed at the end. */
    private static final Map<String, Integer> REASONS = new java.util.TreeMap<>();

    @BeforeAll
    static void prove() {
        backend = new JavaBackend(2);
        cache = KeyCache.in(keys);
        fib = VmTesting.compile(VmTesting.FIB);
        sum = VmTesting.compile(VmTesting.SUM);
        fib3 = proof(fib, Map.of("n", "3", "r", "2"));
        fib4 = proof(fib, Map.of("n", "4", "r", "3"));
        fib0 = proof(fib, Map.of("n", "0", "r", "0"));
        sum3 = proof(sum, Map.of("n", "3", "r", "6"));
        for (VmProof p : List.of(fib3, fib4, fib0)) {
            VmTesting.accepted(verify(fib, p), "honest fib proof");
        }
        VmTesting.accepted(verify(sum, sum3), "honest sum proof");
    }

    @AfterAll
    static void close() {
        System.out.println("VmSoundnessTest: " + verified + " verifications; refusals by reason:");
        REASONS.forEach((k, n) -> System.out.println("  " + n + "  " + k));
        backend.close();
    }

    private static VmProof proof(VmProgram p, Map<String, String> inputs) {
        return VmTesting.prove(p, VmTesting.run(p, inputs), backend, cache);
    }

    private static VmVerifier.Verdict verify(VmProgram p, VmProof proof) {
        return verify(p, proof.toBytes(), null);
    }

    /** Verifies through the file format; an exception is a failure of the test (a verifier must answer). */
    private static VmVerifier.Verdict verify(VmProgram p, byte[] file, Map<String, Fp> expected) {
        verified++;
        try {
            VmVerifier.Verdict v = VmVerifier.verify(p, file, expected, backend, cache);
            if (!v.valid() && v.reason() != null) {
                String r = v.reason().replaceAll("id [0-9a-f]+…", "id #…")
                        .replaceAll("0x[0-9a-f]+|[0-9]+|\\[[^]]*]|\\{[^}]*}", "#");
                REASONS.merge(r.length() > 60 ? r.substring(0, 60) : r, 1, Integer::sum);
            }
            return v;
        } catch (Throwable t) {
            throw new AssertionError("the verifier threw instead of refusing: " + t, t);
        }
    }

    private static VmVerifier.Verdict refuse(VmProgram p, VmProof forged, String what) {
        return refused(verify(p, forged), what);
    }

    /** Refused by the runtime's rules, before any block proof is read. */
    private static void refusedByMachine(VmProgram p, VmProof forged, String what) {
        VmVerifier.Verdict v = refuse(p, forged, what);
        assertEquals(0, v.proofs(), () -> what + ": expected a refusal by the runtime's rules, got: " + v.reason());
    }

    /** Passes the runtime's rules and is refused because a block proof does not verify. */
    private static void refusedByProof(VmProgram p, VmProof forged, String what) {
        assertNull(VmTesting.machineVerdict(p, forged), what + ": the runtime's rules alone should accept it");
        VmVerifier.Verdict v = refuse(p, forged, what);
        assertEquals("the block proofs do not verify", v.reason(), what);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Block proofs.

    @Test
    void blockProofsSwappedBetweenGroupsAreRefused() {
        List<VmProof.Group> gs = fib3.groups();
        for (int i = 0; i < gs.size(); i++) {
            for (int j = i + 1; j < gs.size(); j++) {
                List<VmProof.Group> swapped = new ArrayList<>(gs);
                VmProof.Group a = gs.get(i);
                VmProof.Group b = gs.get(j);
                swapped.set(i, new VmProof.Group(a.block(), a.copies(), b.transcript()));
                swapped.set(j, new VmProof.Group(b.block(), b.copies(), a.transcript()));
                refuse(fib, VmTesting.withGroups(fib3, swapped), "transcripts of groups " + i + " and " + j
                        + " swapped");
                // The groups themselves swapped (block, copies and transcript): out of order.
                List<VmProof.Group> reordered = new ArrayList<>(gs);
                reordered.set(i, b);
                reordered.set(j, a);
                refuse(fib, VmTesting.withGroups(fib3, reordered), "groups " + i + " and " + j + " reordered");
            }
        }
    }

    @Test
    void blockProofOfTheSameBlockWithOtherValuesIsRefused() {
        int replaced = 0;
        for (int i = 0; i < fib3.groups().size(); i++) {
            VmProof.Group mine = fib3.groups().get(i);
            for (VmProof other : List.of(fib4, fib0)) {
                for (VmProof.Group theirs : other.groups()) {
                    if (theirs.block() != mine.block()) {
                        continue;
                    }
                    List<VmProof.Group> gs = new ArrayList<>(fib3.groups());
                    gs.set(i, new VmProof.Group(mine.block(), mine.copies(), theirs.transcript()));
                    refuse(fib, VmTesting.withGroups(fib3, gs), "group " + i + " proven for other values (copies "
                            + theirs.copies() + ")");
                    gs.set(i, theirs);
                    refuse(fib, VmTesting.withGroups(fib3, gs), "group " + i + " taken whole from another proof");
                    replaced++;
                }
            }
        }
        assertTrue(replaced >= 5, "too few replacements tried: " + replaced);
    }

    @Test
    void damagedTranscriptsAreRefused() {
        for (int i = 0; i < fib3.groups().size(); i++) {
            VmProof.Group g = fib3.groups().get(i);
            byte[] t = g.transcript();
            for (byte[] bad : List.of(new byte[0], Arrays.copyOf(t, t.length - 1), Arrays.copyOf(t, t.length + 1),
                    Arrays.copyOf(t, t.length + 32), Arrays.copyOf(t, t.length / 2))) {
                List<VmProof.Group> gs = new ArrayList<>(fib3.groups());
                gs.set(i, new VmProof.Group(g.block(), g.copies(), bad));
                refuse(fib, VmTesting.withGroups(fib3, gs), "group " + i + " transcript of " + bad.length + " bytes");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The trace's shape.

    @Test
    void stepsReorderedDroppedOrDuplicatedAreRefused() {
        for (VmProgram p : List.of(fib, sum)) {
            VmProof honest = p == fib ? fib3 : sum3;
            int n = honest.steps().size();
            for (int i = 0; i < n; i++) {
                int at = i;
                refuse(p, VmTesting.mapSteps(honest, s -> {
                    s.remove(at);
                    return s;
                }), "step " + i + " dropped");
                refuse(p, VmTesting.mapSteps(honest, s -> {
                    s.add(at, s.get(at));
                    return s;
                }), "step " + i + " duplicated");
                if (i + 1 < n && !honest.steps().get(i).equals(honest.steps().get(i + 1))) {
                    refusedByMachine(p, VmTesting.mapSteps(honest, s -> {
                        s.set(at, honest.steps().get(at + 1));
                        s.set(at + 1, honest.steps().get(at));
                        return s;
                    }), "steps " + i + " and " + (i + 1) + " swapped");
                }
            }
            refusedByMachine(p, VmTesting.mapSteps(honest, s -> {
                java.util.Collections.reverse(s);
                return s;
            }), "steps reversed");
            refusedByMachine(p, VmTesting.withSteps(honest, List.of()), "no steps");
        }
    }

    @Test
    void aStepRunningABlockTheRuntimeDidNotSelectIsRefused() {
        int tried = 0;
        for (VmProgram p : List.of(fib, sum)) {
            VmProof honest = p == fib ? fib3 : sum3;
            for (int i = 0; i < honest.steps().size(); i++) {
                int original = honest.steps().get(i).block();
                List<Integer> others = new ArrayList<>(List.of(-1, p.blocks().size(), Integer.MAX_VALUE,
                        Integer.MIN_VALUE, 1 << 24));
                for (int b = 0; b < p.blocks().size(); b++) {
                    others.add(b);
                }
                for (int b : others) {
                    if (b == original) {
                        continue;
                    }
                    int at = i;
                    VmProof forged = VmTesting.mapSteps(honest, s -> {
                        s.set(at, new VmProof.Step(b, s.get(at).values()));
                        return s;
                    });
                    refusedByMachine(p, forged, "step " + i + " runs block " + b + " instead of " + original);
                    tried++;
                }
            }
        }
        assertTrue(tried > 100, "tried " + tried);
    }

    @Test
    void aReturnToTheWrongContinuationIsRefused() {
        // sum 3 returns three times into sum/1x@1 and once into main@1: after each return, every other block.
        int returns = 0;
        for (int i = 0; i + 1 < sum3.steps().size(); i++) {
            if (!(sum.block(sum3.steps().get(i).block()).terminator() instanceof Terminator.Return)) {
                continue;
            }
            returns++;
            int next = i + 1;
            int right = sum3.steps().get(next).block();
            for (Block b : sum.blocks()) {
                if (b.index() == right) {
                    continue;
                }
                // The wrong block, with the values it would read where the runtime knows them.
                VmProof forged = VmTesting.mapSteps(sum3, s -> {
                    List<Fp> values = new ArrayList<>();
                    for (int j = 0; j < b.publicKeys().size(); j++) {
                        values.add(j < s.get(next).values().size() ? s.get(next).values().get(j) : Fp.ZERO);
                    }
                    s.set(next, new VmProof.Step(b.index(), values));
                    return s;
                });
                VmVerifier.Verdict v = refuse(sum, forged, "after the return at step " + i + ", block " + b.name());
                assertTrue(v.reason().contains("runtime's next block is " + sum.block(right).name()), v.reason());
            }
        }
        assertEquals(4, returns);
        // A trace that returns straight to main (skipping the pending additions) halts with frames left, or is
        // refused at the first step that breaks the order.
        List<VmProof.Step> shortcut = new ArrayList<>();
        for (VmProof.Step s : sum3.steps()) {
            if (!sum.block(s.block()).name().equals("sum/1x@1")) {
                shortcut.add(s);
            }
        }
        refusedByMachine(sum, VmTesting.withSteps(sum3, shortcut), "pending continuations skipped");
    }

    @Test
    void aTraceThatDoesNotHaltIsRefused() {
        for (VmProgram p : List.of(fib, sum)) {
            VmProof honest = p == fib ? fib3 : sum3;
            for (int keep = 0; keep < honest.steps().size(); keep++) {
                VmProof cut = VmTesting.withSteps(honest, honest.steps().subList(0, keep));
                VmVerifier.Verdict v = refuse(p, cut, "only the first " + keep + " steps");
                assertTrue(v.reason().contains("does not halt"), v.reason());
            }
        }
    }

    @Test
    void stepsAfterTheHaltAreRefused() {
        VmProof more = VmTesting.mapSteps(fib3, s -> {
            s.add(s.get(0));
            return s;
        });
        VmVerifier.Verdict v = refuse(fib, more, "a step after the halt");
        assertTrue(v.reason().contains("after the program halted"), v.reason());
        VmProof twice = VmTesting.mapSteps(fib3, s -> {
            s.addAll(new ArrayList<>(s));
            return s;
        });
        refuse(fib, twice, "the run twice");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Values.

    @Test
    void aValueThatDiffersFromWhatWasMadeIsRefusedByLinking() {
        int tried = 0;
        for (VmProgram p : List.of(fib, sum)) {
            VmProof honest = p == fib ? fib3 : sum3;
            for (int i = 0; i < honest.steps().size(); i++) {
                Block b = p.block(honest.steps().get(i).block());
                for (int j = 0; j < b.shape().importKeys().size(); j++) {
                    int at = i;
                    int idx = j;
                    VmProof forged = VmTesting.mapSteps(honest, s -> {
                        VmProof.Step st = s.get(at);
                        s.set(at, VmTesting.setValue(st, idx, st.values().get(idx).add(Fp.ONE)));
                        return s;
                    });
                    refusedByMachine(p, forged, "step " + i + " reads " + b.publicKeys().get(j) + " changed");
                    tried++;
                }
            }
        }
        assertTrue(tried > 20, "tried " + tried);
    }

    @Test
    void anyValueChangedAloneIsRefused() {
        for (VmProgram p : List.of(fib, sum)) {
            VmProof honest = p == fib ? fib3 : sum3;
            for (int i = 0; i < honest.steps().size(); i++) {
                for (int j = 0; j < honest.steps().get(i).values().size(); j++) {
                    for (Fp delta : List.of(Fp.ONE, Fp.ZERO.sub(Fp.ONE))) {
                        int at = i;
                        int idx = j;
                        refuse(p, VmTesting.mapSteps(honest, s -> {
                            VmProof.Step st = s.get(at);
                            s.set(at, VmTesting.setValue(st, idx, st.values().get(idx).add(delta)));
                            return s;
                        }), "value " + j + " of step " + i + " changed");
                    }
                }
            }
        }
    }

    /** Branch conditions: changing one consistently changes the path, which is a different forgery. */
    private static boolean isCondition(VmProgram p, int block, String key) {
        return p.block(block).terminator() instanceof Terminator.Branch br && br.condition() instanceof Slot.Key k
                && k.key().equals(key);
    }

    @Test
    void aValueChangedEverywhereItIsReadIsRefusedByTheBlockProof() {
        int tried = 0;
        for (VmProgram p : List.of(fib, sum)) {
            VmProof honest = p == fib ? fib3 : sum3;
            for (int i = 0; i < honest.steps().size(); i++) {
                Block b = p.block(honest.steps().get(i).block());
                for (int j = b.shape().importKeys().size(); j < b.publicKeys().size(); j++) {
                    String key = b.publicKeys().get(j);
                    if (isCondition(p, b.index(), key) || b.shape().publicKeys().contains(key)) {
                        continue;
                    }
                    int at = i;
                    List<VmProof.Step> relinked = VmTesting.relink(p, honest.steps(),
                            (step, k, v) -> step == at && k.equals(key) ? v.add(fp(5)) : v);
                    refusedByProof(p, VmTesting.withSteps(honest, relinked), "export " + key + " of step " + i
                            + " (" + b.name() + ") changed and relinked");
                    tried++;
                }
            }
        }
        assertTrue(tried >= 8, "tried " + tried);
    }

    @Test
    void theArmTheConditionDoesNotSelectIsRefusedByTheBlockProof() {
        // Claim fib 3 = 0: fib's condition lt 3 1 forged to 1, so the run returns a = 0 at once. The trace obeys
        // every rule of the runtime; the block proofs come from the honest run of fib 0 = 0, which has exactly
        // this shape. Only fib's proof (of lt 3 1 = 1, a false statement) can catch it.
        int main = 0;
        int fibEntry = VmTesting.blockNamed(fib, "fib");
        int base = VmTesting.blockNamed(fib, "fib/1y");
        int end = VmTesting.blockNamed(fib, "main@1");
        List<VmProof.Step> steps = List.of(
                new VmProof.Step(main, List.of(fp(3), fp(0))),
                new VmProof.Step(fibEntry, List.of(Fp.ZERO, fp(1))),
                new VmProof.Step(base, List.of(Fp.ZERO)),
                new VmProof.Step(end, List.of(Fp.ZERO, Fp.ZERO)));
        List<VmProof.Step> relinked = VmTesting.relink(fib, steps, (s, k, v) -> v);
        assertEquals(fp(3), relinked.get(1).values().get(0), "fib reads n = 3");
        VmProof forged = new VmProof(fib.id(), List.of(Fp.ZERO), relinked, fib0.groups(), fib0.opening());
        refusedByProof(fib, forged, "fib 3 = 0 by the wrong arm");
        VmVerifier.Verdict v = refused(verify(fib, forged.toBytes(), Map.of("r", Fp.ZERO)), "fib 3 = 0, expected 0");
        assertEquals("the block proofs do not verify", v.reason());
        // The same for sum: sum 2 = 0.
        List<VmProof.Step> sumSteps = List.of(
                new VmProof.Step(0, List.of(fp(2), Fp.ZERO)),
                new VmProof.Step(VmTesting.blockNamed(sum, "sum"), List.of(fp(2), fp(1))),
                new VmProof.Step(VmTesting.blockNamed(sum, "sum/1y"), List.of()),
                new VmProof.Step(VmTesting.blockNamed(sum, "main@1"), List.of(Fp.ZERO, Fp.ZERO)));
        VmProof sum0 = proof(sum, Map.of("n", "0", "r", "0"));
        VmProof forgedSum = new VmProof(sum.id(), List.of(Fp.ZERO), VmTesting.relink(sum, sumSteps, (s, k, x) -> x),
                sum0.groups(), sum0.opening());
        refusedByProof(sum, forgedSum, "sum 2 = 0 by the wrong arm");
    }

    @Test
    void aNonBooleanConditionIsRefused() {
        // fib's condition set to 2 (and everything else as honest): the runtime refuses before any proof.
        int fibEntry = VmTesting.blockNamed(fib, "fib");
        VmProof forged = VmTesting.mapSteps(fib3, s -> {
            s.set(1, VmTesting.setValue(s.get(1), 1, fp(2)));
            return s;
        });
        assertEquals(fibEntry, fib3.steps().get(1).block());
        VmVerifier.Verdict v = refuse(fib, forged, "condition 2");
        assertTrue(v.reason().contains("not boolean"), v.reason());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Public values and the program.

    @Test
    void wrongPublicValuesAreRefused() {
        VmTesting.accepted(verify(fib, fib3.toBytes(), Map.of("r", fp(2))), "right public value");
        refused(verify(fib, fib3.toBytes(), Map.of("r", fp(3))), "expected r = 3");
        refused(verify(fib, fib3.toBytes(), Map.of()), "no expected values");
        refused(verify(fib, fib3.toBytes(), Map.of("r", fp(2), "n", fp(3))), "an extra expected value");
        refused(verify(fib, fib3.toBytes(), Map.of("s", fp(2))), "another name");
        // The proof's public values changed alone, with and without the verifier expecting them.
        VmProof claim3 = VmTesting.withPublic(fib3, List.of(fp(3)));
        refusedByMachine(fib, claim3, "public value 3, trace made 2");
        refused(verify(fib, claim3.toBytes(), Map.of("r", fp(3))), "public value 3 expected, trace made 2");
        refusedByMachine(fib, VmTesting.withPublic(fib3, List.of()), "no public values");
        refusedByMachine(fib, VmTesting.withPublic(fib3, List.of(fp(2), fp(2))), "two public values");
        // The public value changed in the trace too, and relinked everywhere it is read: main@1's proof catches it.
        String r = fib.publicKeys().get(0);
        VmProof relinked = new VmProof(fib.id(), List.of(fp(3)), VmTesting.relink(fib, fib3.steps(),
                (s, k, v) -> k.equals(r) ? fp(3) : v), fib3.groups(), fib3.opening());
        refusedByProof(fib, relinked, "r = 3 everywhere");
        refused(verify(fib, relinked.toBytes(), Map.of("r", fp(3))), "r = 3 everywhere, 3 expected");
        // fib 4's honest proof for the claim fib 3.
        VmTesting.accepted(verify(fib, fib4.toBytes(), Map.of("r", fp(3))), "fib 4 = 3");
        refused(verify(fib, fib4.toBytes(), Map.of("r", fp(2))), "fib 4's proof for r = 2");
    }

    @Test
    void aProofForAnotherProgramIsRefused() {
        VmProgram other = VmTesting.compile(VmTesting.FIB.replace("lt n 1", "lt n 2"));
        VmProgram sameShape = VmTesting.compile(VmTesting.FIB.replace("(a + b)", "(a + b + 1)"));
        for (VmProgram p : List.of(other, sameShape, sum)) {
            VmVerifier.Verdict v = refused(verify(p, fib3.toBytes(), null), "fib's proof for another program");
            assertTrue(v.reason().contains("another program"), v.reason());
            // Even with the other program's id written in: the trace or the block proofs do not fit.
            refuse(p, VmTesting.withId(fib3, p.id()), "fib's proof with another program's id");
        }
        // Another program with the same blocks: the runtime accepts the trace, the block proofs do not.
        assertEquals(fib.blocks().size(), sameShape.blocks().size());
        refusedByProof(sameShape, VmTesting.withId(fib3, sameShape.id()), "fib's proof for fib with a + b + 1");
        refuse(fib, VmTesting.withId(fib3, new byte[32]), "zero id");
        refuse(sum, VmTesting.withId(sum3, fib.id()), "sum's proof, fib's id");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Groups.

    @Test
    void copiesChangedAreRefused() {
        for (VmProof honest : List.of(fib3, sum3)) {
            VmProgram p = honest == fib3 ? fib : sum;
            for (int i = 0; i < honest.groups().size(); i++) {
                VmProof.Group g = honest.groups().get(i);
                for (int c : new int[] {0, -1, 1, 2, 3, g.copies() * 2, g.copies() / 2, g.copies() + 1,
                    Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20}) {
                    if (c == g.copies()) {
                        continue;
                    }
                    int at = i;
                    VmVerifier.Verdict v = refuse(p, VmTesting.mapGroups(honest, gs -> {
                        gs.set(at, new VmProof.Group(g.block(), c, g.transcript()));
                        return gs;
                    }), "group " + i + " with " + c + " copies instead of " + g.copies());
                    assertTrue(v.reason().contains("copies"), v.reason());
                }
            }
        }
    }

    @Test
    void anExtraOrMissingGroupIsRefused() {
        for (VmProof honest : List.of(fib3, sum3)) {
            VmProgram p = honest == fib3 ? fib : sum;
            int n = honest.groups().size();
            for (int i = 0; i < n; i++) {
                int at = i;
                refuse(p, VmTesting.mapGroups(honest, gs -> {
                    gs.remove(at);
                    return gs;
                }), "group " + i + " missing");
                refuse(p, VmTesting.mapGroups(honest, gs -> {
                    gs.add(at, gs.get(at));
                    return gs;
                }), "group " + i + " twice");
                for (int b = -1; b <= p.blocks().size(); b++) {
                    if (b == honest.groups().get(i).block()) {
                        continue;
                    }
                    int block = b;
                    refuse(p, VmTesting.mapGroups(honest, gs -> {
                        VmProof.Group g = gs.get(at);
                        gs.set(at, new VmProof.Group(block, g.copies(), g.transcript()));
                        return gs;
                    }), "group " + i + " named block " + b);
                    // An extra group for another block, at the end and at the front.
                    VmProof.Group extra = new VmProof.Group(block, 1, honest.groups().get(at).transcript());
                    refuse(p, VmTesting.mapGroups(honest, gs -> {
                        gs.add(extra);
                        return gs;
                    }), "extra group for block " + b + " at the end");
                    refuse(p, VmTesting.mapGroups(honest, gs -> {
                        gs.add(0, extra);
                        return gs;
                    }), "extra group for block " + b + " at the front");
                }
            }
            refuse(p, VmTesting.withGroups(honest, List.of()), "no groups");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The file.

    @Test
    void trailingBytesAndTruncationsAreRefused() {
        byte[] file = fib3.toBytes();
        for (int extra : new int[] {1, 4, 32, 1000}) {
            VmVerifier.Verdict v = refused(verify(fib, Arrays.copyOf(file, file.length + extra), null),
                    extra + " trailing bytes");
            assertTrue(v.reason().contains("trailing"), v.reason());
        }
        for (int len = 0; len < file.length; len++) {
            refused(verify(fib, Arrays.copyOf(file, len), null), "truncated to " + len + " bytes");
        }
    }

    @Test
    void everyByteFlippedInTheHeaderIdPublicValuesAndTraceIsRefused() {
        for (VmProof honest : List.of(fib3, sum3)) {
            VmProgram p = honest == fib3 ? fib : sum;
            byte[] file = honest.toBytes();
            VmTesting.Layout l = VmTesting.layout(honest);
            assertEquals(file.length, l.end());
            // Everything up to the first transcript byte: header, id, public values, trace, group headers.
            int upTo = l.transcripts().get(0)[0];
            for (int pos = 0; pos < upTo; pos++) {
                for (int mask : new int[] {1 << (pos % 8), 0xFF}) {
                    byte[] bad = file.clone();
                    bad[pos] ^= (byte) mask;
                    refused(verify(p, bad, null), "byte " + pos + " ^ " + mask + " of " + file.length);
                }
            }
            // And the group headers between transcripts.
            for (int g = 1; g < l.transcripts().size(); g++) {
                for (int pos = l.transcripts().get(g - 1)[1]; pos < l.transcripts().get(g)[0]; pos++) {
                    byte[] bad = file.clone();
                    bad[pos] ^= 1;
                    refused(verify(p, bad, null), "group header byte " + pos);
                }
            }
        }
    }

    @Test
    void bytesFlippedAcrossTheBlockProofsAreRefused() {
        byte[] file = fib3.toBytes();
        List<int[]> ts = VmTesting.layout(fib3).transcripts();
        List<Integer> positions = new ArrayList<>();
        for (int[] t : ts) {
            // The first and last bytes of each transcript, and 72 spread between.
            int len = t[1] - t[0];
            positions.add(t[0]);
            positions.add(t[1] - 1);
            for (int i = 1; i <= 72; i++) {
                positions.add(t[0] + (int) ((long) len * i / 73));
            }
        }
        assertTrue(positions.size() >= 200, "positions " + positions.size());
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int pos : positions) {
            byte[] bad = file.clone();
            bad[pos] ^= (byte) (1 << rng.nextInt(8));
            refused(verify(fib, bad, null), "transcript byte " + pos);
        }
    }

    @Test
    @Tag("slow")
    void everyByteFlippedAnywhereIsRefused() {
        for (VmProof honest : List.of(fib3, sum3)) {
            VmProgram p = honest == fib3 ? fib : sum;
            byte[] file = honest.toBytes();
            for (int pos = 0; pos < file.length; pos++) {
                byte[] bad = file.clone();
                bad[pos] ^= (byte) (1 << (pos % 8));
                refused(verify(p, bad, null), "byte " + pos + " of " + file.length);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The shared opening (format 2) and format 1.

    @Test
    void theOpeningOfAnotherRunIsRefused() {
        // fib 4's opening with fib 3's block proofs and the other way round: the same blocks, other claims.
        refuse(fib, withOpening(fib3, fib4.opening()), "fib 3 with fib 4's opening");
        refuse(fib, withOpening(fib4, fib3.opening()), "fib 4 with fib 3's opening");
        refuse(sum, withOpening(sum3, fib3.opening()), "sum 3 with fib 3's opening");
        VmVerifier.Verdict empty = refuse(fib, withOpening(fib3, new byte[0]), "no opening");
        assertTrue(empty.reason().startsWith("the block proofs' opening is malformed"), empty.reason());
        // Without the opening (read as format 1), each block proof lacks its own.
        VmVerifier.Verdict none = refuse(fib, withOpening(fib3, null), "format 1 without openings");
        assertTrue(none.reason().startsWith("a block proof is malformed"), none.reason());
    }

    /**
     * A format 1 proof (each block proof with its own opening; fib n = 3, r = 2, made before format 2) still verifies,
     * and neither format's parts pass for the other's.
     */
    @Test
    void aFormat1ProofStillVerifiesAndTheFormatsDoNotMix() throws Exception {
        byte[] file;
        try (java.io.InputStream in = getClass().getResourceAsStream("fib-n3-r2.format1.vmproof")) {
            file = in.readAllBytes();
        }
        VmProof old = VmProof.fromBytes(file);
        assertEquals(VmProof.SEPARATE_OPENINGS_VERSION, old.version());
        assertNull(old.opening());
        assertArrayEquals(file, old.toBytes(), "format 1 survives the round trip");
        VmTesting.accepted(verify(fib, file, Map.of("r", fp(2))), "the format 1 proof of fib 3");
        assertEquals(VmProof.FILE_VERSION, fib3.version());
        // Format 1's block proofs (whole proofs) with a shared opening: trailing bytes in each.
        VmVerifier.Verdict v = refuse(fib, withOpening(old, fib3.opening()), "format 1 block proofs, an opening");
        assertTrue(v.reason().startsWith("a block proof is malformed"), v.reason());
        // Relabelled: the format 1 file as format 2 (no opening after its groups), the format 2 file as format 1
        // (the opening left over).
        byte[] as2 = file.clone();
        as2[9] = (byte) VmProof.FILE_VERSION;
        refused(verify(fib, as2, null), "format 1 labelled 2");
        byte[] as1 = fib3.toBytes();
        as1[9] = (byte) VmProof.SEPARATE_OPENINGS_VERSION;
        refused(verify(fib, as1, null), "format 2 labelled 1");
    }

    private static VmProof withOpening(VmProof p, byte[] opening) {
        return new VmProof(p.programId(), p.publicValues(), p.steps(), p.groups(), opening);
    }

    @Test
    void honestProofsSurviveTheRoundTrip() throws Exception {
        for (VmProof p : List.of(fib3, fib4, fib0, sum3)) {
            assertEquals(p, VmProof.fromBytes(p.toBytes()));
        }
        VmTesting.accepted(verify(sum, sum3.toBytes(), Map.of("r", fp(6))), "sum 3 = 6");
        VmTesting.accepted(verify(fib, fib0.toBytes(), Map.of("r", Fp.ZERO)), "fib 0 = 0");
    }
}
