package dev.vampvm.vm;

import static dev.vampvm.vm.VmTesting.compile;
import static dev.vampvm.vm.VmTesting.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.api.VampvmException;
import dev.vampvm.ir.Inputs;
import dev.vampvm.ir.eval.Slot;
import dev.vampvm.ir.eval.Terminator;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How VM mode cuts programs into blocks, and what the interpreter does with them. */
class VmProgramTest {

    /** Name, terminator kind, next, tail, arms, callee of every block. */
    private static List<String> shape(VmProgram p) {
        List<String> out = new ArrayList<>();
        for (Block b : p.blocks()) {
            out.add(b.index() + " " + b.name() + " " + b.terminator().getClass().getSimpleName() + " next=" + b.next()
                    + (b.tail() ? " tail" : "") + " arms=" + b.arms() + " callee=" + b.callee());
        }
        return out;
    }

    @Test
    void fibIsCutAtItsBranchAndItsRecursiveCall() {
        VmProgram p = compile(VmTesting.FIB);
        assertEquals(List.of(
                "0 main Call next=2 arms=[] callee=1",
                "1 fib Branch next=5 tail arms=[3, 4] callee=-1",
                "2 main@1 Halt next=-1 arms=[] callee=-1",
                "3 fib/1x Call next=6 tail arms=[] callee=1",
                "4 fib/1y Return next=-1 arms=[] callee=-1",
                "5 fib@1 Return next=-1 arms=[] callee=-1",
                "6 fib/1x@1 Return next=-1 arms=[] callee=-1"), shape(p));
        assertTrue(p.entry().point().isEntry());
        assertEquals("call fib", p.block(0).describeEnd());
        assertEquals("call fib (tail)", p.block(3).describeEnd());
        assertEquals("halt", p.block(2).describeEnd());
        // The call passes n and the constants 0 and 1; fib's parameters are n, a, b.
        Terminator.Call call = assertInstanceOf(Terminator.Call.class, p.block(0).terminator());
        assertEquals("fib", call.name());
        assertEquals(3, call.args().size());
        assertInstanceOf(Slot.Key.class, call.args().get(0));
        assertEquals(new Slot.Constant(VmTesting.fp(0)), call.args().get(1));
        assertEquals(new Slot.Constant(VmTesting.fp(1)), call.args().get(2));
        assertEquals(3, p.block(1).shape().paramKeys().size());
        // Blocks with arithmetic have a circuit; those that only hand values on have none.
        assertFalse(p.block(0).hasCircuit(), "main only reads its inputs and calls");
        assertTrue(p.block(1).hasCircuit(), "fib computes lt n 1");
        assertTrue(p.block(2).hasCircuit(), "main@1 checks fib n 0 1 = r");
        assertTrue(p.block(3).hasCircuit(), "fib/1x computes n - 1 and a + b");
        assertFalse(p.block(4).hasCircuit());
        assertFalse(p.block(5).hasCircuit());
        assertFalse(p.block(6).hasCircuit());
        // The branch condition is a value fib makes (and proves).
        Terminator.Branch br = assertInstanceOf(Terminator.Branch.class, p.block(1).terminator());
        assertTrue(p.block(1).shape().exportKeys().contains(((Slot.Key) br.condition()).key()));
        assertEquals(1, p.publicKeys().size());
        assertEquals(List.of("r"), p.publicNames());
    }

    @Test
    void fibRunsOneBlockPerIterationInConstantStackDepth() {
        VmProgram p = compile(VmTesting.FIB);
        Trace t = run(p, Map.of("n", "3", "r", "2"));
        assertEquals(List.of("main", "fib", "fib/1x", "fib", "fib/1x", "fib", "fib/1x", "fib", "fib/1y", "main@1"),
                t.path());
        assertEquals(1, t.maxDepth(), "tail calls push no frame");
        assertEquals(Map.of("r", VmTesting.fp(2)), t.publicValues());
        for (int n : new int[] {0, 1, 7}) {
            long[] fib = {0, 1};
            for (int i = 0; i < n; i++) {
                fib = new long[] {fib[1], fib[0] + fib[1]};
            }
            Trace tn = run(p, Map.of("n", Integer.toString(n), "r", Long.toString(fib[0])));
            assertEquals(2 * n + 4, tn.steps().size(), "n = " + n);
            assertEquals(1, tn.maxDepth());
            assertEquals(n + 1, tn.byBlock().get(1).size(), "fib runs n + 1 times");
        }
    }

    @Test
    void straightLineProgramIsOneBlockEndingInHalt() {
        VmProgram p = compile("pub R;\ndef pyth a b c = { a^2 + b^2 = c^2 };\npyth x y R;\n");
        assertEquals(1, p.blocks().size());
        Block b = p.entry();
        assertEquals("main", b.name());
        assertInstanceOf(Terminator.Halt.class, b.terminator());
        assertEquals(-1, b.next());
        assertEquals(List.of(), b.arms());
        assertEquals(-1, b.callee());
        assertTrue(b.hasCircuit());
        Trace t = run(p, Map.of("x", "3", "y", "4", "R", "5"));
        assertEquals(List.of("main"), t.path());
        assertEquals(0, t.maxDepth());
    }

    @Test
    void nonTailRecursionHasAContinuationAndAStackThatGrowsWithN() {
        VmProgram p = compile(VmTesting.SUM);
        assertEquals(List.of(
                "0 main Call next=2 arms=[] callee=1",
                "1 sum Branch next=5 tail arms=[3, 4] callee=-1",
                "2 main@1 Halt next=-1 arms=[] callee=-1",
                "3 sum/1x Call next=6 arms=[] callee=1",
                "4 sum/1y Return next=-1 arms=[] callee=-1",
                "5 sum@1 Return next=-1 arms=[] callee=-1",
                "6 sum/1x@1 Return next=-1 arms=[] callee=-1"), shape(p));
        Block call = p.block(VmTesting.blockNamed(p, "sum/1x"));
        assertFalse(call.tail(), "n + sum (n - 1) still adds after the call returns");
        Block cont = p.block(call.next());
        assertEquals("sum/1x@1", cont.name());
        assertTrue(cont.hasCircuit(), "the continuation makes the addition");
        assertEquals(1, cont.shape().resumeKeys().size());
        for (int n : new int[] {0, 1, 2, 5, 9}) {
            Trace t = run(p, Map.of("n", Integer.toString(n), "r", Integer.toString(n * (n + 1) / 2)));
            assertEquals(n + 1, t.maxDepth(), "n = " + n + ": main's frame and one per pending addition");
            assertEquals(n, t.byBlock().getOrDefault(cont.index(), List.of()).size(), "one continuation per level");
            assertEquals("main@1", t.path().get(t.path().size() - 1));
        }
    }

    @Test
    void branchInMainWithUnequalArms() {
        VmProgram p = compile(VmTesting.BRANCH_MAIN);
        assertEquals(List.of(
                "0 main Branch next=3 arms=[1, 2] callee=-1",
                "1 main/1x Return next=-1 arms=[] callee=-1",
                "2 main/1y Return next=-1 arms=[] callee=-1",
                "3 main@1 Halt next=-1 arms=[] callee=-1"), shape(p));
        assertFalse(p.entry().tail(), "main resumes after the branch");
        assertTrue(p.block(1).layout().rows() > p.block(2).layout().rows(), "x^3 needs more than x + 1");
        Trace small = run(p, Map.of("x", "3", "r", "4"));
        assertEquals(List.of("main", "main/1y", "main@1"), small.path());
        assertEquals(1, small.maxDepth());
        Trace big = run(p, Map.of("x", "7", "r", "343"));
        assertEquals(List.of("main", "main/1x", "main@1"), big.path());
    }

    @Test
    void recursiveFunctionReadsATopLevelValue() {
        VmProgram p = compile(VmTesting.CAPTURE);
        Block base = p.block(VmTesting.blockNamed(p, "f/1y"));
        assertEquals(1, base.shape().importKeys().size());
        assertTrue(base.shape().importKeys().get(0).startsWith("M"), "k is a variable of the main program: "
                + base.shape().importKeys());
        assertTrue(p.entry().shape().exportKeys().contains(base.shape().importKeys().get(0)), "main exports k");
        Trace t = run(p, Map.of("x", "21", "n", "4", "r", "42"));
        assertEquals(List.of("main", "f", "f/1x", "f", "f/1x", "f", "f/1x", "f", "f/1x", "f", "f/1y", "main@1"),
                t.path());
        assertEquals(1, t.maxDepth());
        VampvmException e = assertThrows(VampvmException.class, () -> run(p, Map.of("x", "21", "n", "4", "r", "43")));
        assertEquals(VampvmException.Kind.UNSATISFIED, e.kind());
    }

    @Test
    void tuplesAsParametersAndResults() {
        VmProgram p = compile(VmTesting.TUPLES);
        Block g = p.block(VmTesting.blockNamed(p, "g"));
        assertEquals(3, g.shape().paramKeys().size(), "(a, b) and n, flattened");
        Terminator.Return r = assertInstanceOf(Terminator.Return.class,
                p.block(VmTesting.blockNamed(p, "g/1y")).terminator());
        assertEquals(2, r.values().size());
        assertEquals(2, p.block(VmTesting.blockNamed(p, "main@1")).shape().resumeKeys().size());
        Terminator.Call c = assertInstanceOf(Terminator.Call.class, p.entry().terminator());
        assertEquals(3, c.args().size());
        Trace t = run(p, Map.of("x", "0", "y", "1", "n", "6", "r", "8", "s", "13"));
        assertEquals(Map.of("r", VmTesting.fp(8), "s", VmTesting.fp(13)), t.publicValues());
        assertThrows(VampvmException.class, () -> run(p, Map.of("x", "0", "y", "1", "n", "6", "r", "13", "s", "8")));
    }

    @Test
    void programIdIsDeterministicAndCoversTheProgram() {
        byte[] a = compile(VmTesting.FIB).id();
        byte[] b = compile(VmTesting.FIB).id();
        assertArrayEquals(a, b);
        assertEquals(32, a.length);
        assertEquals(compile(VmTesting.FIB).idHex(), java.util.HexFormat.of().formatHex(a));
        // One constant changed: a different program, a different id.
        assertFalse(java.util.Arrays.equals(a, compile(VmTesting.FIB.replace("fib n 0 1", "fib n 0 2")).id()));
        assertFalse(java.util.Arrays.equals(a, compile(VmTesting.FIB.replace("lt n 1", "lt n 2")).id()));
        assertFalse(java.util.Arrays.equals(a, compile(VmTesting.FIB.replace("(a + b)", "(a + b + 1)")).id()));
        // Comments and spacing do not change the program.
        assertArrayEquals(a, compile("// fib\n" + VmTesting.FIB.replace(" = r", "  =  r")).id());
        // Which inputs are public is part of the program.
        assertFalse(java.util.Arrays.equals(a, compile(VmTesting.FIB.replace("pub r;", "pub r, n;")).id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "def l = branch (lt x 5) (x : []) (1 : []);\nl;",
        "def l c = branch c (x : []) (1 : []);\nl (lt x 5);",
        "def l = branch (lt x 5) (fun y { y }) (fun y { y + 1 });\nl 3;",
    })
    void branchOnAVariableReturningAListOrFunctionIsACompileError(String program) {
        CompileException e = assertThrows(CompileException.class, () -> compile(program));
        String msg = e.getMessage();
        assertTrue(msg.contains("VM mode") && (msg.contains("list") || msg.contains("function")), msg);
        assertFalse(e.diagnostics().isEmpty());
        assertTrue(e.diagnostics().get(0).render().contains("t.pir:"), e.diagnostics().get(0).render());
        if (!program.contains("fun")) {
            // Static mode accepts a list-valued branch (both arms are compiled, the lists selected elementwise).
            dev.vampvm.ir.Compiler.compile(VmTesting.source("t", program), Inputs.of(Map.of("x", "3")), null);
        }
    }

    @Test
    void stepLimitIsAUsageError() {
        VmProgram p = compile(VmTesting.FIB);
        Inputs in = Inputs.of(Map.of("n", "5", "r", "5"));
        VampvmException e = assertThrows(VampvmException.class, () -> Interpreter.run(p, in, 5));
        assertEquals(VampvmException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("--max-steps"), e.getMessage());
        assertTrue(e.getMessage().contains("5 steps"), e.getMessage());
        // Exactly enough steps is enough.
        assertEquals(14, Interpreter.run(p, in, 14).steps().size());
        assertThrows(VampvmException.class, () -> Interpreter.run(p, in, 13));
        assertThrows(IllegalArgumentException.class, () -> Interpreter.run(p, in, 0));
    }

    @Test
    void wrongPublicOutputPointsAtTheSourceConstraint() {
        VmProgram p = compile(VmTesting.FIB);
        VampvmException e = assertThrows(VampvmException.class, () -> run(p, Map.of("n", "3", "r", "3")));
        assertEquals(VampvmException.Kind.UNSATISFIED, e.kind());
        assertTrue(e.getMessage().contains("main@1"), e.getMessage());
        assertEquals(1, e.diagnostics().size());
        Diagnostic d = e.diagnostics().get(0);
        assertEquals(3, d.span().line(), d.render());
        assertEquals(1, d.span().column(), d.render());
        assertTrue(d.render().contains("fib n 0 1 = r"), d.render());
        assertTrue(d.render().contains("does not hold"), d.render());
    }

    @Test
    void failingConstraintInsideARecursionIsReportedThere() {
        VmProgram p = compile("def f n = branch (lt n 1) { n = n * n; f (n - 1) } 0;\nf x;\n");
        run(p, Map.of("x", "1"));
        VampvmException e = assertThrows(VampvmException.class, () -> run(p, Map.of("x", "3")));
        assertEquals(VampvmException.Kind.UNSATISFIED, e.kind());
        assertTrue(e.getMessage().contains("f/1x"), e.getMessage());
        Diagnostic d = e.diagnostics().get(0);
        assertEquals(1, d.span().line(), d.render());
        assertTrue(d.render().contains("n = n * n"), d.render());
    }

    @Test
    void nonBooleanConditionStopsTheRun() {
        VmProgram p = compile("pub r;\nbranch c x (x + 1) = r;\n");
        run(p, Map.of("c", "1", "x", "3", "r", "4"));
        // The block that ends in the branch constrains its condition to be boolean.
        VampvmException e = assertThrows(VampvmException.class, () -> run(p, Map.of("c", "2", "x", "3", "r", "4")));
        assertEquals(VampvmException.Kind.UNSATISFIED, e.kind());
        assertTrue(e.getMessage().contains("block main"), e.getMessage());
        assertEquals(1, e.diagnostics().size());
        assertEquals(2, e.diagnostics().get(0).span().line(), e.diagnostics().get(0).render());
        assertTrue(p.entry().hasCircuit());
    }
}
