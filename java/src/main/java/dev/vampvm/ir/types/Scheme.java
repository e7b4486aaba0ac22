package dev.vampvm.ir.types;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A type with some variables quantified (let-polymorphism): each use instantiates them afresh. */
record Scheme(List<Type.Var> quantified, Type body) {

    static Scheme mono(Type t) {
        return new Scheme(List.of(), t);
    }

    Type instantiate(int level) {
        if (quantified.isEmpty()) {
            return body;
        }
        Map<Type.Var, Type> fresh = new HashMap<>();
        for (Type.Var v : quantified) {
            fresh.put(v, new Type.Var(level));
        }
        return copy(body, fresh);
    }

    private static Type copy(Type t, Map<Type.Var, Type> fresh) {
        Type r = t.resolve();
        return switch (r) {
            case Type.Var v -> fresh.getOrDefault(v, v);
            case Type.Pair p -> new Type.Pair(copy(p.first(), fresh), copy(p.second(), fresh));
            case Type.ListOf l -> new Type.ListOf(copy(l.element(), fresh));
            case Type.Fun f -> new Type.Fun(copy(f.from(), fresh), copy(f.to(), fresh));
            default -> r;
        };
    }
}
