package dev.vampvm.ir.types;

import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Expr;
import dev.vampvm.ir.syntax.Item;
import dev.vampvm.ir.syntax.Pattern;
import dev.vampvm.ir.syntax.Program;
import dev.vampvm.ir.syntax.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Hindley–Milner type inference with let-polymorphism (level-based generalisation), over field elements, unit,
 * tuples, lists and functions. Resolves every name at the same time (local binding, recursive call, built-in or
 * input) and checks the VM extension's rules for recursion: a recursive call sits inside an arm of a
 * {@code branch}, and a recursive function takes and returns field elements and tuples of them.
 */
public final class TypeChecker {

    /** The built-ins and their types. */
    public static final List<String> BUILTINS = List.of("fresh", "iter", "fold", "lt", "branch");

    private final Program program;
    private final Map<Expr.Var, Ref> refs = new IdentityHashMap<>();
    private final Map<String, InputState> inputs = new LinkedHashMap<>();
    private final Set<Item.FunctionDef> recursive = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Item.FunctionDef, Type> placeholders = new IdentityHashMap<>();
    private final Map<Item, Type> itemTypes = new IdentityHashMap<>();
    private final List<Item.FunctionDef> topFunctions = new ArrayList<>();
    private final Map<Item.FunctionDef, Integer> topIndex = new IdentityHashMap<>();
    private int level = 1;
    private int currentItem;
    private int functionDepth;
    private int armDepth;
    private Item.FunctionDef currentTop;

    private static final class InputState {
        final String name;
        final Span firstUse;
        final Type type = new Type.Var(0);

        InputState(String name, Span firstUse) {
            this.name = name;
            this.firstUse = firstUse;
        }
    }

    /**
     * An immutable scope: a persistent search tree of bindings by (mixed) hash, then name; binding a name again
     * replaces it in the new scope only. Lookups take O(log n) expected, not a walk over every binding in scope (a
     * chain of n definitions made type checking quadratic: 40,000 definitions took 15 s).
     */
    private record Env(String name, Scheme scheme, int hash, Env left, Env right) {
        static Env bind(Env env, String name, Scheme scheme) {
            return insert(env, name, scheme, mix(name.hashCode()));
        }

        private static Env insert(Env t, String name, Scheme scheme, int hash) {
            if (t == null) {
                return new Env(name, scheme, hash, null, null);
            }
            int c = compare(hash, name, t);
            if (c == 0) {
                return new Env(name, scheme, hash, t.left, t.right);
            }
            return c < 0 ? new Env(t.name, t.scheme, t.hash, insert(t.left, name, scheme, hash), t.right)
                    : new Env(t.name, t.scheme, t.hash, t.left, insert(t.right, name, scheme, hash));
        }

        Scheme lookup(String n) {
            int hash = mix(n.hashCode());
            for (Env e = this; e != null;) {
                int c = compare(hash, n, e);
                if (c == 0) {
                    return e.scheme;
                }
                e = c < 0 ? e.left : e.right;
            }
            return null;
        }

        private static int compare(int hash, String name, Env e) {
            int c = Integer.compare(hash, e.hash);
            return c != 0 ? c : name.compareTo(e.name);
        }

        /** Spreads similar names (t1, t2, ...) over the tree: a murmur3 finalizer. */
        private static int mix(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }
    }

    private TypeChecker(Program program) {
        this.program = program;
    }

    /** @throws CompileException (kind TYPE) at the first type error */
    public static CheckedProgram check(Program program) {
        return new TypeChecker(program).run();
    }

    private CheckedProgram run() {
        List<Item> items = program.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Item.FunctionDef f) {
                topFunctions.add(f);
                topIndex.put(f, i);
            }
        }
        Env env = null;
        List<Item.Name> pubs = new ArrayList<>();
        for (currentItem = 0; currentItem < items.size(); currentItem++) {
            Item item = items.get(currentItem);
            switch (item) {
                case Item.PubDecl p -> pubs.addAll(p.names());
                case Item.FunctionDef f -> {
                    currentTop = f;
                    env = functionDef(f, env, true);
                    currentTop = null;
                }
                case Item.ValueDef d -> env = valueDef(d, env);
                case Item.ExprItem e -> itemTypes.put(item, infer(e.expr(), env));
            }
        }
        for (Item.FunctionDef f : recursive) {
            checkFirstOrder(f);
        }
        return finish(pubs);
    }

    private CheckedProgram finish(List<Item.Name> pubs) {
        List<String> publicNames = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Item.Name n : pubs) {
            if (!inputs.containsKey(n.name())) {
                boolean defined = program.items().stream().anyMatch(i -> defines(i, n.name()));
                throw CompileException.at(CompileException.Kind.TYPE, n.span(), defined
                        ? "'" + n.name() + "' is defined in the program: 'pub' marks inputs, which are names used but never defined"
                        : "public input '" + n.name() + "' is never used");
            }
            if (seen.add(n.name())) {
                publicNames.add(n.name());
            }
        }
        List<InputInfo> out = new ArrayList<>();
        for (InputState s : inputs.values()) {
            List<String> comps = new ArrayList<>();
            components(s.type, s.name, comps, s);
            out.add(new InputInfo(s.name, s.firstUse, s.type.resolve(), seen.contains(s.name), comps));
        }
        return new CheckedProgram(program, refs, out, publicNames, recursive, itemTypes);
    }

    private static boolean defines(Item i, String name) {
        return switch (i) {
            case Item.FunctionDef f -> f.name().equals(name);
            case Item.ValueDef d -> binds(d.pattern(), name);
            default -> false;
        };
    }

    private static boolean binds(Pattern p, String name) {
        return switch (p) {
            case Pattern.PVar v -> v.name().equals(name);
            case Pattern.PTuple t -> binds(t.first(), name) || binds(t.second(), name);
            case Pattern.PCons c -> binds(c.head(), name) || binds(c.tail(), name);
            case Pattern.PAs a -> a.name().equals(name) || binds(a.inner(), name);
            default -> false;
        };
    }

    /** Expands an input's type into its field components; unresolved variables default to field elements. */
    private void components(Type t, String prefix, List<String> out, InputState s) {
        Type r = t.resolve();
        switch (r) {
            case Type.Var v -> {
                v.instance = Type.FIELD;
                out.add(prefix);
            }
            case Type.Field f -> out.add(prefix);
            case Type.Unit u -> {
            }
            case Type.Pair p -> {
                List<Type> spine = new ArrayList<>();
                Type cur = p;
                while (cur.resolve() instanceof Type.Pair q) {
                    spine.add(q.first());
                    cur = q.second();
                }
                spine.add(cur);
                for (int i = 0; i < spine.size(); i++) {
                    components(spine.get(i), prefix + "." + i, out, s);
                }
            }
            case Type.ListOf l -> throw CompileException.at(CompileException.Kind.TYPE, s.firstUse, "input '" + s.name
                    + "' would be a list (" + Type.show(s.type) + "): inputs must be field elements or tuples of them"
                    + " (is '" + s.name + "' a misspelled or missing definition?)");
            case Type.Fun f -> throw CompileException.at(CompileException.Kind.TYPE, s.firstUse, "input '" + s.name
                    + "' would be a function (" + Type.show(s.type) + "): inputs must be field elements or tuples of them"
                    + " (is '" + s.name + "' a misspelled or missing definition?)");
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Definitions.

    private Env functionDef(Item.FunctionDef f, Env env, boolean top) {
        level++;
        Type self = top ? placeholders.computeIfAbsent(f, k -> new Type.Var(level)) : null;
        functionDepth++;
        int savedArms = armDepth;
        armDepth = 0;
        List<Type> paramTypes = new ArrayList<>();
        Env inner = env;
        for (Pattern p : f.params()) {
            Map<String, Type> bound = new LinkedHashMap<>();
            paramTypes.add(pattern(p, bound));
            for (Map.Entry<String, Type> b : bound.entrySet()) {
                inner = Env.bind(inner, b.getKey(), Scheme.mono(b.getValue()));
            }
        }
        Type result = infer(f.body(), inner);
        armDepth = savedArms;
        functionDepth--;
        Type t = result;
        for (int i = paramTypes.size() - 1; i >= 0; i--) {
            t = new Type.Fun(paramTypes.get(i), t);
        }
        if (self != null) {
            Type expected = self;
            unify(self, t, f.nameSpan(), (a, b) -> "recursive uses of '" + f.name() + "' need type " + a[0]
                    + " but its definition has type " + a[1]);
            t = expected;
        }
        level--;
        itemTypes.put(f, t);
        return Env.bind(env, f.name(), generalize(t));
    }

    private Env valueDef(Item.ValueDef d, Env env) {
        level++;
        Type value = infer(d.value(), env);
        Map<String, Type> bound = new LinkedHashMap<>();
        Type pt = pattern(d.pattern(), bound);
        unify(pt, value, d.pattern().span(), (a, b) -> "pattern " + describe(d.pattern()) + " has type " + a[0]
                + " but the value it is matched against has type " + a[1]);
        level--;
        itemTypes.put(d, value);
        for (Map.Entry<String, Type> b : bound.entrySet()) {
            env = Env.bind(env, b.getKey(), generalize(b.getValue()));
        }
        return env;
    }

    private void checkFirstOrder(Item.FunctionDef f) {
        Type t = itemTypes.get(f);
        for (int i = 0; i < f.params().size(); i++) {
            Type.Fun fun = (Type.Fun) t.resolve();
            if (!isData(fun.from())) {
                throw notFirstOrder(f, t);
            }
            t = fun.to();
        }
        if (!isData(t)) {
            throw notFirstOrder(f, itemTypes.get(f));
        }
    }

    private static CompileException notFirstOrder(Item.FunctionDef f, Type t) {
        return CompileException.at(CompileException.Kind.TYPE, f.nameSpan(), "recursive function '" + f.name()
                + "' must take and return field elements or tuples of them, but has type " + Type.show(t));
    }

    private static boolean isData(Type t) {
        return switch (t.resolve()) {
            case Type.Field f -> true;
            case Type.Unit u -> true;
            case Type.Var v -> true;
            case Type.Pair p -> isData(p.first()) && isData(p.second());
            default -> false;
        };
    }

    // ----------------------------------------------------------------------------------------------
    // Expressions.

    private Type infer(Expr e, Env env) {
        return switch (e) {
            case Expr.IntLit i -> Type.FIELD;
            case Expr.UnitLit u -> Type.UNIT;
            case Expr.NilLit n -> new Type.ListOf(new Type.Var(level));
            case Expr.Var v -> variable(v, env);
            case Expr.Binary b -> {
                fieldOperand(b.left(), env, b.op().symbol());
                fieldOperand(b.right(), env, b.op().symbol());
                yield Type.FIELD;
            }
            case Expr.Negate n -> {
                fieldOperand(n.inner(), env, "-");
                yield Type.FIELD;
            }
            case Expr.Equal q -> {
                Type l = infer(q.left(), env);
                Type r = infer(q.right(), env);
                unify(l, r, q.span(), (a, b) -> "the two sides of '=' have different types: " + a[0] + " and " + a[1]);
                yield Type.UNIT;
            }
            case Expr.Cons c -> {
                Type h = infer(c.head(), env);
                Type t = infer(c.tail(), env);
                unify(new Type.ListOf(h), t, c.tail().span(), (a, b) -> "the tail of ':' should be a list " + a[0]
                        + " to go with its head, but `" + c.tail().span().text() + "` has type " + a[1]);
                yield t;
            }
            case Expr.Tuple t -> new Type.Pair(infer(t.first(), env), infer(t.second(), env));
            case Expr.Apply a -> application(a, env);
            case Expr.Lambda l -> {
                functionDepth++;
                int savedArms = armDepth;
                armDepth = 0;
                List<Type> params = new ArrayList<>();
                Env inner = env;
                for (Pattern p : l.params()) {
                    Map<String, Type> bound = new LinkedHashMap<>();
                    params.add(pattern(p, bound));
                    for (Map.Entry<String, Type> b : bound.entrySet()) {
                        inner = Env.bind(inner, b.getKey(), Scheme.mono(b.getValue()));
                    }
                }
                Type t = infer(l.body(), inner);
                armDepth = savedArms;
                functionDepth--;
                for (int i = params.size() - 1; i >= 0; i--) {
                    t = new Type.Fun(params.get(i), t);
                }
                yield t;
            }
            case Expr.Block b -> block(b, env);
        };
    }

    private Type block(Expr.Block b, Env env) {
        Type last = Type.UNIT;
        for (Item item : b.items()) {
            switch (item) {
                case Item.FunctionDef f -> {
                    env = functionDef(f, env, false);
                    last = Type.UNIT;
                }
                case Item.ValueDef d -> {
                    env = valueDef(d, env);
                    last = Type.UNIT;
                }
                case Item.ExprItem x -> last = infer(x.expr(), env);
                case Item.PubDecl p -> throw CompileException.at(CompileException.Kind.SYNTAX, p.span(),
                        "'pub' declarations are only allowed at the top level");
            }
        }
        return last;
    }

    private void fieldOperand(Expr operand, Env env, String op) {
        Type t = infer(operand, env);
        unify(Type.FIELD, t, operand.span(), (a, b) -> "the operand of '" + op + "' must be a field element, but `"
                + operand.span().text() + "` has type " + a[1]);
    }

    private Type variable(Expr.Var v, Env env) {
        Scheme s = env == null ? null : env.lookup(v.name());
        if (s != null) {
            refs.put(v, Ref.LOCAL);
            return s.instantiate(level);
        }
        Item.FunctionDef forward = functionDepth > 0 ? forwardFunction(v.name()) : null;
        if (forward != null) {
            if (armDepth == 0) {
                throw CompileException.at(CompileException.Kind.TYPE, v.span(), "recursive call to '" + v.name()
                        + "' must sit inside an arm of a 'branch', so that evaluation can stop");
            }
            refs.put(v, new Ref.Forward(forward));
            recursive.add(forward);
            return placeholders.computeIfAbsent(forward, k -> new Type.Var(0));
        }
        if (BUILTINS.contains(v.name())) {
            refs.put(v, new Ref.Builtin(v.name()));
            return builtinType(v.name());
        }
        refs.put(v, new Ref.Input(v.name()));
        return inputs.computeIfAbsent(v.name(), n -> new InputState(n, v.span())).type;
    }

    /** The first top-level function of that name at or after the current top-level item. */
    private Item.FunctionDef forwardFunction(String name) {
        for (Item.FunctionDef f : topFunctions) {
            if (f.name().equals(name) && topIndex.get(f) >= currentItem) {
                return f;
            }
        }
        return null;
    }

    private Type builtinType(String name) {
        Type a = new Type.Var(level);
        Type b = new Type.Var(level);
        return switch (name) {
            case "fresh" -> new Type.Fun(a, a);
            case "iter" -> fun(Type.FIELD, new Type.Fun(a, a), a, a);
            case "fold" -> fun(new Type.ListOf(a), fun(a, b, b), b, b);
            case "lt" -> fun(Type.FIELD, Type.FIELD, Type.FIELD);
            case "branch" -> fun(Type.FIELD, a, a, a);
            default -> throw new IllegalStateException(name);
        };
    }

    private static Type fun(Type... ts) {
        Type t = ts[ts.length - 1];
        for (int i = ts.length - 2; i >= 0; i--) {
            t = new Type.Fun(ts[i], t);
        }
        return t;
    }

    private Type application(Expr.Apply a, Env env) {
        // Flatten the spine f x1 ... xn so that the arms of 'branch c x y' are known.
        List<Expr> args = new ArrayList<>();
        Expr head = a;
        while (head instanceof Expr.Apply ap) {
            args.add(ap.arg());
            head = ap.fn();
        }
        Collections.reverse(args);
        boolean isBranch = head instanceof Expr.Var hv && "branch".equals(hv.name())
                && (env == null || env.lookup("branch") == null);
        Type fnType = infer(head, env);
        Expr fnExpr = head;
        for (int i = 0; i < args.size(); i++) {
            Expr arg = args.get(i);
            boolean arm = isBranch && (i == 1 || i == 2);
            if (arm) {
                armDepth++;
            }
            Type argType = infer(arg, env);
            if (arm) {
                armDepth--;
            }
            Type ft = fnType.resolve();
            Type result;
            final Expr fe = fnExpr;
            if (ft instanceof Type.Fun f) {
                unify(f.from(), argType, arg.span(), (x, y) -> "`" + fe.span().text() + "` expects an argument of type "
                        + x[0] + ", but `" + arg.span().text() + "` has type " + x[1]);
                result = f.to();
            } else if (ft instanceof Type.Var) {
                result = new Type.Var(level);
                unify(ft, new Type.Fun(argType, result), arg.span(), (x, y) -> "`" + fe.span().text() + "` of type "
                        + x[0] + " cannot be applied to `" + arg.span().text() + "`");
            } else {
                throw CompileException.at(CompileException.Kind.TYPE, fe.span().to(arg.span()), "`" + fe.span().text()
                        + "` has type " + Type.show(ft) + ", which is not a function, so it cannot be applied to `"
                        + arg.span().text() + "`");
            }
            fnType = result;
            fnExpr = i + 1 < args.size() ? new Expr.Apply(fe.span().to(arg.span()), fe, arg) : fe;
        }
        return fnType;
    }

    // ----------------------------------------------------------------------------------------------
    // Patterns: the type they match; names they bind (monomorphic here, generalised by the caller).

    private Type pattern(Pattern p, Map<String, Type> bound) {
        return switch (p) {
            case Pattern.PVar v -> bind(v.span(), v.name(), new Type.Var(level), bound);
            case Pattern.PConst c -> Type.FIELD;
            case Pattern.PUnit u -> Type.UNIT;
            case Pattern.PNil n -> new Type.ListOf(new Type.Var(level));
            case Pattern.PTuple t -> new Type.Pair(pattern(t.first(), bound), pattern(t.second(), bound));
            case Pattern.PCons c -> {
                Type h = pattern(c.head(), bound);
                Type t = pattern(c.tail(), bound);
                unify(new Type.ListOf(h), t, c.tail().span(), (a, b) -> "the tail of the pattern ':' should be a list "
                        + a[0] + ", but has type " + a[1]);
                yield t;
            }
            case Pattern.PAs a -> {
                Type t = pattern(a.inner(), bound);
                yield bind(a.span(), a.name(), t, bound);
            }
        };
    }

    private Type bind(Span span, String name, Type t, Map<String, Type> bound) {
        if (bound.containsKey(name)) {
            throw CompileException.at(CompileException.Kind.TYPE, span, "'" + name + "' is bound twice in the same pattern");
        }
        bound.put(name, t);
        return t;
    }

    private static String describe(Pattern p) {
        return "`" + p.span().text() + "`";
    }

    // ----------------------------------------------------------------------------------------------
    // Unification and generalisation.

    private Scheme generalize(Type t) {
        List<Type.Var> vars = new ArrayList<>();
        collectGeneralizable(t, vars);
        return vars.isEmpty() ? Scheme.mono(t) : new Scheme(vars, t);
    }

    private void collectGeneralizable(Type t, List<Type.Var> out) {
        switch (t.resolve()) {
            case Type.Var v -> {
                if (v.level > level && !out.contains(v)) {
                    out.add(v);
                }
            }
            case Type.Pair p -> {
                collectGeneralizable(p.first(), out);
                collectGeneralizable(p.second(), out);
            }
            case Type.ListOf l -> collectGeneralizable(l.element(), out);
            case Type.Fun f -> {
                collectGeneralizable(f.from(), out);
                collectGeneralizable(f.to(), out);
            }
            default -> {
            }
        }
    }

    /**
     * Makes the types equal or fails with the message {@code explain} builds from the two full types as printed
     * (with one naming of variables): {@code explain.apply(new String[] {expected, actual}, null)}.
     */
    private void unify(Type expected, Type actual, Span span, BiFunction<String[], Void, String> explain) {
        if (!unifies(expected, actual)) {
            String[] shown = Type.show(expected, actual);
            throw CompileException.at(CompileException.Kind.TYPE, span, "type mismatch: " + explain.apply(shown, null));
        }
    }

    private boolean unifies(Type a, Type b) {
        Type x = a.resolve();
        Type y = b.resolve();
        if (x == y) {
            return true;
        }
        if (x instanceof Type.Var v) {
            return bindVar(v, y);
        }
        if (y instanceof Type.Var v) {
            return bindVar(v, x);
        }
        return switch (x) {
            case Type.Field f -> y instanceof Type.Field;
            case Type.Unit u -> y instanceof Type.Unit;
            case Type.Pair p -> y instanceof Type.Pair q && unifies(p.first(), q.first()) && unifies(p.second(), q.second());
            case Type.ListOf l -> y instanceof Type.ListOf m && unifies(l.element(), m.element());
            case Type.Fun f -> y instanceof Type.Fun g && unifies(f.from(), g.from()) && unifies(f.to(), g.to());
            case Type.Var v -> throw new IllegalStateException();
        };
    }

    private boolean bindVar(Type.Var v, Type t) {
        if (occurs(v, t)) {
            return false;
        }
        adjustLevels(t, v.level);
        v.instance = t;
        return true;
    }

    private static boolean occurs(Type.Var v, Type t) {
        return switch (t.resolve()) {
            case Type.Var w -> w == v;
            case Type.Pair p -> occurs(v, p.first()) || occurs(v, p.second());
            case Type.ListOf l -> occurs(v, l.element());
            case Type.Fun f -> occurs(v, f.from()) || occurs(v, f.to());
            default -> false;
        };
    }

    private static void adjustLevels(Type t, int level) {
        switch (t.resolve()) {
            case Type.Var w -> w.level = Math.min(w.level, level);
            case Type.Pair p -> {
                adjustLevels(p.first(), level);
                adjustLevels(p.second(), level);
            }
            case Type.ListOf l -> adjustLevels(l.element(), level);
            case Type.Fun f -> {
                adjustLevels(f.from(), level);
                adjustLevels(f.to(), level);
            }
            default -> {
            }
        }
    }

    @SuppressWarnings("unused")
    private static Map<String, Type> noBindings() {
        return new HashMap<>();
    }
}
