package dev.vampvm.ir.syntax;

import java.util.stream.Collectors;

/**
 * Prints syntax back as source with the fewest parentheses the precedence table allows, so that
 * {@code parse(print(e))} is {@code e} up to spans. Negation is always printed as {@code (-e)}, the form VampIR
 * accepts.
 */
public final class Printer {
    private Printer() {
    }

    // Precedence levels, loosest first (language.md): 3 tuple, 4 equality, 5 cons, 6 additive, 7 multiplicative,
    // 8 power, 10 application, 11 atom.
    private static final int TUPLE = 3;
    private static final int EQUAL = 4;
    private static final int CONS = 5;
    private static final int APPLY = 10;
    private static final int ATOM = 11;

    public static String print(Program p) {
        return p.items().stream().map(i -> print(i) + ";").collect(Collectors.joining("\n")) + "\n";
    }

    public static String print(Item item) {
        return switch (item) {
            case Item.ValueDef d -> "def " + print(d.pattern()) + " = " + print(d.value());
            case Item.FunctionDef f -> "def " + f.name() + " "
                    + f.params().stream().map(p -> pattern(p, 3)).collect(Collectors.joining(" ")) + " = " + print(f.body());
            case Item.ExprItem e -> print(e.expr());
            case Item.PubDecl p -> "pub " + p.names().stream().map(Item.Name::name).collect(Collectors.joining(", "));
        };
    }

    public static String print(Expr e) {
        return expr(e, 0);
    }

    private static int level(Expr e) {
        return switch (e) {
            case Expr.Tuple t -> TUPLE;
            case Expr.Equal q -> EQUAL;
            case Expr.Cons c -> CONS;
            case Expr.Binary b -> b.op().level();
            case Expr.Apply a -> APPLY;
            default -> ATOM;
        };
    }

    private static String expr(Expr e, int min) {
        String s = switch (e) {
            case Expr.IntLit i -> i.text();
            case Expr.UnitLit u -> "()";
            case Expr.NilLit n -> "[]";
            case Expr.Var v -> v.name();
            case Expr.Tuple t -> expr(t.first(), TUPLE + 1) + ", " + expr(t.second(), TUPLE);
            case Expr.Equal q -> expr(q.left(), EQUAL + 1) + " = " + expr(q.right(), EQUAL + 1);
            case Expr.Cons c -> expr(c.head(), CONS + 1) + ":" + expr(c.tail(), CONS);
            case Expr.Binary b -> b.op() == Expr.BinOp.POW
                    ? expr(b.left(), b.op().level() + 1) + "^" + expr(b.right(), b.op().level())
                    : expr(b.left(), b.op().level()) + " " + b.op().symbol() + " " + expr(b.right(), b.op().level() + 1);
            case Expr.Negate n -> "(-" + expr(n.inner(), 9) + ")";
            case Expr.Apply a -> expr(a.fn(), APPLY) + " " + expr(a.arg(), ATOM);
            case Expr.Lambda l -> "fun " + l.params().stream().map(p -> pattern(p, 3)).collect(Collectors.joining(" "))
                    + " " + asBlock(l.body());
            case Expr.Block b -> b.items().isEmpty() ? "{ }"
                    : "{ " + b.items().stream().map(Printer::print).collect(Collectors.joining("; ")) + " }";
        };
        return level(e) < min ? "(" + s + ")" : s;
    }

    private static String asBlock(Expr body) {
        return body instanceof Expr.Block ? expr(body, 0) : "{ " + expr(body, 0) + " }";
    }

    public static String print(Pattern p) {
        return pattern(p, 0);
    }

    private static int level(Pattern p) {
        return switch (p) {
            case Pattern.PAs a -> 0;
            case Pattern.PTuple t -> 1;
            case Pattern.PCons c -> 2;
            default -> 3;
        };
    }

    private static String pattern(Pattern p, int min) {
        String s = switch (p) {
            case Pattern.PVar v -> v.name();
            case Pattern.PConst c -> c.text();
            case Pattern.PUnit u -> "()";
            case Pattern.PNil n -> "[]";
            case Pattern.PTuple t -> pattern(t.first(), 2) + ", " + pattern(t.second(), 1);
            case Pattern.PCons c -> pattern(c.head(), 3) + ":" + pattern(c.tail(), 2);
            case Pattern.PAs a -> pattern(a.inner(), 1) + " as " + a.name();
        };
        return level(p) < min ? "(" + s + ")" : s;
    }
}
