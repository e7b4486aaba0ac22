package dev.vampvm.ir.syntax;

import java.math.BigInteger;
import java.util.List;

/** An expression of the language; every node knows its source span. Compared structurally (spans included). */
public sealed interface Expr {

    Span span();

    /** An integer literal as written (the value is not yet reduced into the field). */
    record IntLit(Span span, BigInteger value, String text) implements Expr {
    }

    /** {@code ()}. */
    record UnitLit(Span span) implements Expr {
    }

    /** {@code []}. */
    record NilLit(Span span) implements Expr {
    }

    record Var(Span span, String name) implements Expr {
    }

    /** {@code + - * / \ % | ^}. */
    record Binary(Span span, BinOp op, Expr left, Expr right) implements Expr {
    }

    /** {@code left = right}: a constraint, value {@code ()}. */
    record Equal(Span span, Expr left, Expr right) implements Expr {
    }

    /** {@code head : tail}. */
    record Cons(Span span, Expr head, Expr tail) implements Expr {
    }

    /** {@code first, second}: longer tuples nest to the right. */
    record Tuple(Span span, Expr first, Expr second) implements Expr {
    }

    /** {@code (-inner)}. */
    record Negate(Span span, Expr inner) implements Expr {
    }

    /** {@code fn arg}: application is curried, one argument per node. */
    record Apply(Span span, Expr fn, Expr arg) implements Expr {
    }

    /** {@code fun p1 ... pn { body }}. */
    record Lambda(Span span, List<Pattern> params, Expr body) implements Expr {
        public Lambda {
            params = List.copyOf(params);
        }
    }

    /**
     * {@code { item; ...; item }}: definitions scope over the items after them; the value is the last expression's
     * ({@code ()} when the block ends with a definition or is empty).
     */
    record Block(Span span, List<Item> items) implements Expr {
        public Block {
            items = List.copyOf(items);
        }
    }

    /** The binary arithmetic operators, with their spelling and precedence level (higher binds tighter). */
    enum BinOp {
        ADD("+", 6), SUB("-", 6), MUL("*", 7), DIV("/", 7), INT_DIV("\\", 7), MOD("%", 7), DIV_OR_ZERO("|", 7),
        POW("^", 8);

        private final String symbol;
        private final int level;

        BinOp(String symbol, int level) {
            this.symbol = symbol;
            this.level = level;
        }

        public String symbol() {
            return symbol;
        }

        public int level() {
            return level;
        }
    }
}
