package dev.vampvm.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Expr;
import dev.vampvm.ir.syntax.Item;
import dev.vampvm.ir.syntax.Lexer;
import dev.vampvm.ir.syntax.Parser;
import dev.vampvm.ir.syntax.Pattern;
import dev.vampvm.ir.syntax.Printer;
import dev.vampvm.ir.syntax.Program;
import dev.vampvm.ir.syntax.SourceFile;
import dev.vampvm.ir.syntax.Span;
import dev.vampvm.ir.syntax.Token;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lexer, parser and printer: every construct, the precedence table, round trips, error positions. */
class SyntaxTest {

    private static Expr expr(String s) {
        return Parser.parseExpression(new SourceFile("e.pir", s));
    }

    /** Fully parenthesised rendering, to read the tree's shape. */
    private static String shape(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> i.text();
            case Expr.UnitLit u -> "()";
            case Expr.NilLit n -> "[]";
            case Expr.Var v -> v.name();
            case Expr.Binary b -> "(" + shape(b.left()) + " " + b.op().symbol() + " " + shape(b.right()) + ")";
            case Expr.Equal q -> "(" + shape(q.left()) + " = " + shape(q.right()) + ")";
            case Expr.Cons c -> "(" + shape(c.head()) + " : " + shape(c.tail()) + ")";
            case Expr.Tuple t -> "(" + shape(t.first()) + ", " + shape(t.second()) + ")";
            case Expr.Negate n -> "(-" + shape(n.inner()) + ")";
            case Expr.Apply a -> "(" + shape(a.fn()) + " " + shape(a.arg()) + ")";
            case Expr.Lambda l -> "(fun " + l.params().size() + " " + shape(l.body()) + ")";
            case Expr.Block b -> "{" + b.items().size() + "}";
        };
    }

    @Test
    void lexesEveryTokenKind() {
        List<Token> ts = Lexer.tokenize(new SourceFile("l.pir",
                "def fun pub as x_1 0x1F 0o17 0b101 42 ( ) { } [ ] , ; = : + - * / \\ % | ^ // c\n /* block\n */"));
        List<Token.Kind> kinds = ts.stream().map(Token::kind).toList();
        assertEquals(List.of(Token.Kind.DEF, Token.Kind.FUN, Token.Kind.PUB, Token.Kind.AS, Token.Kind.IDENT,
                Token.Kind.INT, Token.Kind.INT, Token.Kind.INT, Token.Kind.INT, Token.Kind.LPAREN, Token.Kind.RPAREN,
                Token.Kind.LBRACE, Token.Kind.RBRACE, Token.Kind.LBRACKET, Token.Kind.RBRACKET, Token.Kind.COMMA,
                Token.Kind.SEMI, Token.Kind.EQUALS, Token.Kind.COLON, Token.Kind.PLUS, Token.Kind.MINUS, Token.Kind.STAR,
                Token.Kind.SLASH, Token.Kind.BACKSLASH, Token.Kind.PERCENT, Token.Kind.BAR, Token.Kind.CARET,
                Token.Kind.EOF), kinds);
        assertEquals(BigInteger.valueOf(31), ts.get(5).value());
        assertEquals(BigInteger.valueOf(15), ts.get(6).value());
        assertEquals(BigInteger.valueOf(5), ts.get(7).value());
    }

    @Test
    void integersMayExceedSixtyFourBits() {
        Expr e = expr("0x1000000000000000000000000000000000000000000000000000000000000000000");
        assertEquals(BigInteger.ONE.shiftLeft(264), ((Expr.IntLit) e).value());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "a + b * c => (a + (b * c))",
        "a - b - c => ((a - b) - c)",
        "a * b / c \\ d % e => ((((a * b) / c) \\ d) % e)",
        "a | b * c => ((a | b) * c)",
        "a ^ b ^ c => (a ^ (b ^ c))",
        "a * b ^ 2 => (a * (b ^ 2))",
        "-a ^ 2 => ((-a) ^ 2)",
        "(-a) + b => ((-a) + b)",
        "f x y + 1 => (((f x) y) + 1)",
        "f (x + 1) ^ 2 => ((f (x + 1)) ^ 2)",
        "h : t : [] => (h : (t : []))",
        "a + 1 : t => ((a + 1) : t)",
        "a : b = c : d => ((a : b) = (c : d))",
        "a, b, c => (a, (b, c))",
        "a = b, c = d => ((a = b), (c = d))",
        "(a, b) = f x => ((a, b) = (f x))",
        "f () [] => ((f ()) [])",
    })
    void precedenceFollowsTheTable(String source, String expected) {
        assertEquals(expected, shape(expr(source)));
    }

    @Test
    void blocksLambdasAndDefinitions() {
        Program p = Parser.parse(new SourceFile("p.pir", """
                pub x, y;
                def f a (b, c) (h:t) (d as e) 0 () [] = { def z = a; z + b };
                def (p, q) = (1, 2);
                def g = fun u v { u * v };
                f 1 (2, 3) (4:[]) 5 0 () [];
                """));
        assertEquals(5, p.items().size());
        Item.PubDecl pub = (Item.PubDecl) p.items().get(0);
        assertEquals(List.of("x", "y"), pub.names().stream().map(Item.Name::name).toList());
        Item.FunctionDef f = (Item.FunctionDef) p.items().get(1);
        assertEquals("f", f.name());
        assertEquals(7, f.params().size());
        assertTrue(f.params().get(1) instanceof Pattern.PTuple);
        assertTrue(f.params().get(2) instanceof Pattern.PCons);
        assertTrue(f.params().get(3) instanceof Pattern.PAs);
        assertTrue(f.params().get(4) instanceof Pattern.PConst);
        assertTrue(f.params().get(5) instanceof Pattern.PUnit);
        assertTrue(f.params().get(6) instanceof Pattern.PNil);
        assertTrue(((Item.ValueDef) p.items().get(2)).pattern() instanceof Pattern.PTuple);
        Expr.Lambda g = (Expr.Lambda) ((Item.ValueDef) p.items().get(3)).value();
        assertEquals(2, g.params().size());
    }

    @Test
    void everyNodeHasASpanCoveringItsText() {
        Expr e = expr("f (a + b) c");
        Expr.Apply a = (Expr.Apply) e;
        assertEquals("f (a + b) c", a.span().text());
        assertEquals("(a + b)", ((Expr.Apply) a.fn()).arg().span().text());
        Span s = ((Expr.Apply) a.fn()).arg().span();
        assertEquals(1, s.line());
        assertEquals(3, s.column());
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(IrTesting.examples())) {
            return s.filter(p -> p.toString().endsWith(".pir")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void examplesRoundTripThroughThePrinter(Path file) throws IOException {
        roundTrip(new SourceFile(file.getFileName().toString(), Files.readString(file)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "def f x = fun y z { x * y - z };",
        "(-x)^2 = x^2; -(x ^ 2) = 0 - x^2;",
        "def (a, b as c) : t = (1, 2, 3) : []; a = b;",
        "{ def x = 1; def g (h:t) = h; x, g (x:[]) };",
        "def h = f { 1 } (fun x { x }) 2;",
        "a = b | c \\ d % e / f;",
        "def k = (1, (2, 3)), ((4, 5), 6);",
        "x : y : [] = (1 : []) : [];",
    })
    void programsRoundTripThroughThePrinter(String text) {
        roundTrip(new SourceFile("r.pir", text));
    }

    private static void roundTrip(SourceFile f) {
        Program p = Parser.parse(f);
        String printed = Printer.print(p);
        Program again = Parser.parse(new SourceFile("printed.pir", printed));
        assertEquals(printed, Printer.print(again), "printing is not stable");
        assertEquals(strip(p), strip(again), "printed:\n" + printed);
    }

    /** The program with spans erased, for structural comparison. */
    private static String strip(Program p) {
        StringBuilder sb = new StringBuilder();
        for (Item i : p.items()) {
            sb.append(Printer.print(i)).append(" | ").append(i.getClass().getSimpleName()).append('\n');
            if (i instanceof Item.ExprItem e) {
                sb.append(shape(e.expr())).append('\n');
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
        "def x = 1\\ndef y = 2; => 1 => 10 => expected ';' after definition",
        "x = (1 + 2; => 1 => 11 => expected ')' to close the '(' at 1:5",
        "x = 1 +; => 1 => 8 => expected an expression, found ';'",
        "def = 3; => 1 => 5 => expected a pattern, found '='",
        "x = 0x; => 1 => 5 => malformed number '0x'",
        "x = 0b102; => 1 => 5 => malformed number '0b102': '2' is not a binary digit",
        "x = 12ab; => 1 => 5 => malformed number '12ab'",
        "x = 1 # 2; => 1 => 7 => unexpected character '#'",
        "/* open\\n x = 1; => 1 => 1 => comment is not closed",
        "a = b = c; => 1 => 7 => '=' cannot be chained",
        "f { x = 1; => 1 => 3 => block is not closed",
        "{ pub x; 1 }; => 1 => 3 => 'pub' declarations are only allowed at the top level",
        "def f x y = x\\npub z; => 1 => 14 => expected ';' after definition, found 'pub'",
        "x = [1]; => 1 => 6 => expected ']' after '['",
        "fun { 1 }; => 1 => 5 => expected a parameter after 'fun'",
    })
    void syntaxErrorsPointAtTheRightPlace(String source, int line, int column, String message) {
        CompileException e = assertThrows(CompileException.class,
                () -> Parser.parse(new SourceFile("s.pir", source.replace("\\n", "\n"))));
        assertEquals(CompileException.Kind.SYNTAX, e.kind());
        String rendered = e.diagnostics().get(0).render();
        assertTrue(rendered.startsWith("s.pir:" + line + ":" + column + ": " + message), rendered);
    }

    @Test
    void syntaxErrorShowsTheLineAndACaret() {
        CompileException e = assertThrows(CompileException.class,
                () -> Parser.parse(new SourceFile("s.pir", "def a = 1;\ndef b = a + ;\n")));
        assertEquals("""
                s.pir:2:13: expected an expression, found ';'
                  def b = a + ;
                              ^""", e.diagnostics().get(0).render());
    }
}
