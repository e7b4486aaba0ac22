package dev.vampvm.ir.flatten;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.plonk.FpFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the three-address constraints on the witness directly, before any circuit is built, and words each
 * failure in terms of the source: {@code constraint at file.pir:12:5 `a^2 + b^2 = c^2` does not hold (left side 841,
 * right side 625)}.
 */
public final class WitnessCheck {
    /** How many distinct failing source constraints are listed. */
    public static final int LIMIT = 20;

    private WitnessCheck() {
    }

    /** The failures, one diagnostic per failing source constraint (repeats through other calls are counted). */
    public static List<Diagnostic> check(FlatProgram p) {
        if (!p.hasWitness()) {
            throw new IllegalArgumentException("no witness to check");
        }
        Map<String, Integer> repeats = new LinkedHashMap<>();
        Map<String, Diagnostic> first = new LinkedHashMap<>();
        for (Instr i : p.instrs()) {
            Fp[] sides = i.sides(p.values());
            if (sides == null || sides[0].equals(sides[1])) {
                continue;
            }
            Origin o = i.origin();
            String key = o.position() + "|" + o.kind();
            repeats.merge(key, 1, Integer::sum);
            first.computeIfAbsent(key, k -> describe(i, o, sides, p.values()));
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Map.Entry<String, Diagnostic> e : first.entrySet()) {
            if (out.size() == LIMIT) {
                out.add(Diagnostic.of("... and " + (first.size() - LIMIT) + " more failing constraints"));
                break;
            }
            Diagnostic d = e.getValue();
            int n = repeats.get(e.getKey());
            if (n > 1) {
                d = d.withNote("it fails " + n + " times (in several components or calls)");
            }
            out.add(d);
        }
        return out;
    }

    /** The message for one failing constraint. */
    public static Diagnostic describe(Instr i, Origin o, Fp[] sides, Fp[] values) {
        String detail = switch (o.kind()) {
            case CONSTRAINT -> detail(i, sides);
            case PATTERN -> patternValue(i, values);
            default -> "";
        };
        return describe(o, detail, i.render());
    }

    /** The message for a failure traced back to an origin, with an optional detail such as the two sides' values. */
    public static Diagnostic describe(Origin o, String detail, String internal) {
        String at = o.label();
        String message = switch (o.kind()) {
            case CONSTRAINT -> "constraint at " + at + " does not hold" + detail;
            case PATTERN -> "pattern at " + at + " does not match" + detail;
            case DIVISION -> "division at " + at + " has no solution: the divisor is 0 and the dividend is not";
            case BOOLEAN -> "branch condition at " + at + " is not boolean: it must be 0 or 1";
            case PIN -> "branch at " + at + " takes the other arm than in the run this circuit was compiled for";
            case BOUND -> "recursion goes deeper than the --unroll bound at " + at + ": the circuit stops here";
            case OPERATION, BUILTIN -> "internal constraint from " + at + " does not hold (" + internal
                    + "): this is a bug in vampvm, please report it";
        };
        Diagnostic d = Diagnostic.quoting(o.span(), message);
        if (o.site() != null) {
            d = d.withNote(o.site().describe());
        }
        return d;
    }

    private static String detail(Instr i, Fp[] sides) {
        if (i instanceof Instr.Eq) {
            return " (left side " + FpFormat.format(sides[0]) + ", right side " + FpFormat.format(sides[1]) + ")";
        }
        return "";
    }

    private static String patternValue(Instr i, Fp[] values) {
        if (i instanceof Instr.Eq eq) {
            Operand v = eq.a() instanceof Operand.Var ? eq.a() : eq.b();
            Fp x = Instr.val(v, values);
            return x == null ? "" : ": the value is " + FpFormat.format(x);
        }
        return "";
    }
}
