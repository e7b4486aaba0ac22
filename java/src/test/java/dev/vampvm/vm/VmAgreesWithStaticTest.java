package dev.vampvm.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.CompiledProgram;
import dev.vampvm.ir.Compiler;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.eval.Terminator;
import dev.vampvm.ir.flatten.WitnessCheck;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VM mode computes what static mode computes: for the same program and inputs, the VM run halts, every step's
 * witness satisfies its block's constraints, and the public values and the result are static mode's, whose own
 * witness holds.
 */
class VmAgreesWithStaticTest {

    /** Runs both modes and compares them; returns the trace. */
    static Trace agree(SourceFile file, Inputs inputs) {
        return agree(file, VmProgram.compile(file), inputs);
    }

    private static final Map<String, VmProgram> COMPILED = new java.util.HashMap<>();

    /** With the VM program compiled once per source. */
    static Trace agreeCached(SourceFile file, Inputs inputs) {
        return agree(file, COMPILED.computeIfAbsent(file.text(), t -> VmProgram.compile(file)), inputs);
    }

    static Trace agree(SourceFile file, VmProgram p, Inputs inputs) {
        Trace t = Interpreter.run(p, inputs, Interpreter.DEFAULT_MAX_STEPS);
        String context = file.name() + " with " + inputs.raw();
        assertInstanceOf(Terminator.Halt.class, t.steps().get(t.steps().size() - 1).block().terminator(), context);
        assertTrue(t.steps().get(0).block().point().isEntry(), context);
        for (Trace.Step s : t.steps()) {
            List<Diagnostic> failures = WitnessCheck.check(s.run().flat());
            assertTrue(failures.isEmpty(), () -> context + ", block " + s.block().name() + ": " + render(failures));
            assertEquals(s.block().publicKeys().size(), s.values().size(), context);
        }
        // The trace obeys the runtime's rules (what the verifier checks before any proof).
        VmProof unproven = new VmProof(p.id(), List.copyOf(t.publicValues().values()),
                t.steps().stream().map(s -> new VmProof.Step(s.block().index(), s.values())).toList(), List.of(),
                new byte[0]);
        assertEquals(null, VmTesting.machineVerdict(p, unproven), context);
        CompiledProgram s = Compiler.compile(file, inputs, null);
        List<Diagnostic> failures = s.checkWitness();
        assertTrue(failures.isEmpty(), () -> context + ", static mode: " + render(failures));
        assertEquals(s.publicValues(), t.publicValues(), context);
        assertEquals(List.copyOf(s.publicValues().keySet()), p.publicNames(), context);
        assertEquals(s.result(), t.result(), context);
        return t;
    }

    private static String render(List<Diagnostic> ds) {
        return ds.stream().map(Diagnostic::render).collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pythagoras", "branch", "fib", "booleans", "currying", "alu", "mimc", "range", "bigint",
        "compare", "poseidon"})
    void examplesAgree(String name) throws IOException {
        Path dir = VmTesting.examples();
        Path pir = dir.resolve(name + ".pir");
        SourceFile file = new SourceFile(pir.toString(), Files.readString(pir));
        agree(file, Inputs.read(dir.resolve(name + ".inputs.json")));
    }

    @Test
    void branchExampleTakesOtherArmsWithOtherInputs() throws IOException {
        Path pir = VmTesting.examples().resolve("branch.pir");
        SourceFile file = new SourceFile(pir.toString(), Files.readString(pir));
        // a < b, c = 0: max, absdiff and clamp take the other arms (clamp: below the range, then inside it).
        VmProgram p = VmProgram.compile(file);
        Trace below = agree(file, p, Inputs.of(Map.of("a", "5", "b", "17", "c", "0", "m", "17", "d", "12", "s", "17",
                "k", "10")));
        Trace inside = agree(file, p, Inputs.of(Map.of("a", "15", "b", "17", "c", "0", "m", "17", "d", "2", "s", "17",
                "k", "15")));
        assertTrue(!inside.path().equals(below.path()), below.path() + " / " + inside.path());
    }

    private static final String MUTUAL = """
            def f n = branch (lt n 1) (f (n - 1) + 2) 0;
            def g n = branch (lt n 1) (g (n - 1) + f n) 1;
            pub r;
            g x = r;
            """;

    private static final String NESTED = """
            def clamp lo hi x = branch (lt x lo) (branch (lt hi x) x hi) lo;
            def step (s, n) = branch (lt n 1) (step (s + clamp 3 9 n, n - 1)) (s, n);
            pub r;
            def (total, zero) = step (y, x);
            total + zero = r;
            """;

    private static final String BRANCH_OF_TUPLES = """
            def swap c (a, b) = branch c (a, b) (b, a);
            def (p, q) = swap (lt x y) (x, y);
            pub lo, hi;
            (p, q) = (hi, lo);
            branch (lt p q) { q = q; () } { p = 0; () };        // the arm not taken would fail
            """;

    /** Programs with recursion and branches, expected results computed here. */
    @Test
    void recursiveProgramsAgreeOnRandomInputs() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            int n = rng.nextInt(9);
            long[] fib = {0, 1};
            for (int i = 0; i < n; i++) {
                fib = new long[] {fib[1], fib[0] + fib[1]};
            }
            agreeCached(VmTesting.source("fib", VmTesting.FIB), in("n", n, "r", fib[0]));
            agreeCached(VmTesting.source("sum", VmTesting.SUM), in("n", n, "r", (long) n * (n + 1) / 2));
            long x = rng.nextInt(12);
            agreeCached(VmTesting.source("branch_main", VmTesting.BRANCH_MAIN),
                    in("x", x, "r", x < 5 ? x + 1 : x * x * x));
            agreeCached(VmTesting.source("capture", VmTesting.CAPTURE), in("x", x, "n", n, "r", 2 * x));
            long a0 = rng.nextInt(5);
            long b0 = rng.nextInt(5);
            long a = a0;
            long b = b0;
            for (int i = 0; i < n; i++) {
                long t = a + b;
                a = b;
                b = t;
            }
            agreeCached(VmTesting.source("tuples", VmTesting.TUPLES), in("x", a0, "y", b0, "n", n, "r", a, "s", b));
            // g x = sum over k <= x of f k, plus 1, where f k = 2 k.
            agreeCached(VmTesting.source("mutual", MUTUAL), in("x", n, "r", 1L + (long) n * (n + 1)));
            long y = rng.nextInt(100);
            long total = y;
            for (long k = n; k >= 1; k--) {
                total += Math.max(3, Math.min(9, k));
            }
            agreeCached(VmTesting.source("nested", NESTED), in("x", n, "y", y, "r", total));
            long u = rng.nextInt(20);
            long v = rng.nextInt(20);
            if (u != v) {
                agreeCached(VmTesting.source("tuple_branch", BRANCH_OF_TUPLES), in("x", u, "y", v, "lo", Math.min(u, v),
                        "hi", Math.max(u, v)));
            }
        }
    }

    /** More shapes: closures around a call, fresh results, unit results, two activations, calls from arms. */
    @Test
    void moreShapesAgree() {
        String lam = "def h = fun m { m + 1 };\ndef g m = branch (lt m 1) (h (g (m - 1))) 0;\npub r;\ng x = r;\n";
        String fresh = "def g m = branch (lt m 1) (g (m - 1)) (fresh (m + 7));\npub r;\ng x = r;\n";
        String unit = "def g m = branch (lt m 1) { m = m; g (m - 1) } ();\ng x;\n";
        String two = "def g m = branch (lt m 1) (g (m - 1) + 1) 0;\npub r;\ng x + g y = r;\n";
        String after = "def v = branch (lt x 5) x 5;\ndef k = v * 3;\n"
                + "def g m = branch (lt m 1) (g (m - 1) + k) 0;\npub r;\ng 2 = r;\n";
        String arms = "def g m = branch (lt m 1) (g (m - 1) + 1) 0;\npub r;\nbranch (lt x 5) (g x) (g 2 * 10) = r;\n";
        String cond = "def g c m = branch c (g (lt m 2) (m - 1)) m;\npub r;\ng 0 x = r;\n";
        for (int x : new int[] {1, 4, 6}) {
            int y = 7 - x;
            agreeCached(VmTesting.source("lam", lam), in("x", x, "r", x));
            agreeCached(VmTesting.source("fresh", fresh), in("x", x, "r", 7));
            agreeCached(VmTesting.source("unit", unit), in("x", x));
            agreeCached(VmTesting.source("two", two), in("x", x, "y", y, "r", x + y));
            agreeCached(VmTesting.source("after", after), in("x", x, "r", 6 * (x < 5 ? 5 : x)));
            agreeCached(VmTesting.source("arms", arms), in("x", x, "r", x < 5 ? 20 : x));
            agreeCached(VmTesting.source("cond", cond), in("x", x, "r", 0));
        }
        // Two activations of one function run side by side in one trace.
        Trace t = agreeCached(VmTesting.source("two", two), in("x", 2, "y", 3, "r", 5));
        assertEquals(2, t.path().stream().filter(n -> n.equals("g/1y")).count());
    }

    private static Inputs in(Object... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            long v = ((Number) kv[i + 1]).longValue();
            m.put((String) kv[i], v < 0 ? "-" + (-v) : Long.toString(v));
        }
        return Inputs.of(m);
    }
}
