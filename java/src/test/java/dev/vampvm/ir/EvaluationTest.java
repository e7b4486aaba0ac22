package dev.vampvm.ir;

import static dev.vampvm.ir.IrTesting.accepted;
import static dev.vampvm.ir.IrTesting.compile;
import static dev.vampvm.ir.IrTesting.error;
import static dev.vampvm.ir.IrTesting.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.eval.Mode;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Symbolic evaluation of every feature, constant folding, and the VM extensions in static mode. */
class EvaluationTest {

    /** The value of the last expression, computed at compile time from constants. */
    private static String value(String program) {
        CompiledProgram p = compile(program, Map.of());
        assertTrue(p.checkWitness().isEmpty(), () -> IrTesting.render(p.checkWitness()));
        return p.result();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "1 + 2 * 3; => 7",
        "(-5) + 5; => 0",
        "0 - 1; => -1",
        "7 / 2 * 2; => 7",
        "7 \\ 2; => 3",
        "7 % 2; => 1",
        "(0 - 1) % 10; => 6",
        "(0 - 1) \\ 2 = 0x2000000000000000000000000000000011234c7e04a67c8dcc96987680000000; 1; => 1",
        "6 | 3; => 2",
        "6 | 0; => 0",
        "2^10; => 1024",
        "2^0; => 1",
        "0^0; => 1",
        "3^(0 - 1) * 3; => 3",
        "0x40000000000000000000000000000000224698fc094cf91b992d30ed00000001; => 0",
        "0x40000000000000000000000000000000224698fc094cf91b992d30ed00000002; => 1",
        "def f x y = x * 10 + y; f 1 2; => 12",
        "def f x y = x * 10 + y; def g = f 3; g 4; => 34",
        "def add x = fun y { x + y }; def inc = add 1; inc 41; => 42",
        "def compose f g x = f (g x); compose (fun x { x * 2 }) (fun x { x + 1 }) 5; => 12",
        "iter 5 (fun x { x * 2 }) 1; => 32",
        "iter 0 (fun x { x * 2 }) 7; => 7",
        "fold (1:2:3:[]) (fun x acc { acc * 10 + x }) 0; => 321",
        "fold [] (fun x acc { acc + x }) 9; => 9",
        "def (a, b) = (1, 2); a * 10 + b; => 12",
        "def (a, b, c) = (1, 2, 3); (c, b, a); => (3, 2, 1)",
        "def h:t = 1:2:3:[]; t; => 2:3:[]",
        "def (x as p) = (4, 5); p; => (4, 5)",
        "def hd (h:t) = h; def tl (h:t) = t; hd (tl (7:8:[])); => 8",
        "def f 0 = 1; f 0; => 1",
        "def f () = 3; f (); => 3",
        "def f [] = 3; f []; => 3",
        "{ def x = 2; def y = x * x; y + 1 }; => 5",
        "def x = 1; { def x = 2; x } + x; => 3",
        "lt 3 5; => 1",
        "lt 5 3; => 0",
        "lt 5 5; => 0",
        "lt 0 (0 - 1); => 1",
        "lt (0 - 1) 0; => 0",
        "branch 0 10 20; => 10",
        "branch 1 10 20; => 20",
        "def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a; fib 20 0 1; => 6765",
        "def even n = branch (lt n 1) (odd (n - 1)) 1; def odd n = branch (lt n 1) (even (n - 1)) 0; (even 7, odd 7); => (0, 1)",
        "fresh 5; => 5",
        "fresh (7 % 4, 7 \\ 4); => (3, 1)",
        "1 = 1; => ()",
        "(1, 2) = (1, 2); => ()",
        "1:2:[] = 1:2:[]; => ()",
    })
    void evaluates(String program, String expected) {
        assertEquals(expected, value(program));
    }

    @Test
    void unsatisfiableConstantsFailAtCompileTime() {
        CompileException e = error("2^5 = 5;");
        assertEquals(CompileException.Kind.UNSATISFIED, e.kind());
        assertEquals("t.pir:1:1: constraint `2^5 = 5` can never hold: 32 ≠ 5\n  2^5 = 5;\n  ^^^^^^^", e.getMessage());
    }

    @Test
    void constantPatternMismatchFailsAtCompileTime() {
        CompileException e = error("def f 0 = 1; f 3;");
        assertEquals(CompileException.Kind.UNSATISFIED, e.kind());
        assertTrue(e.getMessage().startsWith("t.pir:1:7: pattern `0` can never match: the value is 3"), e.getMessage());
    }

    @Test
    void listsOfDifferentLengthsCanNeverBeEqual() {
        assertEquals(CompileException.Kind.UNSATISFIED, error("1:[] = 1:2:[];").kind());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "1 / 0; => 1:5 => division by zero in `1 / 0`",
        "x / 0 = 1; => 1:5 => division by zero in `x / 0`",
        "7 % 0; => 1:5 => integer division by zero in `7 % 0`",
        "x % 2 = 1; => 1:1 => '%' works on integers known at compile time, but `x % 2` depends on inputs",
        "x \\ 2 = 1; => 1:1 => '\\' works on integers known at compile time",
        "2 ^ x = 1; => 1:5 => the exponent of '^' must be known at compile time, but `x` depends on inputs",
        "iter x (fun y { y }) 1 = 1; => 1:1 => the count of 'iter' must be known at compile time",
        "def hd (h:t) = h; hd [] = 1; => 1:8 => pattern `(h:t)` does not match: the list is empty",
        "def f [] = 1; f (1:[]) = 1; => 1:7 => pattern [] does not match: the list is not empty",
        "branch 2 1 1 = 1; => 1:8 => branch condition is not boolean: it is 2",
        "fresh (x = 1); => 1:7 => a constraint cannot appear inside 'fresh'",
        "(fun x { x }) = (fun x { x }); => 1:1 => functions cannot be compared with '='",
        "fresh (fun x { x }); => 1:1 => 'fresh' makes witnesses of field elements, tuples and lists, not of functions",
        "(branch x (1:[]) []) = []; => 1:2 => the arms of this branch are lists of different lengths",
        "def f n = branch (lt n 1) (f (n - 1)) 0; f 1000000; => 1:28 => recursion deeper than 100000 levels",
    })
    void evaluationErrorsPointAtTheSource(String program, String position, String message) {
        CompileException e = error(program, program.contains("x") && !program.contains("fun x") ? Map.of("x", "3") : Map.of());
        String rendered = e.diagnostics().get(0).render();
        assertTrue(rendered.startsWith("t.pir:" + position + ": " + message), rendered);
    }

    @Test
    void freshMakesAnUnconstrainedWitness() {
        String prog = "def inv x = { def i = fresh (1 / x); x * i = 1; i }; inv a = b;";
        accepted(prog, Map.of("a", "4", "b", "0x3000000000000000000000000000000019b4f2bd06f9bad4b2e1e4b1c0000001"));
        List<Diagnostic> ds = rejected(prog, Map.of("a", "0", "b", "1"));
        assertTrue(ds.get(0).render().startsWith("constraint at t.pir:1:38 `x * i = 1` does not hold"),
                ds.get(0).render());
    }

    @Test
    void divisionIsConstrainedAsAProduct() {
        accepted("x / y = 3;", Map.of("x", "12", "y", "4"));
        List<Diagnostic> ds = rejected("x / y = z;", Map.of("x", "12", "y", "0", "z", "0"));
        assertTrue(ds.get(0).render().startsWith("division at t.pir:1:1 `x / y` has no solution"), ds.get(0).render());
    }

    @Test
    void divideOrZeroOnVariables() {
        accepted("x | y = z;", Map.of("x", "12", "y", "4", "z", "3"));
        accepted("x | y = z;", Map.of("x", "12", "y", "0", "z", "0"));
        rejected("x | y = z;", Map.of("x", "12", "y", "0", "z", "1"));
    }

    @Test
    void tupleInputsUseDottedNames() {
        CompiledProgram p = accepted("pub q; def (a, b) = q; a + b = s;", Map.of("q.0", "2", "q.1", "3", "s", "5"));
        assertEquals(List.of("q.0", "q.1"), List.copyOf(p.publicValues().keySet()));
    }

    @Test
    void branchOnAnInputCompilesBothArmsAndGuardsTheirConstraints() {
        // The arm not taken contains a constraint that fails for these inputs: the guard makes it vacuous.
        String prog = "branch c { x = 1; 10 } { x = 2; 20 } = r;";
        CompiledProgram p = accepted(prog, Map.of("c", "1", "x", "2", "r", "20"));
        assertEquals(Mode.TRACE, p.mode());
        accepted(prog, Map.of("c", "0", "x", "1", "r", "10"));
        rejected(prog, Map.of("c", "0", "x", "2", "r", "10"));
        List<Diagnostic> ds = rejected(prog, Map.of("c", "2", "x", "2", "r", "20"));
        assertTrue(IrTesting.render(ds).contains("branch condition at t.pir:1:8 `c` is not boolean"), IrTesting.render(ds));
    }

    @Test
    void ltOnVariablesAgreesWithIntegerComparison() {
        String prog = "lt a b = r;";
        String big = "0x40000000000000000000000000000000224698fc094cf91b992d30ed00000000"; // p - 1
        String[][] cases = {
            {"3", "5", "1"}, {"5", "3", "0"}, {"5", "5", "0"}, {"0", big, "1"}, {big, "0", "0"}, {big, big, "0"},
            {"0x100000000000000000000000000000000", "0x0ffffffffffffffffffffffffffffffff", "0"},
            {"0x0ffffffffffffffffffffffffffffffff", "0x100000000000000000000000000000000", "1"},
            {"-2", "-1", "1"},
        };
        for (String[] c : cases) {
            accepted(prog, Map.of("a", c[0], "b", c[1], "r", c[2]));
            rejected(prog, Map.of("a", c[0], "b", c[1], "r", c[2].equals("1") ? "0" : "1"));
        }
    }

    @Test
    void ltAgainstSmallConstantsUsesZeroTests() {
        for (int a = 0; a < 12; a++) {
            accepted("lt a 7 = r; lt 5 a = s;", Map.of("a", "" + a, "r", a < 7 ? "1" : "0", "s", 5 < a ? "1" : "0"));
        }
        accepted("lt a 7 = 0;", Map.of("a", "-1"));
    }

    @Test
    void recursionUnrollsAlongTheRun() {
        String fib = "def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a; pub r; fib n 0 1 = r;";
        CompiledProgram small = accepted(fib, Map.of("n", "3", "r", "2"));
        CompiledProgram large = accepted(fib, Map.of("n", "12", "r", "144"));
        assertTrue(large.stats().rows() > small.stats().rows());
        rejected(fib, Map.of("n", "12", "r", "145"));
    }

    @Test
    void recursionNeedsInputsOrABound() {
        String fib = "def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a; pub r; fib n 0 1 = r;";
        CompileException e = IrTesting.error(fib, null);
        assertEquals(CompileException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("--unroll N"), e.getMessage());
    }

    @Test
    void unrollGivesOneCircuitForEveryRunUpToTheBound() {
        String fib = "def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a; pub r; fib n 0 1 = r;";
        int[] fibs = {0, 1, 1, 2, 3, 5, 8, 13, 21, 34};
        Integer rows = null;
        for (int n = 0; n <= 8; n++) {
            CompiledProgram p = Compiler.compile(IrTesting.source(fib), Inputs.of(Map.of("n", "" + n, "r", "" + fibs[n])), 8);
            assertEquals(Mode.UNROLL, p.mode());
            assertTrue(p.checkWitness().isEmpty(), IrTesting.render(p.checkWitness()));
            if (rows != null) {
                assertEquals(rows, p.stats().rows(), "the unrolled circuit must not depend on the inputs");
            }
            rows = p.stats().rows();
        }
        CompiledProgram deep = Compiler.compile(IrTesting.source(fib), Inputs.of(Map.of("n", "9", "r", "34")), 8);
        String msg = IrTesting.render(deep.checkWitness());
        assertTrue(msg.contains("recursion goes deeper than the --unroll bound at t.pir:1:24 `(lt n 1)`"), msg);
        assertTrue(!deep.mockProve().isEmpty());
    }

    @Test
    void anArmThatCannotBeCompiledIsNotTakenAlongTheRun() {
        String prog = "def hd (h:t) = h; branch c (hd []) 7 = r;";
        CompiledProgram p = accepted(prog, Map.of("c", "1", "r", "7"));
        assertEquals(Mode.TRACE, p.mode());
        CompileException e = IrTesting.error(prog, Map.of("c", "0", "r", "7"));
        assertTrue(e.getMessage().contains("pattern `(h:t)` does not match: the list is empty"), e.getMessage());
    }

    @Test
    void recursionOnConstantsBeyondTheBoundIsAUsageError() {
        String fib = "def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a; fib 20 0 1;";
        CompileException e = org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
                () -> Compiler.compile(IrTesting.source(fib), null, 5));
        assertEquals(CompileException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("goes deeper than --unroll 5"), e.getMessage());
        assertEquals("6765", Compiler.compile(IrTesting.source(fib), null, 25).result());
    }

    @Test
    void unusedDefinitionsCostNothing() {
        CompiledProgram p = compile("def unused = x * x * x; def y = fresh 3; x = z;", Map.of("x", "1", "z", "1"));
        assertEquals(1, p.optimized().instrs().size(), p.optimized().listing());
    }
}
