package dev.vampvm.ir.eval;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.CallSite;
import dev.vampvm.ir.flatten.FlatBuilder;
import dev.vampvm.ir.flatten.FlatProgram;
import dev.vampvm.ir.flatten.Instr;
import dev.vampvm.ir.flatten.Operand;
import dev.vampvm.ir.flatten.Origin;
import dev.vampvm.ir.flatten.VarInfo;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Expr;
import dev.vampvm.ir.syntax.Item;
import dev.vampvm.ir.syntax.Pattern;
import dev.vampvm.ir.syntax.Span;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.InputInfo;
import dev.vampvm.ir.types.Ref;
import dev.vampvm.ir.types.Type;
import dev.vampvm.plonk.FpFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Static-mode evaluation: runs the program symbolically, inlining every function, folding constants in Fp and
 * emitting a three-address constraint for every operation on circuit variables (see {@link Arithmetic}). With inputs
 * it computes the witness at the same time. See {@link Mode} for how recursion is unrolled.
 *
 * <p>{@code branch c x y} with a condition known at compile time evaluates one arm only. With a condition that
 * depends on inputs both arms are compiled and the result is {@code x + c·(y − x)}, with {@code c·(c − 1) = 0}; the
 * constraints made inside an arm are multiplied by that arm's guard ({@code c} or {@code 1 − c}, times the enclosing
 * guard), so that a constraint in the arm not taken cannot fail: the branch stays lazy in meaning. Built-ins whose
 * constraints hold for every input ({@code lt}, zero tests) are not guarded.
 */
public final class Evaluator {

    /**
     * @param unroll          the recursion bound in {@link Mode#UNROLL}
     * @param maxDepth        a hard limit on recursion depth
     * @param maxConstraints  a hard limit on the three-address constraints made (a verifier that rebuilds a circuit
     *                        from a bound an untrusted proof names stops as soon as it outgrows the proof's k); by
     *                        default {@link #heapConstraintLimit()}
     */
    public record Options(Mode mode, int unroll, int maxDepth, long maxConstraints) {
        /**
         * Heap bytes a three-address constraint is given by default: the evaluator's instructions took ~240 bytes each
         * (4 million in ~1 GB), and the optimizer and the layout copy them.
         */
        static final long BYTES_PER_CONSTRAINT = 1024;

        public static Options trace() {
            return new Options(Mode.TRACE, 0, 100_000, heapConstraintLimit());
        }

        public static Options shape() {
            return new Options(Mode.SHAPE, 0, 100_000, heapConstraintLimit());
        }

        public static Options unroll(int n) {
            return new Options(Mode.UNROLL, n, 100_000, heapConstraintLimit());
        }

        /**
         * The default limit on three-address constraints: what this JVM's heap holds at {@link #BYTES_PER_CONSTRAINT}
         * each (8 million with 8 GiB). A program that grows without end, a recursion whose condition folds to a
         * constant for one, is refused with a diagnostic instead of exhausting the heap (it took 100 s to fail so,
         * in a fuzzed program); a circuit past it would not fit the heap for proving either.
         */
        public static long heapConstraintLimit() {
            return Math.max(1L << 20, Runtime.getRuntime().maxMemory() / BYTES_PER_CONSTRAINT);
        }

        public Options withMaxConstraints(long n) {
            return new Options(mode, unroll, maxDepth, n);
        }
    }

    /** The flattened program and the value of the last top-level expression, rendered. */
    public record Result(FlatProgram flat, String result) {
    }

    private final CheckedProgram checked;
    private final Options options;
    final FlatBuilder out;
    final Arithmetic arith;
    private final Map<String, Fp> inputValues;
    private final Map<Item.FunctionDef, Value.Closure> globals = new IdentityHashMap<>();
    private final Map<String, Value> inputs = new HashMap<>();
    Operand guard = Operand.ONE;
    int freshDepth;
    /** VM mode's cursor (null in static modes). */
    private VmCursor vm;
    private int speculative;
    private int depth;
    /** Function applications so far, for the interrupt check in {@link #applyClosure}. */
    private long calls;
    CallSite site;

    /** Thrown when a speculatively evaluated arm tries to recurse: the branch is then fixed to the arm taken. */
    private static final class NeedsPin extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NeedsPin() {
            super(null, null, false, false);
        }
    }

    /** Thrown when a recursive call would go past {@code --unroll N}: the arm is cut off. */
    private static final class BoundHit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Span call;
        final String function;

        BoundHit(Span call, String function) {
            super(null, null, false, false);
            this.call = call;
            this.function = function;
        }
    }

    private Evaluator(CheckedProgram checked, Map<String, Fp> inputValues, Options options) {
        this.checked = checked;
        this.options = options;
        this.inputValues = inputValues;
        this.out = new FlatBuilder(inputValues != null, options.maxConstraints());
        this.arith = new Arithmetic(this);
    }

    /**
     * Evaluates the program.
     *
     * @param inputValues every input component by dotted name (checked by the caller), or null for no witness
     * @throws CompileException for evaluation errors and constraints between constants that cannot hold
     */
    public static Result run(CheckedProgram checked, Map<String, Fp> inputValues, Options options) {
        if (options.mode() == Mode.TRACE && inputValues == null) {
            throw new IllegalArgumentException("trace mode needs inputs");
        }
        Evaluator ev = new Evaluator(checked, inputValues, options);
        try {
            return ev.program();
        } catch (BoundHit b) {
            throw CompileException.at(CompileException.Kind.USAGE, b.call, "the recursion of '" + b.function
                    + "' goes deeper than --unroll " + options.unroll() + " here, and no branch on an input can stop it"
                    + " earlier: raise the bound");
        } catch (FlatBuilder.TooLarge t) {
            throw ev.tooLarge();
        } catch (StackOverflowError e) {
            throw CompileException.at(CompileException.Kind.EVALUATION, ev.site != null ? ev.site.span()
                    : checked.program().items().get(0).span(), "evaluation nests too deeply (recursion of "
                    + ev.depth + " levels): does the recursion terminate?");
        }
    }

    /**
     * Evaluates one VM block.
     *
     * @param inputValues every input component by dotted name, or null to compile without a witness
     * @param lookup      with a witness, the values of the keys the block resumes with (parameters and boundary
     *                    results, of this activation and of the main program); else null
     * @param exports     keys of the block's variables to make public (later blocks read them), or null when exploring
     * @throws CompileException for evaluation errors
     */
    public static BlockRun runBlock(CheckedProgram checked, BlockPoint point, Map<String, Fp> inputValues,
            java.util.function.Function<String, Fp> lookup, java.util.Set<String> exports) {
        Evaluator ev = new Evaluator(checked, inputValues, new Options(Mode.VM, 0, 100_000,
                Options.heapConstraintLimit()));
        ev.vm = new VmCursor(ev, point, lookup);
        try {
            ev.vmProgram();
        } catch (VmCursor.Stop stop) {
            return ev.blockRun(stop, exports);
        } catch (FlatBuilder.TooLarge t) {
            throw ev.tooLarge();
        } catch (StackOverflowError e) {
            throw CompileException.at(CompileException.Kind.EVALUATION, ev.siteSpan(), "evaluation nests too deeply");
        }
        throw new IllegalStateException("block " + point + " did not end");
    }

    /** The diagnostic for a circuit past {@link Options#maxConstraints}, at the site being evaluated. */
    private CompileException tooLarge() {
        long max = options.maxConstraints();
        return CompileException.at(CompileException.Kind.USAGE, siteSpan(), "the circuit grows past " + max
                + " three-address constraints, the most allowed here" + (max == Options.heapConstraintLimit()
                ? " (what a Java heap of " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB holds: a larger"
                + " heap, e.g. VAMPVM_JAVA_OPTS=-Xmx32g, raises it); a recursion that never ends grows this way too"
                : ""));
    }

    /**
     * The main program up to the definition of the block's function, whose activation then runs; or, for a block of
     * the main program, all of it.
     */
    private void vmProgram() {
        vm.startMain();
        createInputs();
        Value last = items((c, idx) -> {
            if (idx == vm.point.function()) {
                Item.FunctionDef f = c.def();
                Env body = c.env();
                List<Value> params = vm.startActivation(vm.paramTypes(f));
                for (int i = 0; i < params.size(); i++) {
                    body = bind(f.params().get(i), params.get(i), body);
                }
                site = new CallSite(f.name(), f.nameSpan(), null);
                throw vm.finish(eval(f.body(), body), false);
            }
        });
        String result = vm.isLive() && out.hasWitness() ? render(last) : null;
        VmCursor.Stop halt = (VmCursor.Stop) vm.finish(last, true);
        throw new VmCursor.Stop(halt.terminator, halt.operands, result);
    }

    /** The block's constraints and interface once it stopped. */
    private BlockRun blockRun(VmCursor.Stop stop, java.util.Set<String> exports) {
        int live = vm.liveVar;
        java.util.TreeSet<Integer> imports = new java.util.TreeSet<>();
        List<Instr> instrs = out.instrsFrom(vm.liveInstr);
        for (Instr i : instrs) {
            for (Operand o : i.operands()) {
                if (o instanceof Operand.Var v && v.id() < live) {
                    imports.add(v.id());
                }
            }
        }
        for (Operand o : stop.operands) {
            if (o instanceof Operand.Var v && v.id() < live) {
                imports.add(v.id());
            }
        }
        List<Integer> publicVars = new ArrayList<>(imports);
        List<String> importKeys = new ArrayList<>();
        for (int id : imports) {
            importKeys.add(vm.key(id));
        }
        List<String> liveKeys = new ArrayList<>();
        List<String> exportKeys = new ArrayList<>();
        for (int id = live; id < out.varCount(); id++) {
            String key = vm.key(id);
            liveKeys.add(key);
            if (exports != null && exports.contains(key)) {
                exportKeys.add(key);
                publicVars.add(id);
            }
        }
        List<String> names = new ArrayList<>(importKeys);
        names.addAll(exportKeys);
        List<String> publicKeys = new ArrayList<>();
        if (vm.point.function() < 0) {
            for (String p : checked.publicInputs()) {
                for (String comp : checked.input(p).components()) {
                    publicKeys.add(vm.key(inputVarIds.get(comp)));
                }
            }
        }
        return new BlockRun(vm.point, out.build(publicVars, names, vm.liveInstr), importKeys, exportKeys, liveKeys,
                vm.resumeKeys, vm.paramKeys, publicKeys, stop.terminator, stop.result);
    }

    int itemIndex(Item.FunctionDef def) {
        return checked.program().items().indexOf(def);
    }

    Type typeOf(Item.FunctionDef def) {
        return checked.itemTypes().get(def);
    }

    Span siteSpan() {
        return site != null ? site.span() : checked.program().items().get(0).span();
    }

    void rollbackTo(FlatBuilder.Checkpoint cp) {
        rollback(cp);
    }

    private void createInputs() {
        for (InputInfo info : checked.inputs()) {
            List<Operand.Var> made = new ArrayList<>();
            java.util.Iterator<String> names = info.components().iterator();
            inputs.put(info.name(), inputValue(info.type(), names, info, made));
        }
    }

    private Result program() {
        List<Integer> publicVars = new ArrayList<>();
        List<String> publicNames = new ArrayList<>();
        createInputs();
        for (String p : checked.publicInputs()) {
            InputInfo info = checked.input(p);
            for (String comp : info.components()) {
                publicNames.add(comp);
            }
        }
        Value last = items((c, idx) -> {
        });
        for (String comp : publicNames) {
            publicVars.add(inputVarIds.get(comp));
        }
        return new Result(out.build(publicVars, publicNames), render(last));
    }

    private final Map<String, Integer> inputVarIds = new HashMap<>();

    /**
     * Evaluates the top-level items in order and returns the last one's value; {@code defined} is told of each
     * top-level function (its item index and closure) as soon as it is defined.
     */
    private Value items(java.util.function.ObjIntConsumer<Value.Closure> defined) {
        Env env = null;
        Value last = Value.UNIT;
        List<Item> items = checked.program().items();
        for (int idx = 0; idx < items.size(); idx++) {
            switch (items.get(idx)) {
                case Item.PubDecl p -> {
                }
                case Item.FunctionDef f -> {
                    Value.Closure c = new Value.Closure(f.name(), f.params(), f.body(), env, f, false);
                    globals.put(f, c);
                    env = Env.bind(env, f.name(), c);
                    last = Value.UNIT;
                    defined.accept(c, idx);
                }
                case Item.ValueDef d -> {
                    env = bind(d.pattern(), eval(d.value(), env), env);
                    last = Value.UNIT;
                }
                case Item.ExprItem e -> last = eval(e.expr(), env);
            }
        }
        return last;
    }

    private Value inputValue(Type type, java.util.Iterator<String> names, InputInfo info, List<Operand.Var> made) {
        Type t = type.resolve();
        return switch (t) {
            case Type.Unit u -> Value.UNIT;
            case Type.Pair p -> {
                List<Type> spine = new ArrayList<>();
                Type cur = p;
                while (cur.resolve() instanceof Type.Pair q) {
                    spine.add(q.first());
                    cur = q.second();
                }
                spine.add(cur);
                List<Value> parts = new ArrayList<>();
                for (Type s : spine) {
                    parts.add(inputValue(s, names, info, made));
                }
                Value v = parts.get(parts.size() - 1);
                for (int i = parts.size() - 2; i >= 0; i--) {
                    v = new Value.Pair(parts.get(i), v);
                }
                yield v;
            }
            default -> {
                String name = names.next();
                Fp value = inputValues == null ? null : inputValues.get(name);
                Operand.Var var = out.newVar(VarInfo.Kind.INPUT, name,
                        new Origin(info.firstUse(), name, Origin.Kind.CONSTRAINT, null), value);
                inputVarIds.put(name, var.id());
                made.add(var);
                yield new Value.Field(var);
            }
        };
    }

    // ----------------------------------------------------------------------------------------------
    // Expressions.

    Value eval(Expr e, Env env) {
        return switch (e) {
            case Expr.IntLit i -> Value.constant(Fp.of(i.value()));
            case Expr.UnitLit u -> Value.UNIT;
            case Expr.NilLit n -> Value.NIL;
            case Expr.Var v -> variable(v, env);
            case Expr.Binary b -> arith.binary(b.op(), eval(b.left(), env), eval(b.right(), env), b);
            case Expr.Negate n -> arith.negate(eval(n.inner(), env), n);
            case Expr.Equal q -> {
                equate(eval(q.left(), env), eval(q.right(), env), origin(q.span(), Origin.Kind.CONSTRAINT));
                yield Value.UNIT;
            }
            case Expr.Cons c -> new Value.Cons(eval(c.head(), env), eval(c.tail(), env));
            case Expr.Tuple t -> new Value.Pair(eval(t.first(), env), eval(t.second(), env));
            case Expr.Apply a -> application(a, env);
            case Expr.Lambda l -> new Value.Closure("fun", l.params(), l.body(), env, null, false);
            case Expr.Block b -> block(b, env);
        };
    }

    private Value block(Expr.Block b, Env env) {
        Value last = Value.UNIT;
        for (Item item : b.items()) {
            switch (item) {
                case Item.FunctionDef f -> {
                    env = Env.bind(env, f.name(), new Value.Closure(f.name(), f.params(), f.body(), env, null, false));
                    last = Value.UNIT;
                }
                case Item.ValueDef d -> {
                    env = bind(d.pattern(), eval(d.value(), env), env);
                    last = Value.UNIT;
                }
                case Item.ExprItem x -> last = eval(x.expr(), env);
                case Item.PubDecl p -> throw new IllegalStateException("pub in a block");
            }
        }
        return last;
    }

    private Value variable(Expr.Var v, Env env) {
        Ref r = checked.ref(v);
        return switch (r) {
            case Ref.Local l -> {
                Value found = Env.lookup(env, v.name());
                if (found == null) {
                    throw new IllegalStateException("no binding for " + v.name() + " at " + v.span());
                }
                yield found;
            }
            case Ref.Forward f -> {
                Value.Closure c = globals.get(f.def());
                if (c == null) {
                    throw error(v.span(), "'" + v.name() + "' is called before its definition (at "
                            + f.def().span().position() + ") has been evaluated");
                }
                yield new Value.Closure(c.name(), c.params(), c.body(), c.env(), c.def(), true);
            }
            case Ref.Builtin b -> new Value.Builtin(b.name(), List.of(), v.span());
            case Ref.Input i -> inputs.get(i.name());
        };
    }

    private Value application(Expr.Apply a, Env env) {
        List<Expr> args = new ArrayList<>();
        Expr head = a;
        while (head instanceof Expr.Apply ap) {
            args.add(ap.arg());
            head = ap.fn();
        }
        Collections.reverse(args);
        int used = 0;
        Value f;
        Span span = head.span();
        if (head instanceof Expr.Var hv && checked.ref(hv) instanceof Ref.Builtin b && b.name().equals("branch")
                && args.size() >= 3) {
            span = span.to(args.get(2).span());
            f = branch(span, args.get(0), args.get(1), args.get(2), env);
            used = 3;
        } else if (head instanceof Expr.Var hv && checked.ref(hv) instanceof Ref.Builtin b && b.name().equals("fresh")) {
            span = span.to(args.get(0).span());
            freshDepth++;
            Value inner;
            try {
                inner = eval(args.get(0), env);
            } finally {
                freshDepth--;
            }
            f = freshDepth > 0 ? inner : makeFresh(inner, origin(span, Origin.Kind.BUILTIN));
            used = 1;
        } else {
            f = eval(head, env);
        }
        for (int i = used; i < args.size(); i++) {
            Value arg = eval(args.get(i), env);
            span = span.to(args.get(i).span());
            f = apply(f, arg, span);
        }
        return f;
    }

    Value apply(Value f, Value arg, Span span) {
        return switch (f) {
            case Value.Closure c -> applyClosure(c, arg, span);
            case Value.Builtin b -> {
                List<Value> args = new ArrayList<>(b.args());
                args.add(arg);
                if (args.size() < arity(b.name())) {
                    yield new Value.Builtin(b.name(), args, b.site());
                }
                yield builtin(b.name(), args, span);
            }
            default -> throw error(span, "a " + f.describe() + " cannot be applied to an argument");
        };
    }

    private static int arity(String builtin) {
        return switch (builtin) {
            case "fresh" -> 1;
            case "lt" -> 2;
            default -> 3;
        };
    }

    private Value applyClosure(Value.Closure c, Value arg, Span span) {
        boolean boundary = vm != null && c.def() != null && checked.recursive().contains(c.def());
        if (boundary && c.params().size() == 1 && freshDepth == 0) {
            List<Value> args = new ArrayList<>(c.args());
            args.add(arg);
            return vm.call(c, args, span);
        }
        Env env = bind(c.params().get(0), arg, c.env());
        if (c.params().size() > 1) {
            List<Value> args = c.args();
            if (boundary) {
                args = new ArrayList<>(args);
                args.add(arg);
            }
            return new Value.Closure(c.name(), c.params().subList(1, c.params().size()), c.body(), env, c.def(),
                    c.recursiveCall(), args);
        }
        if (c.recursiveCall()) {
            if (speculative > 0) {
                throw new NeedsPin();
            }
            if (options.mode() == Mode.UNROLL && depth >= options.unroll()) {
                throw new BoundHit(span, c.name());
            }
            if (depth >= options.maxDepth()) {
                throw error(span, "recursion deeper than " + options.maxDepth() + " levels at this call of '" + c.name()
                        + "': does it terminate for these inputs?");
            }
        }
        if ((++calls & 0xfff) == 0 && Thread.currentThread().isInterrupted()) {
            // A program can compute for ever without growing the circuit (a doubly recursive function of a constant):
            // whoever waits for the compiler may give up (Compiler.onLargeStack passes the interrupt on).
            throw new CancellationException("compilation interrupted after " + calls + " function applications");
        }
        CallSite saved = site;
        site = new CallSite(c.name(), span, site);
        if (c.recursiveCall()) {
            depth++;
        }
        try {
            return eval(c.body(), env);
        } finally {
            site = saved;
            if (c.recursiveCall()) {
                depth--;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Built-ins.

    private Value builtin(String name, List<Value> args, Span span) {
        return switch (name) {
            case "fresh" -> freshDepth > 0 ? args.get(0) : makeFresh(args.get(0), origin(span, Origin.Kind.BUILTIN));
            case "iter" -> {
                long n = arith.count(args.get(0), "the count of 'iter'", span);
                Value x = args.get(2);
                for (long i = 0; i < n; i++) {
                    x = apply(args.get(1), x, span);
                }
                yield x;
            }
            case "fold" -> {
                List<Value> elems = new ArrayList<>();
                Value l = args.get(0);
                while (l instanceof Value.Cons c) {
                    elems.add(c.head());
                    l = c.tail();
                }
                Value acc = args.get(2);
                for (int i = elems.size() - 1; i >= 0; i--) {
                    acc = apply(apply(args.get(1), elems.get(i), span), acc, span);
                }
                yield acc;
            }
            case "lt" -> arith.lessThan(args.get(0), args.get(1), span);
            case "branch" -> {
                // 'branch' used as a value (not applied directly): its arms are already evaluated.
                Value c = args.get(0);
                if (freshDepth > 0 || c instanceof Value.Hint) {
                    Fp cv = arith.known(c);
                    yield cv == null ? mergeUnknown(args.get(1), args.get(2), span) : cv.isZero() ? args.get(1) : args.get(2);
                }
                Operand ct = ((Value.Field) c).term();
                if (ct instanceof Operand.Const k) {
                    yield constantCondition(k, span, () -> args.get(1), () -> args.get(2));
                }
                arith.booleanCondition(ct, origin(span, Origin.Kind.BOOLEAN));
                yield select(ct, args.get(1), args.get(2), span);
            }
            default -> throw new IllegalStateException(name);
        };
    }

    private Value constantCondition(Operand.Const k, Span span, Supplier<Value> x, Supplier<Value> y) {
        if (k.value().isZero()) {
            return x.get();
        }
        if (k.value().isOne()) {
            return y.get();
        }
        if (guard.isConst()) {
            throw CompileException.at(CompileException.Kind.UNSATISFIED, span, "branch condition is not boolean: it is "
                    + FpFormat.format(k.value()) + ", but must be 0 or 1");
        }
        arith.emit(new Instr.Eq(guard, Operand.ZERO, List.of(origin(span, Origin.Kind.BOOLEAN))));
        return x.get();
    }

    /** {@code branch c x y} applied directly: lazy in its arms. */
    private Value branch(Span span, Expr cond, Expr x, Expr y, Env env) {
        Value c = eval(cond, env);
        if (freshDepth > 0 || c instanceof Value.Hint) {
            Fp cv = arith.known(c);
            if (cv == null) {
                return mergeUnknown(eval(x, env), eval(y, env), span);
            }
            return cv.isZero() ? eval(x, env) : eval(y, env);
        }
        Operand ct = ((Value.Field) c).term();
        if (ct instanceof Operand.Const k) {
            return constantCondition(k, cond.span(), () -> eval(x, env), () -> eval(y, env));
        }
        Operand.Var cv = (Operand.Var) ct;
        arith.booleanCondition(cv, origin(cond.span(), Origin.Kind.BOOLEAN));
        return switch (options.mode()) {
            case TRACE -> traceBranch(span, cv, x, y, env);
            case SHAPE -> {
                FlatBuilder.Checkpoint cp = out.checkpoint();
                try {
                    speculative++;
                    Value vx = inArm(cv, false, span, () -> eval(x, env));
                    Value vy = inArm(cv, true, span, () -> eval(y, env));
                    speculative--;
                    yield select(cv, vx, vy, span);
                } catch (NeedsPin p) {
                    speculative--;
                    rollback(cp);
                    if (speculative > 0) {
                        throw p;
                    }
                    throw CompileException.at(CompileException.Kind.USAGE, cond.span(), "this branch decides whether the"
                            + " recursion goes on, and its condition depends on the inputs: give inputs (--inputs FILE)"
                            + " for a circuit of that run, or --unroll N for a circuit that recurses at most N levels");
                }
            }
            case UNROLL -> unrollBranch(span, cond.span(), cv, x, y, env);
            case VM -> vm.branch(span, cv, x, y, env);
        };
    }

    private Value traceBranch(Span span, Operand.Var c, Expr x, Expr y, Env env) {
        Fp cv = out.value(c);
        boolean takeY = cv != null && cv.isOne();
        Expr taken = takeY ? y : x;
        Expr untaken = takeY ? x : y;
        FlatBuilder.Checkpoint cp = out.checkpoint();
        Value vUntaken;
        try {
            speculative++;
            vUntaken = inArm(c, !takeY, span, () -> eval(untaken, env));
        } catch (NeedsPin | CompileException p) {
            // The arm not taken recurses, or cannot be compiled at all (a list pattern that does not match, say):
            // branch is lazy, so fix it to the arm the run takes and specialise the circuit to this execution path.
            if (p instanceof CompileException ce && ce.kind() != CompileException.Kind.EVALUATION) {
                throw ce;
            }
            rollback(cp);
            speculative--;
            arith.constrainEqual(c, Operand.of(takeY ? Fp.ONE : Fp.ZERO), new Origin(span,
                    span.text(), Origin.Kind.PIN, site));
            return eval(taken, env);
        }
        speculative--;
        Value vTaken = inArm(c, takeY, span, () -> eval(taken, env));
        return takeY ? select(c, vUntaken, vTaken, span) : select(c, vTaken, vUntaken, span);
    }

    private Value unrollBranch(Span span, Span condSpan, Operand.Var c, Expr x, Expr y, Env env) {
        FlatBuilder.Checkpoint cp = out.checkpoint();
        Value vx = null;
        Value vy = null;
        BoundHit hit = null;
        try {
            vx = inArm(c, false, span, () -> eval(x, env));
        } catch (BoundHit b) {
            rollback(cp);
            hit = b;
        }
        FlatBuilder.Checkpoint cp2 = out.checkpoint();
        try {
            vy = inArm(c, true, span, () -> eval(y, env));
        } catch (BoundHit b) {
            rollback(cp2);
            if (hit != null) {
                throw b;
            }
            hit = b;
        }
        if (hit != null) {
            Origin o = new Origin(condSpan, condSpan.text(), Origin.Kind.BOUND, site);
            arith.constrainEqual(c, Operand.of(vx == null ? Fp.ONE : Fp.ZERO), o);
            return vx == null ? vy : vx;
        }
        return select(c, vx, vy, span);
    }

    private void rollback(FlatBuilder.Checkpoint cp) {
        out.rollback(cp);
        arith.forgetAfter(cp.vars());
    }

    /** Evaluates an arm under the guard {@code guard·c} (arm y) or {@code guard·(1 − c)} (arm x). */
    private Value inArm(Operand.Var c, boolean yArm, Span branch, Supplier<Value> arm) {
        Operand saved = guard;
        Origin go = origin(branch, Origin.Kind.OPERATION);
        Operand armCond = yArm ? c : arith.sub(Operand.ONE, c, go);
        guard = arith.mul(saved, armCond, go);
        try {
            return arm.get();
        } finally {
            guard = saved;
        }
    }

    /** {@code x + c·(y − x)}, component by component. */
    Value select(Operand c, Value x, Value y, Span span) {
        if (x == y) {
            return x;
        }
        Origin o = origin(span, Origin.Kind.OPERATION);
        return switch (x) {
            case Value.Field fx when y instanceof Value.Field fy -> {
                if (fx.term().equals(fy.term())) {
                    yield fx;
                }
                Operand d = arith.sub(fy.term(), fx.term(), o);
                yield new Value.Field(arith.add(fx.term(), arith.mul(c, d, o), o));
            }
            case Value.Unit u -> x;
            case Value.Pair px when y instanceof Value.Pair py ->
                new Value.Pair(select(c, px.first(), py.first(), span), select(c, px.second(), py.second(), span));
            case Value.Nil n when y instanceof Value.Nil -> x;
            case Value.Cons cx when y instanceof Value.Cons cy ->
                new Value.Cons(select(c, cx.head(), cy.head(), span), select(c, cx.tail(), cy.tail(), span));
            case Value.Nil n -> throw error(span, "the arms of this branch are lists of different lengths: static mode"
                    + " compiles both arms and can only choose between lists of one length");
            case Value.Cons n -> throw error(span, "the arms of this branch are lists of different lengths: static mode"
                    + " compiles both arms and can only choose between lists of one length");
            default -> throw error(span, "the arms of this branch are functions, and its condition is not known at"
                    + " compile time: static mode can only choose between field elements, tuples and lists");
        };
    }

    /** Inside {@code fresh} without a witness: both arms were evaluated; fields become unknown. */
    private Value mergeUnknown(Value x, Value y, Span span) {
        return switch (x) {
            case Value.Field f -> new Value.Hint(null);
            case Value.Hint h -> new Value.Hint(null);
            case Value.Pair px when y instanceof Value.Pair py ->
                new Value.Pair(mergeUnknown(px.first(), py.first(), span), mergeUnknown(px.second(), py.second(), span));
            case Value.Cons cx when y instanceof Value.Cons cy ->
                new Value.Cons(mergeUnknown(cx.head(), cy.head(), span), mergeUnknown(cx.tail(), cy.tail(), span));
            default -> x;
        };
    }

    /** Leaves {@code fresh}: every field component becomes a new witness variable with the computed value. */
    private Value makeFresh(Value v, Origin origin) {
        return switch (v) {
            case Value.Field f -> new Value.Field(out.newVar(VarInfo.Kind.FRESH, null, origin, out.value(f.term())));
            case Value.Hint h -> new Value.Field(out.newVar(VarInfo.Kind.FRESH, null, origin, h.value()));
            case Value.Unit u -> v;
            case Value.Nil n -> v;
            case Value.Pair p -> new Value.Pair(makeFresh(p.first(), origin), makeFresh(p.second(), origin));
            case Value.Cons c -> new Value.Cons(makeFresh(c.head(), origin), makeFresh(c.tail(), origin));
            default -> throw error(origin.span(), "'fresh' makes witnesses of field elements, tuples and lists,"
                    + " not of functions");
        };
    }

    // ----------------------------------------------------------------------------------------------
    // Patterns and equality.

    private Env bind(Pattern p, Value v, Env env) {
        return switch (p) {
            case Pattern.PVar x -> Env.bind(env, x.name(), v);
            case Pattern.PAs a -> Env.bind(bind(a.inner(), v, env), a.name(), v);
            case Pattern.PUnit u -> env;
            case Pattern.PConst c -> {
                if (v instanceof Value.Field f) {
                    arith.constrainEqual(f.term(), Operand.of(Fp.of(c.value())), origin(c.span(), Origin.Kind.PATTERN));
                }
                yield env;
            }
            case Pattern.PNil n -> {
                if (!(v instanceof Value.Nil)) {
                    throw error(n.span(), "pattern [] does not match: the list is not empty");
                }
                yield env;
            }
            case Pattern.PTuple t -> {
                Value.Pair pair = (Value.Pair) v;
                yield bind(t.second(), pair.second(), bind(t.first(), pair.first(), env));
            }
            case Pattern.PCons c -> {
                if (!(v instanceof Value.Cons cons)) {
                    throw error(c.span(), "pattern `" + c.span().text() + "` does not match: the list is empty");
                }
                yield bind(c.tail(), cons.tail(), bind(c.head(), cons.head(), env));
            }
        };
    }

    private void equate(Value l, Value r, Origin o) {
        if (freshDepth > 0) {
            throw error(o.span(), "a constraint cannot appear inside 'fresh': fresh only computes a witness");
        }
        switch (l) {
            case Value.Field a when r instanceof Value.Field b -> arith.constrainEqual(a.term(), b.term(), o);
            case Value.Unit u -> {
            }
            case Value.Pair a when r instanceof Value.Pair b -> {
                equate(a.first(), b.first(), o);
                equate(a.second(), b.second(), o);
            }
            case Value.Nil a when r instanceof Value.Nil -> {
            }
            case Value.Cons a when r instanceof Value.Cons b -> {
                equate(a.head(), b.head(), o);
                equate(a.tail(), b.tail(), o);
            }
            case Value.Nil a -> differentLengths(o);
            case Value.Cons a -> differentLengths(o);
            default -> throw error(o.span(), "functions cannot be compared with '='");
        }
    }

    private void differentLengths(Origin o) {
        if (guard.isConst()) {
            throw CompileException.at(CompileException.Kind.UNSATISFIED, o.span(), "constraint `" + o.text()
                    + "` can never hold: the two lists have different lengths");
        }
        arith.emit(new Instr.Eq(guard, Operand.ZERO, List.of(o)));
    }

    // ----------------------------------------------------------------------------------------------

    Origin origin(Span span, Origin.Kind kind) {
        return new Origin(span, span.text(), kind, site);
    }

    CompileException error(Span span, String message) {
        return CompileException.at(CompileException.Kind.EVALUATION, span, message);
    }

    private String render(Value v) {
        return switch (v) {
            case Value.Field f -> {
                Fp x = out.value(f.term());
                yield x != null ? FpFormat.format(x) : f.term() instanceof Operand.Var var ? "v" + var.id() : "?";
            }
            case Value.Hint h -> h.value() == null ? "?" : FpFormat.format(h.value());
            case Value.Unit u -> "()";
            case Value.Pair p -> {
                StringBuilder sb = new StringBuilder("(").append(render(p.first()));
                Value rest = p.second();
                while (rest instanceof Value.Pair q) {
                    sb.append(", ").append(render(q.first()));
                    rest = q.second();
                }
                yield sb.append(", ").append(render(rest)).append(')').toString();
            }
            case Value.Nil n -> "[]";
            case Value.Cons c -> {
                StringBuilder sb = new StringBuilder();
                Value l = c;
                while (l instanceof Value.Cons k) {
                    sb.append(render(k.head())).append(':');
                    l = k.tail();
                }
                yield sb.append("[]").toString();
            }
            case Value.Closure c -> "<function " + c.name() + ">";
            case Value.Builtin b -> "<built-in " + b.name() + ">";
        };
    }
}
