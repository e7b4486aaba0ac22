package dev.vampvm.ir.flatten;

import dev.vampvm.field.Fp;
import java.util.List;

/**
 * A three-address constraint: {@code out = a + b}, {@code out = a - b}, {@code out = a · b}, {@code out = -a} or
 * {@code a = b}, with constants allowed as operands (also as {@code out}). An instruction that {@code defines} its
 * output introduced that variable: the constraint then only names a value (dead-code removal may drop it when nothing
 * uses the variable); otherwise it is a genuine check. Each keeps the origins it was built from, the most telling
 * first (copy propagation prepends the equality it removed).
 */
public sealed interface Instr {

    List<Origin> origins();

    default Origin origin() {
        return origins().get(0);
    }

    record Add(Operand out, Operand a, Operand b, boolean defines, List<Origin> origins) implements Instr {
    }

    record Sub(Operand out, Operand a, Operand b, boolean defines, List<Origin> origins) implements Instr {
    }

    record Mul(Operand out, Operand a, Operand b, boolean defines, List<Origin> origins) implements Instr {
    }

    record Neg(Operand out, Operand a, boolean defines, List<Origin> origins) implements Instr {
    }

    record Eq(Operand a, Operand b, List<Origin> origins) implements Instr {
    }

    /** The variable this instruction defines, or -1. */
    default int defined() {
        return switch (this) {
            case Add x -> x.defines() && x.out() instanceof Operand.Var v ? v.id() : -1;
            case Sub x -> x.defines() && x.out() instanceof Operand.Var v ? v.id() : -1;
            case Mul x -> x.defines() && x.out() instanceof Operand.Var v ? v.id() : -1;
            case Neg x -> x.defines() && x.out() instanceof Operand.Var v ? v.id() : -1;
            case Eq x -> -1;
        };
    }

    /** Every operand, output first. */
    default List<Operand> operands() {
        return switch (this) {
            case Add x -> List.of(x.out(), x.a(), x.b());
            case Sub x -> List.of(x.out(), x.a(), x.b());
            case Mul x -> List.of(x.out(), x.a(), x.b());
            case Neg x -> List.of(x.out(), x.a());
            case Eq x -> List.of(x.a(), x.b());
        };
    }

    /** The same constraint with every operand mapped. */
    default Instr map(java.util.function.UnaryOperator<Operand> f) {
        return switch (this) {
            case Add x -> new Add(f.apply(x.out()), f.apply(x.a()), f.apply(x.b()), x.defines(), x.origins());
            case Sub x -> new Sub(f.apply(x.out()), f.apply(x.a()), f.apply(x.b()), x.defines(), x.origins());
            case Mul x -> new Mul(f.apply(x.out()), f.apply(x.a()), f.apply(x.b()), x.defines(), x.origins());
            case Neg x -> new Neg(f.apply(x.out()), f.apply(x.a()), x.defines(), x.origins());
            case Eq x -> new Eq(f.apply(x.a()), f.apply(x.b()), x.origins());
        };
    }

    /** The same constraint as a check (no longer defining its output), with an origin put first. */
    default Instr asCheck(Origin first) {
        List<Origin> o = new java.util.ArrayList<>();
        o.add(first);
        o.addAll(origins());
        return switch (this) {
            case Add x -> new Add(x.out(), x.a(), x.b(), false, o);
            case Sub x -> new Sub(x.out(), x.a(), x.b(), false, o);
            case Mul x -> new Mul(x.out(), x.a(), x.b(), false, o);
            case Neg x -> new Neg(x.out(), x.a(), false, o);
            case Eq x -> new Eq(x.a(), x.b(), o);
        };
    }

    /**
     * The two sides' values under a witness ({@code values[id]}), or null when a value is missing: for
     * {@code out = a op b} the left is out and the right is {@code a op b}.
     */
    default Fp[] sides(Fp[] values) {
        return switch (this) {
            case Add x -> pair(val(x.out(), values), bin(val(x.a(), values), val(x.b(), values), 0));
            case Sub x -> pair(val(x.out(), values), bin(val(x.a(), values), val(x.b(), values), 1));
            case Mul x -> pair(val(x.out(), values), bin(val(x.a(), values), val(x.b(), values), 2));
            case Neg x -> {
                Fp a = val(x.a(), values);
                yield pair(val(x.out(), values), a == null ? null : a.neg());
            }
            case Eq x -> pair(val(x.a(), values), val(x.b(), values));
        };
    }

    private static Fp[] pair(Fp l, Fp r) {
        return l == null || r == null ? null : new Fp[] {l, r};
    }

    private static Fp bin(Fp a, Fp b, int op) {
        if (a == null || b == null) {
            return null;
        }
        return switch (op) {
            case 0 -> a.add(b);
            case 1 -> a.sub(b);
            default -> a.mul(b);
        };
    }

    static Fp val(Operand o, Fp[] values) {
        return switch (o) {
            case Operand.Const c -> c.value();
            case Operand.Var v -> v.id() < values.length ? values[v.id()] : null;
        };
    }

    /** {@code v3 = v1 + 5} and so on, for listings. */
    default String render() {
        return switch (this) {
            case Add x -> x.out() + " = " + x.a() + " + " + x.b();
            case Sub x -> x.out() + " = " + x.a() + " - " + x.b();
            case Mul x -> x.out() + " = " + x.a() + " * " + x.b();
            case Neg x -> x.out() + " = -" + x.a();
            case Eq x -> x.a() + " = " + x.b();
        };
    }
}
