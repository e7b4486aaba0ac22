package dev.vampvm.ir.eval;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.Operand;
import dev.vampvm.ir.flatten.Origin;
import dev.vampvm.ir.flatten.VarInfo;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Expr;
import dev.vampvm.ir.syntax.Item;
import dev.vampvm.ir.syntax.Span;
import dev.vampvm.ir.types.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * VM mode's side of an evaluation: one run evaluates one block ({@link BlockPoint}). Evaluation replays the routine
 * from its start, silently, up to the block's start (so that everything the block can see exists, with the same
 * variable numbers as when the earlier blocks made it), goes live, and stops at the next boundary.
 *
 * <ul>
 *   <li>A boundary passed silently yields fresh variables for its result (their values, with a witness, come from the
 *       runtime by key): the block that made the result is another block, linked by the runtime.</li>
 *   <li>A boundary reached live ends the block with its {@link Terminator}.</li>
 *   <li>An arm on the block's path is entered and evaluated as a routine of its own.</li>
 * </ul>
 * Variables are named across runs by key: {@code M:id} in the main program's activation, {@code A:id} in the current
 * function activation, with {@code /by} or {@code /bx} appended per arm entered (so that an arm's variables never
 * collide with its routine's later ones).
 */
final class VmCursor {

    /** Ends the run: the block reached its terminator. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Terminator terminator;
        final transient List<Operand> operands;
        final transient String result;

        Stop(Terminator terminator, List<Operand> operands, String result) {
            super(null, null, false, false);
            this.terminator = terminator;
            this.operands = operands;
            this.result = result;
        }
    }

    private enum Phase {
        /** Main program items before the definition of the function whose activation the block belongs to. */
        PREFIX, REPLAY, LIVE
    }

    /** A routine being evaluated: main, a function activation or an arm. */
    private static final class Routine {
        final String namespace;
        final int level;
        final int firstVar;
        int boundaries;

        Routine(String namespace, int level, int firstVar) {
            this.namespace = namespace;
            this.level = level;
            this.firstVar = firstVar;
        }
    }

    final BlockPoint point;
    private final Function<String, Fp> lookup;
    private final Evaluator ev;
    private final Deque<Routine> routines = new ArrayDeque<>();
    private Phase phase;
    private int activationStart;
    private int probing;
    int liveVar = -1;
    int liveInstr = -1;
    final List<String> resumeKeys = new ArrayList<>();
    final List<String> paramKeys = new ArrayList<>();

    /** @param lookup values of resume and parameter keys (with a witness), else null */
    VmCursor(Evaluator ev, BlockPoint point, Function<String, Fp> lookup) {
        this.ev = ev;
        this.point = point;
        this.lookup = lookup;
    }

    // ----------------------------------------------------------------------------------------------
    // Routines.

    /** The main program starts (the block's own routine, or the prefix before its function's definition). */
    void startMain() {
        activationStart = 0;
        routines.push(new Routine("M", 0, 0));
        phase = point.function() < 0 ? Phase.REPLAY : Phase.PREFIX;
        if (point.function() < 0 && point.arms().isEmpty() && point.segment() == 0) {
            goLive();
        }
    }

    /** The activation of the block's function starts: its parameters are the block's imports. */
    List<Value> startActivation(List<Type> paramTypes) {
        routines.clear();
        activationStart = ev.out.varCount();
        Routine r = new Routine("A", 0, activationStart);
        routines.push(r);
        phase = Phase.REPLAY;
        List<Value> params = new ArrayList<>();
        boolean entry = point.arms().isEmpty() && point.segment() == 0;
        for (Type t : paramTypes) {
            params.add(fresh(template(t, null), r, entry ? paramKeys : null));
        }
        if (entry) {
            goLive();
        }
        return params;
    }

    /** The innermost routine evaluated to its end with value {@code v}. */
    RuntimeException finish(Value v, boolean main) {
        if (phase != Phase.LIVE) {
            return new IllegalStateException("block " + point + " lies past the end of its routine");
        }
        if (main) {
            return new Stop(new Terminator.Halt(), List.of(), null);
        }
        List<Operand> ops = new ArrayList<>();
        flatten(v, ops, null);
        return new Stop(new Terminator.Return(slots(ops)), ops, null);
    }

    boolean isLive() {
        return phase == Phase.LIVE;
    }

    private void goLive() {
        phase = Phase.LIVE;
        liveVar = ev.out.varCount();
        liveInstr = ev.out.instrCount();
    }

    // ----------------------------------------------------------------------------------------------
    // Boundaries.

    /** {@code branch c x y} with c a circuit variable. */
    Value branch(Span span, Operand.Var c, Expr x, Expr y, Env env) {
        if (probing > 0) {
            return probe(span, x, y, env);
        }
        Routine r = routines.peek();
        int b = ++r.boundaries;
        if (phase == Phase.LIVE) {
            throw new Stop(new Terminator.Branch(slot(c)), List.of(c), null);
        }
        if (phase == Phase.REPLAY && r.level < point.arms().size()) {
            BlockPoint.ArmStep step = point.arms().get(r.level);
            if (step.boundary() == b) {
                Routine arm = new Routine(r.namespace + "/" + step, r.level + 1, ev.out.varCount());
                routines.push(arm);
                if (arm.level == point.arms().size() && point.segment() == 0) {
                    goLive();
                }
                Value v = ev.eval(step.y() ? y : x, env);
                throw finish(v, false);
            }
        }
        return resume(probe(span, x, y, env), r, b);
    }

    /** A call of a recursive function with all its arguments. */
    Value call(Value.Closure c, List<Value> args, Span span) {
        Item.FunctionDef def = c.def();
        if (probing > 0) {
            return template(returnType(def), null);
        }
        Routine r = routines.peek();
        int b = ++r.boundaries;
        if (phase == Phase.LIVE) {
            List<Operand> ops = new ArrayList<>();
            List<Type> params = paramTypes(def);
            for (int i = 0; i < args.size(); i++) {
                flattenAs(args.get(i), params.get(i), ops, span);
            }
            throw new Stop(new Terminator.Call(ev.itemIndex(def), def.name(), slots(ops)), ops, null);
        }
        if (phase == Phase.REPLAY && r.level < point.arms().size() && point.arms().get(r.level).boundary() == b) {
            throw new IllegalStateException("block " + point + ": boundary " + b + " is a call, not a branch");
        }
        return resume(template(returnType(def), null), r, b);
    }

    /** The result of a boundary passed silently: fresh variables shaped like {@code shape}. */
    private Value resume(Value shape, Routine r, int b) {
        boolean goesLive = phase == Phase.REPLAY && r.level == point.arms().size() && b == point.segment();
        Value v = fresh(shape, r, goesLive ? resumeKeys : null);
        if (goesLive) {
            goLive();
        }
        return v;
    }

    /** Evaluates the arms of a branch without keeping anything, for the shape of the branch's value. */
    private Value probe(Span span, Expr x, Expr y, Env env) {
        var cp = ev.out.checkpoint();
        probing++;
        try {
            Value v;
            try {
                v = ev.eval(x, env);
            } catch (CompileException e) {
                ev.rollbackTo(cp);
                v = ev.eval(y, env);
            }
            return template(v, span);
        } finally {
            probing--;
            ev.rollbackTo(cp);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Values at boundaries.

    /** Field slots are placeholders (constant zero); only the structure counts. */
    private Value template(Value v, Span span) {
        return switch (v) {
            case Value.Field f -> Value.constant(Fp.ZERO);
            case Value.Hint h -> Value.constant(Fp.ZERO);
            case Value.Unit u -> v;
            case Value.Pair p -> new Value.Pair(template(p.first(), span), template(p.second(), span));
            default -> throw ev.error(span, "in VM mode a branch is a block boundary, and its value must be field"
                    + " elements or tuples of them, not a " + v.describe());
        };
    }

    private static Value template(Type t, Span span) {
        return switch (t.resolve()) {
            case Type.Unit u -> Value.UNIT;
            case Type.Pair p -> new Value.Pair(template(p.first(), span), template(p.second(), span));
            default -> Value.constant(Fp.ZERO);
        };
    }

    /** New variables shaped like the template, their witness values looked up by key. */
    private Value fresh(Value shape, Routine r, List<String> keys) {
        return switch (shape) {
            case Value.Pair p -> {
                Value a = fresh(p.first(), r, keys);
                yield new Value.Pair(a, fresh(p.second(), r, keys));
            }
            case Value.Unit u -> u;
            default -> {
                String key = r.namespace + ":" + ev.out.varCount();
                Fp value = lookup == null ? null : lookup.apply(key);
                if (lookup != null && value == null) {
                    throw new IllegalStateException("no value for " + key + " at block " + point);
                }
                Operand.Var var = ev.out.newVar(VarInfo.Kind.INPUT, key, new Origin(ev.siteSpan(), key,
                        Origin.Kind.CONSTRAINT, ev.site), value);
                if (keys != null) {
                    keys.add(key);
                }
                yield new Value.Field(var);
            }
        };
    }

    private void flatten(Value v, List<Operand> out, Span span) {
        switch (v) {
            case Value.Field f -> out.add(f.term());
            case Value.Unit u -> {
            }
            case Value.Pair p -> {
                flatten(p.first(), out, span);
                flatten(p.second(), out, span);
            }
            default -> throw ev.error(span != null ? span : ev.siteSpan(), "in VM mode a routine returns field"
                    + " elements or tuples of them across a block boundary, not a " + v.describe());
        }
    }

    private void flattenAs(Value v, Type t, List<Operand> out, Span span) {
        switch (t.resolve()) {
            case Type.Unit u -> {
            }
            case Type.Pair p when v instanceof Value.Pair vp -> {
                flattenAs(vp.first(), p.first(), out, span);
                flattenAs(vp.second(), p.second(), out, span);
            }
            default -> {
                if (!(v instanceof Value.Field f)) {
                    throw ev.error(span, "in VM mode the arguments of a recursive call must be field elements or"
                            + " tuples of them, as its type says; this one is a " + v.describe());
                }
                out.add(f.term());
            }
        }
    }

    List<Type> paramTypes(Item.FunctionDef def) {
        List<Type> out = new ArrayList<>();
        Type t = ev.typeOf(def);
        for (int i = 0; i < def.params().size(); i++) {
            Type.Fun f = (Type.Fun) t.resolve();
            out.add(f.from());
            t = f.to();
        }
        return out;
    }

    private Type returnType(Item.FunctionDef def) {
        Type t = ev.typeOf(def);
        for (int i = 0; i < def.params().size(); i++) {
            t = ((Type.Fun) t.resolve()).to();
        }
        return t;
    }

    // ----------------------------------------------------------------------------------------------
    // Keys.

    /** The key of variable {@code id} of this run. */
    String key(int id) {
        if (id < activationStart) {
            return "M:" + id;
        }
        for (Routine r : routines) {
            if (id >= r.firstVar) {
                return r.namespace + ":" + id;
            }
        }
        throw new IllegalStateException("variable " + id + " belongs to no routine");
    }

    private List<Slot> slots(List<Operand> ops) {
        List<Slot> out = new ArrayList<>();
        for (Operand o : ops) {
            out.add(slot(o));
        }
        return out;
    }

    private Slot slot(Operand o) {
        return switch (o) {
            case Operand.Const c -> new Slot.Constant(c.value());
            case Operand.Var v -> new Slot.Key(key(v.id()));
        };
    }
}
