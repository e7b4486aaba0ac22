package dev.vampvm.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.KeyCache;
import dev.vampvm.backend.Backend;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.syntax.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Programs and helpers shared by the VM tests. */
final class VmTesting {
    private VmTesting() {
    }

    /** language.md's fib: a tail-recursive function, one block per iteration. */
    static final String FIB = """
            def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a;
            pub r;
            fib n 0 1 = r;
            """;

    /** A non-tail recursion: each call leaves a frame waiting for the addition after it returns. */
    static final String SUM = """
            def sum n = branch (lt n 1) (n + sum (n - 1)) 0;
            pub r;
            sum n = r;
            """;

    /** A branch in the main program whose arms differ in size. */
    static final String BRANCH_MAIN = """
            pub r;
            def v = branch (lt x 5) (x * x * x) (x + 1);
            v = r;
            """;

    /** A recursive function reading a top-level value. */
    static final String CAPTURE = """
            def k = x * 2;
            def f n = branch (lt n 1) (f (n - 1)) k;
            pub r;
            f n = r;
            """;

    /** A recursive function over a tuple, returning a tuple. */
    static final String TUPLES = """
            def g (a, b) n = branch (lt n 1) (g (b, a + b) (n - 1)) (a, b);
            pub r, s;
            g (x, y) n = (r, s);
            """;

    static SourceFile source(String name, String text) {
        return new SourceFile(name + ".pir", text);
    }

    static VmProgram compile(String text) {
        return VmProgram.compile(source("t", text));
    }

    static Trace run(VmProgram p, Map<String, String> inputs) {
        return Interpreter.run(p, Inputs.of(inputs), Interpreter.DEFAULT_MAX_STEPS);
    }

    static VmProver.Options options(KeyCache cache) {
        return new VmProver.Options(cache, () -> new java.util.Random(1), 2);
    }

    static VmProof prove(VmProgram p, Trace t, Backend backend, KeyCache cache) {
        return VmProver.prove(p, t, backend, options(cache), null).proof();
    }

    static Fp fp(long v) {
        return Fp.of(v);
    }

    /** The examples folder at the repository root. */
    static Path examples() {
        Path p = Path.of("examples").toAbsolutePath();
        if (!Files.isDirectory(p)) {
            p = Path.of("..", "examples").toAbsolutePath();
        }
        return p.normalize();
    }

    // ------------------------------------------------------------------------------------------
    // Building mutated proofs.

    static VmProof withSteps(VmProof p, List<VmProof.Step> steps) {
        return new VmProof(p.programId(), p.publicValues(), steps, p.groups(), p.opening());
    }

    static VmProof withGroups(VmProof p, List<VmProof.Group> groups) {
        return new VmProof(p.programId(), p.publicValues(), p.steps(), groups, p.opening());
    }

    static VmProof withPublic(VmProof p, List<Fp> pub) {
        return new VmProof(p.programId(), pub, p.steps(), p.groups(), p.opening());
    }

    static VmProof withId(VmProof p, byte[] id) {
        return new VmProof(id, p.publicValues(), p.steps(), p.groups(), p.opening());
    }

    static VmProof mapSteps(VmProof p, UnaryOperator<List<VmProof.Step>> f) {
        return withSteps(p, f.apply(new ArrayList<>(p.steps())));
    }

    static VmProof mapGroups(VmProof p, UnaryOperator<List<VmProof.Group>> f) {
        return withGroups(p, f.apply(new ArrayList<>(p.groups())));
    }

    /** A step with one value replaced. */
    static VmProof.Step setValue(VmProof.Step s, int i, Fp v) {
        List<Fp> values = new ArrayList<>(s.values());
        values.set(i, v);
        return new VmProof.Step(s.block(), values);
    }

    /** The group proving a block, by index in the proof's list. */
    static int groupOf(VmProof p, int block) {
        for (int i = 0; i < p.groups().size(); i++) {
            if (p.groups().get(i).block() == block) {
                return i;
            }
        }
        throw new AssertionError("no group for block " + block);
    }

    static int blockNamed(VmProgram p, String name) {
        for (Block b : p.blocks()) {
            if (b.name().equals(name)) {
                return b.index();
            }
        }
        throw new AssertionError("no block " + name);
    }

    /** What a forger writes for a value a step makes. */
    interface Exports {
        Fp value(int step, String key, Fp honest);
    }

    /**
     * Relinks a trace so that the runtime accepts it: each step's imports are set to what the runtime holds when it
     * runs, its exports are what {@code exports} says (the given values by default). The steps' blocks are kept, so
     * they must follow the program. Fails the test if the runtime refuses the result: a forgery built with this
     * passes every rule outside the circuits, and only the block proofs can catch it.
     */
    static List<VmProof.Step> relink(VmProgram p, List<VmProof.Step> steps, Exports exports) {
        Machine m = new Machine(p);
        List<VmProof.Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            VmProof.Step s = steps.get(i);
            Block b = p.block(s.block());
            List<String> keys = b.publicKeys();
            int imports = b.shape().importKeys().size();
            List<Fp> values = new ArrayList<>();
            for (int j = 0; j < keys.size(); j++) {
                Fp given = s.values().get(j);
                values.add(j < imports ? m.value(keys.get(j)) : exports.value(i, keys.get(j), given));
            }
            try {
                m.step(b, values);
            } catch (Machine.Refused e) {
                throw new AssertionError("the runtime refuses the relinked trace: " + e.getMessage(), e);
            }
            out.add(new VmProof.Step(s.block(), values));
        }
        try {
            m.finish();
        } catch (Machine.Refused e) {
            throw new AssertionError("the relinked trace does not halt: " + e.getMessage(), e);
        }
        return out;
    }

    /** Whether the runtime's rules alone accept a proof's trace. */
    static String machineVerdict(VmProgram p, VmProof proof) {
        Machine m = new Machine(p);
        try {
            for (VmProof.Step s : proof.steps()) {
                if (s.block() < 0 || s.block() >= p.blocks().size()) {
                    return "no block " + s.block();
                }
                m.step(p.block(s.block()), s.values());
            }
            m.finish();
            return null;
        } catch (Machine.Refused e) {
            return e.getMessage();
        }
    }

    /**
     * Byte offsets of the sections of a serialized proof; {@code transcripts} the byte ranges of the block proofs'
     * transcripts, then of the shared opening (format 2), each range after its length.
     */
    record Layout(int idStart, int publicStart, int traceStart, int groupsStart, List<int[]> transcripts, int end) {
    }

    static Layout layout(VmProof p) {
        int pos = dev.vampvm.plonk.io.FileHeader.BYTES;
        int idStart = pos;
        pos += 32;
        int publicStart = pos;
        pos += 4 + 32 * p.publicValues().size();
        int traceStart = pos;
        pos += 4;
        for (VmProof.Step s : p.steps()) {
            pos += 8 + 32 * s.values().size();
        }
        int groupsStart = pos;
        pos += 4;
        List<int[]> transcripts = new ArrayList<>();
        for (VmProof.Group g : p.groups()) {
            pos += 12;
            int len = g.transcript().length;
            transcripts.add(new int[] {pos, pos + len});
            pos += len;
        }
        if (p.opening() != null) {
            pos += 4;
            transcripts.add(new int[] {pos, pos + p.opening().length});
            pos += p.opening().length;
        }
        return new Layout(idStart, publicStart, traceStart, groupsStart, transcripts, pos);
    }

    /** Asserts a refusal with a reason (and no exception). */
    static VmVerifier.Verdict refused(VmVerifier.Verdict v, String context) {
        assertNotNull(v, context);
        assertFalse(v.valid(), () -> "ACCEPTED a forged proof: " + context);
        assertNotNull(v.reason(), context);
        assertFalse(v.reason().isBlank(), context);
        return v;
    }

    static void accepted(VmVerifier.Verdict v, String context) {
        assertTrue(v.valid(), () -> context + ": " + v.reason());
        assertEquals(null, v.reason(), context);
    }
}
