package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.Vampvm;
import dev.vampvm.ir.eval.Evaluator;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.syntax.SourceFile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Regression tests for crashes and hangs the fuzzer found in the front end (dev.vampvm.fuzz.ProgramFuzzTest). */
class FrontEndLimitsTest {
    /** 10,000 nested parentheses overflowed the caller's stack in Vampvm.compile (parsing ran on it). */
    @Test
    void deepNestingParsesOnTheCompilersStack() {
        String deep = "pub r;\n" + "(".repeat(10_000) + "r" + ")".repeat(10_000) + " = r;\n";
        Thread t = new Thread(null, () -> Vampvm.compile("deep.pir", deep), "small-stack", 256 * 1024);
        Throwable[] failure = new Throwable[1];
        t.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
        t.start();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> t.join());
        assertTrue(failure[0] == null, () -> "compile failed: " + failure[0]);
    }

    /** Nesting beyond the parser's limit is a syntax error at the place it happens, not a stack overflow. */
    @Test
    void nestingBeyondTheLimitIsADiagnostic() {
        int n = Parser.MAX_NESTING + 10;
        for (String deep : new String[] {"(".repeat(n) + "1" + ")".repeat(n), "{".repeat(n) + "1" + "}".repeat(n),
            "-".repeat(n) + "1", "1 : ".repeat(n) + "[]", "2 ^ ".repeat(n) + "2"}) {
            CompileException e = assertThrows(CompileException.class, () -> Vampvm.compile("deep.pir", deep + ";\n"));
            assertTrue(e.getMessage().contains("nests deeper than " + Parser.MAX_NESTING), e.getMessage());
            assertTrue(e.kind() == CompileException.Kind.SYNTAX);
        }
    }

    /** A 50,000-term '^' chain took minutes: each node's source text folded its whole span (quadratic). */
    @Test
    void longChainsCompileInLinearTime() {
        String chain = "pub r;\n" + "2 ^ ".repeat(50_000) + "2 = r;\n";
        assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Compiler.compile(new SourceFile("chain.pir", chain), null, null));
    }

    /** Recursion beyond the evaluator's limit (100,000 levels) is a diagnostic, not a StackOverflowError. */
    @Test
    void deepRecursionIsADiagnostic() {
        for (String body : new String[] {"branch (lt n 1) (f (n - 1)) 0", "branch (lt n 1) (1 + f (n - 1)) 0"}) {
            String text = "def f n = " + body + ";\npub r;\nf 1000000 = r;\n";
            CompileException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    CompileException.class, () -> Compiler.compile(new SourceFile("deep.pir", text), null, null)));
            assertTrue(e.getMessage().contains("recursion deeper than 100000")
                    || e.getMessage().contains("nests too deeply"), e.getMessage());
        }
    }

    /**
     * A recursion whose condition folds to a constant ('lt n n' is 0 for every n) on an input never ends, and each
     * level adds a comparison's few hundred constraints: it ran out of an 8 GiB heap after 100 s (a fuzzed fib.pir).
     * The constraints are capped by the heap (Evaluator.Options.heapConstraintLimit), and the diagnostic says so.
     */
    @Test
    void aCircuitThatOutgrowsTheHeapIsADiagnostic() {
        String text = "def fib n a b = branch (lt n n) (fib (n - 1) b (a + b)) a;\npub r;\nfib n 0 1 = r;\n";
        CompileException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                CompileException.class, () -> Compiler.compile(new SourceFile("fib.pir", text), null, null)));
        assertTrue(e.getMessage().contains("grows past " + Evaluator.Options.heapConstraintLimit()
                + " three-address constraints") && e.getMessage().contains("Java heap"), e.getMessage());
        assertEquals(Runtime.getRuntime().maxMemory() / 1024, Evaluator.Options.heapConstraintLimit());
        // An explicit limit (a verifier's, from the proof's k) is named without the heap's advice.
        CompileException small = assertThrows(CompileException.class, () -> Compiler.compileWith(
                new SourceFile("fib.pir", text), null, Evaluator.Options.shape().withMaxConstraints(10_000)));
        assertTrue(small.getMessage().contains("grows past 10000 three-address constraints, the most allowed here")
                && !small.getMessage().contains("heap"), small.getMessage());
    }

    /**
     * A program may compute for ever without growing its circuit (f calls itself twice on a constant: 2^60 calls).
     * Interrupting the thread that waits for the compiler stops the compiler's own thread too, so a compile given up
     * on (the fuzzer's per-input timeout) does not run on and starve the tests after it.
     */
    @Test
    void anInterruptedCompileStopsItsThread() throws Exception {
        String text = "def f n = branch (lt n 1) (f (n - 1) + f (n - 1)) 0;\npub r;\nf 60 = r;\n";
        Throwable[] failure = new Throwable[1];
        long before = compilerThreads(); // none, unless an earlier test left one
        Thread caller = new Thread(() -> {
            try {
                Compiler.compile(new SourceFile("exp.pir", text), null, null);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        caller.start();
        Thread.sleep(500);
        assertTrue(caller.isAlive() && compilerThreads() == before + 1, "still compiling after 0.5 s");
        caller.interrupt();
        caller.join(10_000);
        assertTrue(!caller.isAlive() && failure[0] instanceof IllegalStateException
                && failure[0].getMessage().contains("interrupted"), () -> "the caller got " + failure[0]);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (compilerThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(compilerThreads() <= before, "the compiler's thread ended");
    }

    private static long compilerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("vampir-compiler")).count();
    }

    /** A million-digit literal took over 20 s to parse (BigInteger is quadratic): refused past 1,000 digits. */
    @Test
    void hugeLiteralsAreRefusedQuickly() {
        for (String lit : new String[] {"9".repeat(1_000_000), "0x" + "f".repeat(1_000_000)}) {
            CompileException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                    CompileException.class, () -> Vampvm.compile("lit.pir", "pub r;\n" + lit + " = r;\n")));
            assertTrue(e.getMessage().contains("at most 1000"), e.getMessage());
        }
        Vampvm.compile("lit.pir", "pub r;\n" + "0".repeat(5_000) + "1 = r;\n");
    }
}
