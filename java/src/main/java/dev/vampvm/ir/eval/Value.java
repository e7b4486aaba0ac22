package dev.vampvm.ir.eval;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.Operand;
import dev.vampvm.ir.syntax.Expr;
import dev.vampvm.ir.syntax.Item;
import dev.vampvm.ir.syntax.Pattern;
import dev.vampvm.ir.syntax.Span;
import java.util.List;

/**
 * What an expression evaluates to during symbolic evaluation. Field values are circuit operands (a variable or a
 * constant); inside {@code fresh} they are prover-side values ({@link Hint}) that make no constraints. Tuples and
 * lists are always built structurally (their shape is known at compile time), functions are closures.
 */
sealed interface Value {

    record Field(Operand term) implements Value {
    }

    /** A value computed by the prover inside {@code fresh}; {@code value} is null when there is no witness. */
    record Hint(Fp value) implements Value {
    }

    record Unit() implements Value {
    }

    record Pair(Value first, Value second) implements Value {
    }

    record Nil() implements Value {
    }

    record Cons(Value head, Value tail) implements Value {
    }

    /**
     * A function: the parameters still to bind, the body, the environment it closes over. {@code def} is set for a
     * top-level function definition; {@code recursiveCall} marks a closure reached through a recursive reference,
     * whose body counts towards the recursion depth. {@code args} are the arguments applied so far (VM mode hands a
     * recursive call's arguments to the runtime).
     */
    record Closure(String name, List<Pattern> params, Expr body, Env env, Item.FunctionDef def, boolean recursiveCall,
            List<Value> args) implements Value {

        Closure(String name, List<Pattern> params, Expr body, Env env, Item.FunctionDef def, boolean recursiveCall) {
            this(name, params, body, env, def, recursiveCall, List.of());
        }
    }

    /** A built-in applied to fewer arguments than it takes. */
    record Builtin(String name, List<Value> args, Span site) implements Value {
    }

    Unit UNIT = new Unit();
    Nil NIL = new Nil();

    static Field constant(Fp v) {
        return new Field(Operand.of(v));
    }

    /** How the value reads in messages. */
    default String describe() {
        return switch (this) {
            case Field f -> "field element";
            case Hint h -> "field element";
            case Unit u -> "()";
            case Pair p -> "tuple";
            case Nil n -> "empty list";
            case Cons c -> "list";
            case Closure c -> "function";
            case Builtin b -> "function";
        };
    }
}
