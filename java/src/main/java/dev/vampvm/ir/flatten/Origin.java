package dev.vampvm.ir.flatten;

import dev.vampvm.ir.syntax.Span;

/**
 * Where a constraint came from: the source span, the text to quote, what kind of source construct made it, and the
 * call site it was reached through (null at top level). Messages about unsatisfied constraints are built from it.
 */
public record Origin(Span span, String text, Kind kind, CallSite site) {

    /** What made the constraint; decides how a failure is worded. */
    public enum Kind {
        /** A user's {@code a = b}. */
        CONSTRAINT,
        /** A constant in a pattern ({@code def f 0 = ...}). */
        PATTERN,
        /** An arithmetic operation's definition {@code t = a op b}: holds by construction. */
        OPERATION,
        /** {@code a / b} as {@code t·b = a}: fails when b = 0 and a ≠ 0. */
        DIVISION,
        /** A {@code branch} condition must be 0 or 1. */
        BOOLEAN,
        /** A {@code branch} fixed to the arm the run took (static mode, recursion unrolled along the run). */
        PIN,
        /** A {@code branch} fixed to its non-recursive arm because {@code --unroll N} was reached. */
        BOUND,
        /** Internals of a built-in ({@code lt}'s bit decompositions, zero tests): satisfiable for every input. */
        BUILTIN
    }

    /** {@code file.pir:12:5}. */
    public String position() {
        return span.position();
    }

    /** {@code file.pir:12:5 `a^2 + b^2 = c^2`}. */
    public String label() {
        return span.position() + " `" + text + "`";
    }

    /** Whether a failure here is a statement about the user's program (not about the compiler's own definitions). */
    public boolean isUserLevel() {
        return kind != Kind.OPERATION && kind != Kind.BUILTIN;
    }
}
