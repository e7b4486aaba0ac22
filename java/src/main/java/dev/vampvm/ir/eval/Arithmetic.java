package dev.vampvm.ir.eval;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.FlatBuilder;
import dev.vampvm.ir.flatten.Instr;
import dev.vampvm.ir.flatten.Operand;
import dev.vampvm.ir.flatten.Origin;
import dev.vampvm.ir.flatten.VarInfo;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Expr;
import dev.vampvm.ir.syntax.Expr.BinOp;
import dev.vampvm.ir.syntax.Span;
import dev.vampvm.plonk.FpFormat;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Field arithmetic for the evaluator: constant folding, one three-address constraint per operation on variables
 * (with its witness value when there is one), prover-side arithmetic inside {@code fresh}, guarded constraints, and
 * the constrained built-ins ({@code lt}, zero tests, bit decompositions).
 *
 * <p>{@code lt a b} is built from bit decompositions, not lookups, so that it is plain three-address constraints
 * that any layout (and the VM's blocks) can use: each operand is decomposed into 255 bits with a canonicity check
 * (the bits must spell a value below p: when bit 254 is set, bits 128–253 must be zero and the low half must be
 * below p − 2^254, tested with a 129-bit decomposition), the high halves (127 bits) and low halves (128 bits) are
 * compared by decomposing {@code b − a − 1 + 2^k} (no wrap-around at these sizes), and
 * {@code lt = [a_hi < b_hi] + [a_hi = b_hi]·[a_lo < b_lo]}. Comparisons with a small constant (below 16) use zero
 * tests instead: {@code [a < c] = Σ_{i<c} [a = i]}. Decompositions are shared between uses of one variable.
 */
final class Arithmetic {
    private static final BigInteger P = Fp.FIELD.modulus();
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    /** p − 2^254: the low 128 bits of p, as the canonicity check needs them. */
    private static final BigInteger DELTA = P.subtract(BigInteger.ONE.shiftLeft(254));
    private static final int SMALL_CONSTANT = 16;
    private static final long MAX_COUNT = 1L << 24;

    private final Evaluator ev;
    private final FlatBuilder out;
    /** Canonical decompositions by variable id, with the variable count when made (for rollback). */
    private final Map<Integer, Canonical> canonical = new HashMap<>();
    /** Variables that their own constraints force to be 0 or 1 (zero tests, bits, lt results). */
    private final java.util.Set<Integer> booleans = new java.util.HashSet<>();

    /** The halves of a canonically decomposed value: hi = bits 128..254, lo = bits 0..127. */
    private record Canonical(Operand hi, Operand lo, int madeAt) {
    }

    Arithmetic(Evaluator ev) {
        this.ev = ev;
        this.out = ev.out;
    }

    // ----------------------------------------------------------------------------------------------
    // Operators on values.

    Value binary(BinOp op, Value l, Value r, Expr.Binary node) {
        if (ev.freshDepth > 0 || l instanceof Value.Hint || r instanceof Value.Hint) {
            return hintBinary(op, l, r, node);
        }
        Operand a = ((Value.Field) l).term();
        Operand b = ((Value.Field) r).term();
        Origin o = ev.origin(node.span(), Origin.Kind.OPERATION);
        return new Value.Field(switch (op) {
            case ADD -> add(a, b, o);
            case SUB -> sub(a, b, o);
            case MUL -> mul(a, b, o);
            case DIV -> divide(a, b, node);
            case DIV_OR_ZERO -> divideOrZero(a, b, node);
            case INT_DIV, MOD -> {
                if (a instanceof Operand.Const x && b instanceof Operand.Const y) {
                    if (y.value().isZero()) {
                        throw ev.error(node.right().span(), "integer division by zero in `" + node.span().text() + "`");
                    }
                    yield Operand.of(Fp.of(intOp(op, x.value(), y.value())));
                }
                throw ev.error(node.span(), "'" + op.symbol() + "' works on integers known at compile time, but `"
                        + node.span().text() + "` depends on inputs: compute it inside 'fresh' and constrain the result");
            }
            case POW -> power(a, b, node, o);
        });
    }

    Value negate(Value v, Expr.Negate node) {
        if (ev.freshDepth > 0 || v instanceof Value.Hint) {
            Fp x = known(v);
            return isConstant(v) ? Value.constant(x.neg()) : new Value.Hint(x == null ? null : x.neg());
        }
        return new Value.Field(neg(((Value.Field) v).term(), ev.origin(node.span(), Origin.Kind.OPERATION)));
    }

    private static BigInteger intOp(BinOp op, Fp a, Fp b) {
        BigInteger x = a.toBigInteger();
        BigInteger y = b.toBigInteger();
        if (y.signum() == 0) {
            return BigInteger.ZERO;
        }
        return op == BinOp.INT_DIV ? x.divide(y) : x.mod(y);
    }

    /** Inside {@code fresh}: prover-side arithmetic on values; no constraints. Division by zero gives 0. */
    private Value hintBinary(BinOp op, Value l, Value r, Expr.Binary node) {
        Fp a = known(l);
        Fp b = known(r);
        Fp result = null;
        if (a != null && b != null) {
            result = switch (op) {
                case ADD -> a.add(b);
                case SUB -> a.sub(b);
                case MUL -> a.mul(b);
                case DIV, DIV_OR_ZERO -> b.isZero() ? Fp.ZERO : a.div(b);
                case INT_DIV, MOD -> Fp.of(intOp(op, a, b));
                case POW -> a.pow(b.toBigInteger());
            };
        }
        if (isConstant(l) && isConstant(r)) {
            if ((op == BinOp.DIV || op == BinOp.INT_DIV || op == BinOp.MOD) && b.isZero()) {
                throw ev.error(node.right().span(), "division by zero in `" + node.span().text() + "`");
            }
            return Value.constant(result);
        }
        return new Value.Hint(result);
    }

    private static boolean isConstant(Value v) {
        return v instanceof Value.Field f && f.term() instanceof Operand.Const;
    }

    /** The value of a field value if known: a constant, a variable's witness value, or a prover-side value. */
    Fp known(Value v) {
        return switch (v) {
            case Value.Field f -> out.value(f.term());
            case Value.Hint h -> h.value();
            default -> null;
        };
    }

    /** A count known at compile time (for {@code iter}); inside {@code fresh} a witness value will do. */
    long count(Value v, String what, Span span) {
        Fp x = ev.freshDepth > 0 || v instanceof Value.Hint ? known(v)
                : ((Value.Field) v).term() instanceof Operand.Const c ? c.value() : null;
        if (x == null) {
            throw ev.error(span, what + " must be known at compile time, but it depends on inputs");
        }
        BigInteger n = x.toBigInteger();
        if (n.compareTo(BigInteger.valueOf(MAX_COUNT)) > 0) {
            throw ev.error(span, what + " is " + FpFormat.format(x) + ", more than the " + MAX_COUNT + " allowed");
        }
        return n.longValue();
    }

    // ----------------------------------------------------------------------------------------------
    // Three-address operations with constant folding.

    Operand add(Operand a, Operand b, Origin o) {
        if (a instanceof Operand.Const x && b instanceof Operand.Const y) {
            return Operand.of(x.value().add(y.value()));
        }
        if (isZero(a)) {
            return b;
        }
        if (isZero(b)) {
            return a;
        }
        Operand.Var t = temp(o, sum(a, b, 0));
        emit(new Instr.Add(t, a, b, true, List.of(o)));
        return t;
    }

    Operand sub(Operand a, Operand b, Origin o) {
        if (a instanceof Operand.Const x && b instanceof Operand.Const y) {
            return Operand.of(x.value().sub(y.value()));
        }
        if (isZero(b)) {
            return a;
        }
        if (a.equals(b)) {
            return Operand.ZERO;
        }
        Operand.Var t = temp(o, sum(a, b, 1));
        emit(new Instr.Sub(t, a, b, true, List.of(o)));
        return t;
    }

    Operand mul(Operand a, Operand b, Origin o) {
        if (a instanceof Operand.Const x && b instanceof Operand.Const y) {
            return Operand.of(x.value().mul(y.value()));
        }
        if (isZero(a) || isZero(b)) {
            return Operand.ZERO;
        }
        if (isOne(a)) {
            return b;
        }
        if (isOne(b)) {
            return a;
        }
        Operand.Var t = temp(o, sum(a, b, 2));
        emit(new Instr.Mul(t, a, b, true, List.of(o)));
        return t;
    }

    Operand neg(Operand a, Origin o) {
        if (a instanceof Operand.Const x) {
            return Operand.of(x.value().neg());
        }
        Fp v = out.value(a);
        Operand.Var t = temp(o, v == null ? null : v.neg());
        emit(new Instr.Neg(t, a, true, List.of(o)));
        return t;
    }

    private Fp sum(Operand a, Operand b, int op) {
        Fp x = out.value(a);
        Fp y = out.value(b);
        if (x == null || y == null) {
            return null;
        }
        return switch (op) {
            case 0 -> x.add(y);
            case 1 -> x.sub(y);
            default -> x.mul(y);
        };
    }

    private Operand.Var temp(Origin o, Fp value) {
        return out.newVar(VarInfo.Kind.TEMP, null, o, value);
    }

    private Operand.Var witness(Origin o, Fp value) {
        return out.newVar(VarInfo.Kind.FRESH, null, o, value);
    }

    void emit(Instr i) {
        out.add(i);
    }

    private static boolean isZero(Operand o) {
        return o instanceof Operand.Const c && c.value().isZero();
    }

    private static boolean isOne(Operand o) {
        return o instanceof Operand.Const c && c.value().isOne();
    }

    /** {@code a / b}: a witness t with {@code t·b = a} (guarded: a division in an arm not taken cannot fail). */
    private Operand divide(Operand a, Operand b, Expr.Binary node) {
        if (b instanceof Operand.Const y) {
            if (y.value().isZero()) {
                throw ev.error(node.right().span(), "division by zero in `" + node.span().text() + "`");
            }
            return mul(a, Operand.of(y.value().inverse()), ev.origin(node.span(), Origin.Kind.OPERATION));
        }
        Origin o = ev.origin(node.span(), Origin.Kind.DIVISION);
        Fp x = out.value(a);
        Fp y = out.value(b);
        Operand.Var t = witness(o, x == null || y == null ? null : y.isZero() ? Fp.ZERO : x.div(y));
        if (ev.guard.isConst()) {
            emit(new Instr.Mul(a, t, b, false, List.of(o)));
        } else {
            Operand m = mul(t, b, o);
            constrainEqual(m, a, o);
        }
        return t;
    }

    /**
     * {@code a | b}: {@code a / b}, or 0 when {@code b = 0}. With z = [b = 0]: {@code t·b = a − a·z} and
     * {@code t·z = 0}; both hold for every input, so they are not guarded.
     */
    private Operand divideOrZero(Operand a, Operand b, Expr.Binary node) {
        Origin o = ev.origin(node.span(), Origin.Kind.OPERATION);
        if (b instanceof Operand.Const y) {
            return y.value().isZero() ? Operand.ZERO : mul(a, Operand.of(y.value().inverse()), o);
        }
        Origin bo = ev.origin(node.span(), Origin.Kind.BUILTIN);
        Operand z = isZero(b, bo);
        Fp x = out.value(a);
        Fp y = out.value(b);
        Operand.Var t = witness(bo, x == null || y == null ? null : y.isZero() ? Fp.ZERO : x.div(y));
        Operand tb = mul(t, b, bo);
        Operand az = mul(a, z, bo);
        emit(new Instr.Sub(tb, a, az, false, List.of(bo)));
        emit(new Instr.Mul(Operand.ZERO, t, z, false, List.of(bo)));
        return t;
    }

    private Operand power(Operand a, Operand b, Expr.Binary node, Origin o) {
        if (!(b instanceof Operand.Const e)) {
            throw ev.error(node.right().span(), "the exponent of '^' must be known at compile time, but `"
                    + node.right().span().text() + "` depends on inputs");
        }
        BigInteger n = e.value().toBigInteger();
        if (a instanceof Operand.Const x) {
            return Operand.of(x.value().pow(n));
        }
        if (n.signum() == 0) {
            return Operand.ONE;
        }
        Operand result = null;
        Operand base = a;
        for (int i = 0; i < n.bitLength(); i++) {
            if (n.testBit(i)) {
                result = result == null ? base : mul(result, base, o);
            }
            if (i + 1 < n.bitLength()) {
                base = mul(base, base, o);
            }
        }
        return result;
    }

    // ----------------------------------------------------------------------------------------------
    // Constraints.

    /** {@code a = b}, multiplied by the current guard. Constants that differ fail at compile time. */
    void constrainEqual(Operand a, Operand b, Origin o) {
        if (a instanceof Operand.Const x && b instanceof Operand.Const y) {
            if (x.value().equals(y.value())) {
                return;
            }
            if (ev.guard.isConst()) {
                throw CompileException.at(CompileException.Kind.UNSATISFIED, o.span(), switch (o.kind()) {
                    case PATTERN -> "pattern `" + o.text() + "` can never match: the value is " + FpFormat.format(x.value());
                    default -> "constraint `" + o.text() + "` can never hold: " + FpFormat.format(x.value()) + " ≠ "
                            + FpFormat.format(y.value());
                });
            }
            emit(new Instr.Eq(ev.guard, Operand.ZERO, List.of(o)));
            return;
        }
        if (a.equals(b)) {
            return;
        }
        if (ev.guard.isConst()) {
            emit(new Instr.Eq(a, b, List.of(o)));
        } else {
            Operand d = sub(a, b, o);
            emit(new Instr.Mul(Operand.ZERO, ev.guard, d, false, List.of(o)));
        }
    }

    /** {@code c·(c − 1) = 0}, guarded; nothing when c's own constraints already make it a bit. */
    void booleanCondition(Operand c, Origin o) {
        if (c instanceof Operand.Var v && booleans.contains(v.id())) {
            return;
        }
        Operand d = sub(c, Operand.ONE, o);
        if (ev.guard.isConst()) {
            emit(new Instr.Mul(Operand.ZERO, c, d, false, List.of(o)));
        } else {
            Operand m = mul(c, d, o);
            emit(new Instr.Mul(Operand.ZERO, ev.guard, m, false, List.of(o)));
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Built-ins: lt, zero tests, bit decompositions (unguarded: they hold for every input).

    /** {@code [x = 0]}: with a witness inverse w, z = 1 − x·w and x·z = 0. */
    Operand isZero(Operand x, Origin o) {
        if (x instanceof Operand.Const c) {
            return c.value().isZero() ? Operand.ONE : Operand.ZERO;
        }
        Fp v = out.value(x);
        Operand.Var w = witness(o, v == null ? null : v.isZero() ? Fp.ZERO : v.inverse());
        Operand m = mul(x, w, o);
        Operand z = sub(Operand.ONE, m, o);
        emit(new Instr.Mul(Operand.ZERO, x, z, false, List.of(o)));
        return markBoolean(z);
    }

    Value lessThan(Value l, Value r, Span span) {
        if (ev.freshDepth > 0 || l instanceof Value.Hint || r instanceof Value.Hint) {
            Fp a = known(l);
            Fp b = known(r);
            Fp v = a == null || b == null ? null : a.toBigInteger().compareTo(b.toBigInteger()) < 0 ? Fp.ONE : Fp.ZERO;
            return isConstant(l) && isConstant(r) ? Value.constant(v) : new Value.Hint(v);
        }
        Operand a = ((Value.Field) l).term();
        Operand b = ((Value.Field) r).term();
        Origin o = ev.origin(span, Origin.Kind.BUILTIN);
        if (a instanceof Operand.Const x && b instanceof Operand.Const y) {
            return Value.constant(x.value().toBigInteger().compareTo(y.value().toBigInteger()) < 0 ? Fp.ONE : Fp.ZERO);
        }
        if (b instanceof Operand.Const y && y.value().toBigInteger().compareTo(BigInteger.valueOf(SMALL_CONSTANT)) <= 0) {
            // a < c  <=>  a is one of 0 .. c−1
            return new Value.Field(markBoolean(oneOf(a, y.value().toBigInteger().intValue(), o)));
        }
        if (a instanceof Operand.Const x && x.value().toBigInteger().compareTo(BigInteger.valueOf(SMALL_CONSTANT)) < 0) {
            // c < b  <=>  b is not one of 0 .. c
            Operand le = oneOf(b, x.value().toBigInteger().intValue() + 1, o);
            return new Value.Field(markBoolean(sub(Operand.ONE, le, o)));
        }
        if (a instanceof Operand.Const x && x.value().toBigInteger().equals(P.subtract(BigInteger.ONE))) {
            return Value.constant(Fp.ZERO);
        }
        Canonical ca = canonical(a, o);
        Canonical cb = canonical(b, o);
        // [a_hi < b_hi] is bit 127 of b_hi − a_hi − 1 + 2^127, which lies in [0, 2^128).
        Operand dh = sub(cb.hi(), ca.hi(), o);
        Operand th = add(dh, Operand.of(Fp.of(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE))), o);
        Operand hiLt = bits(th, 128, o)[127];
        Operand hiEq = isZero(dh, o);
        // [a_lo < b_lo] is bit 128 of b_lo − a_lo − 1 + 2^128, which lies in [0, 2^129).
        Operand dl = sub(cb.lo(), ca.lo(), o);
        Operand tl = add(dl, Operand.of(Fp.of(TWO_128.subtract(BigInteger.ONE))), o);
        Operand loLt = bits(tl, 129, o)[128];
        // hiLt and hiEq are never both 1, so the sum is a bit.
        return new Value.Field(markBoolean(add(hiLt, mul(hiEq, loLt, o), o)));
    }

    /** {@code Σ_{i<n} [x = i]}. */
    private Operand oneOf(Operand x, int n, Origin o) {
        Operand acc = Operand.ZERO;
        for (int i = 0; i < n; i++) {
            acc = add(acc, isZero(sub(x, Operand.of(Fp.of(i)), o), o), o);
        }
        return acc;
    }

    /**
     * The n bits of x, least significant first, constrained boolean and to recompose x; x must be below 2^n for a
     * witness to exist (n ≤ 253 makes the decomposition unique).
     */
    Operand[] bits(Operand x, int n, Origin o) {
        Operand[] bits = new Operand[n];
        Fp v = out.value(x);
        BigInteger xv = v == null ? null : v.toBigInteger();
        if (x instanceof Operand.Const c) {
            for (int i = 0; i < n; i++) {
                bits[i] = c.value().toBigInteger().testBit(i) ? Operand.ONE : Operand.ZERO;
            }
            return bits;
        }
        for (int i = 0; i < n; i++) {
            Operand.Var b = witness(o, xv == null ? null : xv.testBit(i) ? Fp.ONE : Fp.ZERO);
            emit(new Instr.Mul(b, b, b, false, List.of(o)));
            bits[i] = markBoolean(b);
        }
        emit(new Instr.Eq(weighted(bits, 0, n, o), x, List.of(o)));
        return bits;
    }

    /** {@code Σ_{from ≤ i < to} 2^(i−from)·bits[i]}. */
    private Operand weighted(Operand[] bits, int from, int to, Origin o) {
        Operand acc = Operand.ZERO;
        for (int i = from; i < to; i++) {
            acc = add(acc, mul(bits[i], Operand.of(Fp.of(BigInteger.ONE.shiftLeft(i - from))), o), o);
        }
        return acc;
    }

    /** x as hi·2^128 + lo with the 255 bits proven to spell a value below p (see the class comment). */
    private Canonical canonical(Operand x, Origin o) {
        if (x instanceof Operand.Const c) {
            BigInteger v = c.value().toBigInteger();
            return new Canonical(Operand.of(Fp.of(v.shiftRight(128))), Operand.of(Fp.of(v.mod(TWO_128))), 0);
        }
        int id = ((Operand.Var) x).id();
        Canonical cached = canonical.get(id);
        if (cached != null && cached.madeAt() <= out.varCount()) {
            return cached;
        }
        int madeAt = out.varCount();
        Fp v = out.value(x);
        BigInteger xv = v == null ? null : v.toBigInteger();
        Operand[] bits = new Operand[255];
        for (int i = 0; i < 255; i++) {
            Operand.Var b = witness(o, xv == null ? null : xv.testBit(i) ? Fp.ONE : Fp.ZERO);
            emit(new Instr.Mul(b, b, b, false, List.of(o)));
            bits[i] = b;
        }
        Operand lo = weighted(bits, 0, 128, o);
        Operand hi = weighted(bits, 128, 255, o);
        emit(new Instr.Eq(add(lo, mul(hi, Operand.of(Fp.of(TWO_128)), o), o), x, List.of(o)));
        // Canonicity: if bit 254 is set, bits 128..253 are zero and lo < p − 2^254.
        Operand middle = Operand.ZERO;
        for (int i = 128; i < 254; i++) {
            middle = add(middle, bits[i], o);
        }
        emit(new Instr.Mul(Operand.ZERO, bits[254], middle, false, List.of(o)));
        Operand s = add(lo, Operand.of(Fp.of(TWO_128.subtract(DELTA))), o);
        Operand loAtLeastDelta = bits(s, 129, o)[128];
        emit(new Instr.Mul(Operand.ZERO, bits[254], loAtLeastDelta, false, List.of(o)));
        Canonical made = new Canonical(hi, lo, madeAt);
        canonical.put(id, made);
        return made;
    }

    private Operand markBoolean(Operand o) {
        if (o instanceof Operand.Var v) {
            booleans.add(v.id());
        }
        return o;
    }

    /** Forgets decompositions and facts about variables made after a rollback point (their ids will be reused). */
    void forgetAfter(int varCount) {
        canonical.values().removeIf(c -> c.madeAt() >= varCount);
        booleans.removeIf(id -> id >= varCount);
    }
}
