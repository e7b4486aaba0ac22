package dev.vampvm.ir.syntax;

import java.math.BigInteger;

/** The left side of a definition or a function parameter. */
public sealed interface Pattern {

    Span span();

    /** Binds a name. */
    record PVar(Span span, String name) implements Pattern {
    }

    /** A constant: matching it adds an equality constraint. */
    record PConst(Span span, BigInteger value, String text) implements Pattern {
    }

    /** {@code ()}. */
    record PUnit(Span span) implements Pattern {
    }

    /** {@code []}: matches the empty list. */
    record PNil(Span span) implements Pattern {
    }

    /** {@code (first, second)}. */
    record PTuple(Span span, Pattern first, Pattern second) implements Pattern {
    }

    /** {@code head : tail}. */
    record PCons(Span span, Pattern head, Pattern tail) implements Pattern {
    }

    /** {@code inner as name}: binds the whole value too. */
    record PAs(Span span, Pattern inner, String name) implements Pattern {
    }
}
