package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.InputInfo;
import dev.vampvm.ir.types.Type;
import dev.vampvm.ir.types.TypeChecker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hindley–Milner inference: polymorphism, inputs, the recursion rules, and readable errors. */
class TypeCheckTest {

    private static CheckedProgram check(String text) {
        return TypeChecker.check(Parser.parse(new SourceFile("t.pir", text)));
    }

    private static String typeOfLast(String text) {
        CheckedProgram c = check(text);
        var items = c.program().items();
        return Type.show(c.itemTypes().get(items.get(items.size() - 1)));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "def id x = x; => 'a -> 'a",
        "def k x y = x; => 'a -> 'b -> 'a",
        "def f x = x + 1; => field -> field",
        "def p = (1, ()); => (field, ())",
        "def l = 1 : 2 : []; => [field]",
        "def e = []; => ['a]",
        "def hd (h:t) = h; => ['a] -> 'a",
        "def swap (a, b) = (b, a); => ('a, 'b) -> ('b, 'a)",
        "def c = fun x y { x * y }; => field -> field -> field",
        "def i = iter; => field -> ('a -> 'a) -> 'a -> 'a",
        "def f = fold; => ['a] -> ('a -> 'b -> 'b) -> 'b -> 'b",
        "def b = branch; => field -> 'a -> 'a -> 'a",
        "def q = lt; => field -> field -> field",
        "def fr = fresh; => 'a -> 'a",
        "def t = (1, 2, 3); => (field, field, field)",
        "def u = 1 = 2; => ()",
    })
    void infersTypes(String program, String type) {
        assertEquals(type, typeOfLast(program));
    }

    @Test
    void letPolymorphismAllowsTwoUsesAtDifferentTypes() {
        check("def id x = x; def a = id 1; def b = id (1, 2); def c = id []; a = 1;");
    }

    @Test
    void lambdaParametersAreMonomorphic() {
        CompileException e = assertThrows(CompileException.class,
                () -> check("def f = fun g { (g 1, g ()) }; f (fun x { x });"));
        assertEquals(CompileException.Kind.TYPE, e.kind());
    }

    @Test
    void inputsAreUndefinedNamesAndTuplesExpand() {
        CheckedProgram c = check("pub p; def (a, b) = x; a + b = y; p = (1, (2, 3));");
        List<InputInfo> in = c.inputs();
        assertEquals(List.of("x", "y", "p"), in.stream().map(InputInfo::name).toList());
        assertEquals(List.of("x.0", "x.1"), in.get(0).components());
        assertEquals(List.of("y"), in.get(1).components());
        assertEquals(List.of("p.0", "p.1", "p.2"), in.get(2).components());
        assertTrue(in.get(2).isPublic());
        assertEquals(List.of("p"), c.publicInputs());
    }

    @Test
    void nestedTupleInputsGetNestedNames() {
        CheckedProgram c = check("x = ((1, 2), 3);");
        assertEquals(List.of("x.0.0", "x.0.1", "x.1"), c.inputs().get(0).components());
    }

    @Test
    void namesDefinedLaterAreInputsAtTheirEarlierUses() {
        // VampIR numbers names lexically: 'x' in f is the input, not the later definition.
        CheckedProgram c = check("def f a = a + x; def x = 5; f 1 = 6;");
        assertEquals(List.of("x"), c.inputs().stream().map(InputInfo::name).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "x = (1, 2) + 3; => 1:5 => type mismatch: the operand of '+' must be a field element, but `(1, 2)` has type (field, field)",
        "(1, 2) = 3; => 1:1 => type mismatch: the two sides of '=' have different types: (field, field) and field",
        "def f x = x + 1; f (); => 1:20 => type mismatch: `f` expects an argument of type field, but `()` has type ()",
        "def l = 1 : (); => 1:13 => type mismatch: the tail of ':' should be a list [field]",
        "1 2; => 1:1 => `1` has type field, which is not a function, so it cannot be applied to `2`",
        "def f x = x x; => 1:13 => type mismatch",
        "def (a, b) = 5; => 1:5 => type mismatch: pattern `(a, b)` has type ('a, 'b) but the value it is matched against has type field",
        "def f (a, a) = a; => 1:11 => 'a' is bound twice in the same pattern",
        "x 1 = 2; => 1:1 => input 'x' would be a function (field -> field)",
        "hd x = 2; => 1:4 => input 'x' would be a list ([field])",
        "pub z; def z = 1; => 1:5 => 'z' is defined in the program: 'pub' marks inputs",
        "pub z; 1 = 1; => 1:5 => public input 'z' is never used",
    })
    void typeErrorsNameThePositionAndBothTypes(String program, String position, String message) {
        String text = program.startsWith("hd ") ? "def hd (h:t) = h;\n" + program : program;
        CompileException e = assertThrows(CompileException.class, () -> check(text));
        String rendered = e.diagnostics().get(0).render();
        int line = program.startsWith("hd ") ? 2 : 1;
        assertTrue(rendered.startsWith("t.pir:" + position.replace("1:", line + ":") + ": " + message), rendered);
    }

    @Test
    void recursionIsResolvedToTheDefinitionItself() {
        CheckedProgram c = check("def fib n a b = branch (lt n 1) (fib (n - 1) b (a + b)) a; fib 3 0 1;");
        assertEquals(1, c.recursive().size());
        assertEquals(0, c.inputs().size());
    }

    @Test
    void mutualRecursionThroughALaterFunction() {
        CheckedProgram c = check("""
                def even n = branch (lt n 1) (odd (n - 1)) 1;
                def odd n = branch (lt n 1) (even (n - 1)) 0;
                even 4 = 1;
                """);
        assertEquals(1, c.recursive().size());
    }

    @Test
    void recursiveCallOutsideABranchArmIsRefused() {
        CompileException e = assertThrows(CompileException.class, () -> check("def f n = f (n - 1); f 3;"));
        assertTrue(e.getMessage().startsWith("t.pir:1:11: recursive call to 'f' must sit inside an arm of a 'branch'"),
                e.getMessage());
        assertThrows(CompileException.class, () -> check("def f n = branch (f n) 1 2; f 3;"));
    }

    @Test
    void recursiveFunctionsAreFirstOrder() {
        CompileException e = assertThrows(CompileException.class,
                () -> check("def f g n = branch n (f g (n - 1)) (g n); f (fun x { x }) 3;"));
        assertTrue(e.getMessage().contains("recursive function 'f' must take and return field elements or tuples"),
                e.getMessage());
    }

    @Test
    void shadowingAnEarlierDefinitionIsNotRecursion() {
        // VampIR meaning: 'f' in the body is the earlier f.
        CheckedProgram c = check("def f x = x; def f x = f x + 1; f 1 = 2;");
        assertEquals(0, c.recursive().size());
    }
}
