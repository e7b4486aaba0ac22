package dev.vampvm.ir.types;

import dev.vampvm.ir.syntax.Item;

/** What a name in an expression refers to, as the type checker resolved it; the evaluator follows the same answer. */
public sealed interface Ref {

    /** A binding in the lexical environment (a definition before it, a parameter, a pattern variable). */
    record Local() implements Ref {
    }

    /**
     * A top-level function defined at or after the use (itself, or a later one): a recursive call (VM extension).
     * Only allowed inside a function body, where it is looked up when the call happens.
     */
    record Forward(Item.FunctionDef def) implements Ref {
    }

    /** One of {@code fresh iter fold lt branch}. */
    record Builtin(String name) implements Ref {
    }

    /** A name defined nowhere: an input of the program. */
    record Input(String name) implements Ref {
    }

    Ref LOCAL = new Local();
}
