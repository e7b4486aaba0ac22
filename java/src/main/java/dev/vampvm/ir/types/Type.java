package dev.vampvm.ir.types;

import java.util.HashMap;
import java.util.Map;

/**
 * A type: field elements, unit, pairs (tuples nest to the right), lists, functions, and type variables that
 * inference fills in. Variables are mutable cells (union-find), so always look through {@link #resolve()}.
 */
public sealed interface Type {

    /** Field elements. */
    record Field() implements Type {
    }

    record Unit() implements Type {
    }

    record Pair(Type first, Type second) implements Type {
    }

    record ListOf(Type element) implements Type {
    }

    record Fun(Type from, Type to) implements Type {
    }

    /** A type variable: unbound while {@code instance} is null. {@code level} drives let-generalisation. */
    final class Var implements Type {
        private static int counter;
        final int id = counter++;
        Type instance;
        int level;

        Var(int level) {
            this.level = level;
        }

        @Override
        public String toString() {
            return instance != null ? instance.toString() : "'t" + id;
        }
    }

    Field FIELD = new Field();
    Unit UNIT = new Unit();

    /** Follows bound variables to the representative type (path-compressing). */
    default Type resolve() {
        Type t = this;
        while (t instanceof Var v && v.instance != null) {
            t = v.instance;
        }
        if (this instanceof Var v && v.instance != null && v.instance != t) {
            v.instance = t;
        }
        return t;
    }

    /** Prints the type with variables named {@code 'a}, {@code 'b}, ... in order of appearance. */
    static String show(Type t) {
        return show(t, new HashMap<>());
    }

    /** Prints several types with one naming of variables, so that shared variables read alike. */
    static String[] show(Type... ts) {
        Map<Var, String> names = new HashMap<>();
        String[] out = new String[ts.length];
        for (int i = 0; i < ts.length; i++) {
            out[i] = show(ts[i], names);
        }
        return out;
    }

    private static String show(Type t, Map<Var, String> names) {
        return show(t, names, 0);
    }

    // prec 0: anything; 1: argument of '->' on the left; the tuple form is always parenthesised
    private static String show(Type t, Map<Var, String> names, int prec) {
        Type r = t.resolve();
        return switch (r) {
            case Field f -> "field";
            case Unit u -> "()";
            case Pair p -> {
                StringBuilder sb = new StringBuilder("(").append(show(p.first(), names, 0));
                Type rest = p.second().resolve();
                while (rest instanceof Pair q) {
                    sb.append(", ").append(show(q.first(), names, 0));
                    rest = q.second().resolve();
                }
                yield sb.append(", ").append(show(rest, names, 0)).append(")").toString();
            }
            case ListOf l -> "[" + show(l.element(), names, 0) + "]";
            case Fun f -> {
                // One builder for a chain a -> b -> ...: concatenating level by level was quadratic in its length.
                StringBuilder sb = new StringBuilder(prec > 0 ? "(" : "");
                Type rest = f;
                while (rest instanceof Fun g) {
                    sb.append(show(g.from(), names, 1)).append(" -> ");
                    rest = g.to().resolve();
                }
                yield sb.append(show(rest, names, 0)).append(prec > 0 ? ")" : "").toString();
            }
            case Var v -> names.computeIfAbsent(v, k -> "'" + varName(names.size()));
        };
    }

    private static String varName(int i) {
        return i < 26 ? String.valueOf((char) ('a' + i)) : "t" + i;
    }
}
