package dev.vampvm.ir.flatten;

import dev.vampvm.field.Fp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copy and constant propagation, then dead-code removal, on three-address constraints.
 * <ul>
 *   <li>{@code t = c} and {@code t = u} where t is a temporary (defined by an operation): t is replaced by c or u
 *       everywhere and the equality disappears; t's defining operation becomes the check, carrying the equality's
 *       origin first so that a failure is still reported as that equality. Inputs and {@code fresh} witnesses are
 *       never replaced (nothing else would constrain them).</li>
 *   <li>An operation whose result nothing uses is removed, repeatedly; checks (divisions, equalities, built-in
 *       constraints) are kept.</li>
 * </ul>
 */
public final class Optimizer {
    private Optimizer() {
    }

    public static FlatProgram optimize(FlatProgram p) {
        List<VarInfo> vars = p.vars();
        Set<Integer> pinned = new HashSet<>(p.publicVars());
        Map<Integer, Operand> subst = new HashMap<>();
        Map<Integer, Origin> becameCheck = new HashMap<>();
        List<Instr> kept = new ArrayList<>();
        for (Instr i : p.instrs()) {
            if (!(i instanceof Instr.Eq eq)) {
                kept.add(i);
                continue;
            }
            Operand a = find(eq.a(), subst);
            Operand b = find(eq.b(), subst);
            if (a.equals(b)) {
                continue;
            }
            Operand.Var replaced = null;
            Operand by = null;
            if (replaceable(a, vars, pinned) && (!replaceable(b, vars, pinned) || ((Operand.Var) b).id() < ((Operand.Var) a).id())) {
                replaced = (Operand.Var) a;
                by = b;
            } else if (replaceable(b, vars, pinned)) {
                replaced = (Operand.Var) b;
                by = a;
            }
            if (replaced == null) {
                kept.add(eq);
                continue;
            }
            subst.put(replaced.id(), by);
            becameCheck.put(replaced.id(), eq.origin());
        }
        List<Instr> mapped = new ArrayList<>(kept.size());
        for (Instr i : kept) {
            int d = i.defined();
            Instr m = i.map(o -> find(o, subst));
            if (d >= 0 && becameCheck.containsKey(d)) {
                m = m.asCheck(becameCheck.get(d));
            }
            if (allConstant(m) && holds(m)) {
                continue;
            }
            mapped.add(m);
        }
        return p.withInstrs(removeDead(mapped, pinned));
    }

    private static boolean replaceable(Operand o, List<VarInfo> vars, Set<Integer> pinned) {
        return o instanceof Operand.Var v && vars.get(v.id()).kind() == VarInfo.Kind.TEMP && !pinned.contains(v.id());
    }

    private static Operand find(Operand o, Map<Integer, Operand> subst) {
        Operand cur = o;
        while (cur instanceof Operand.Var v && subst.containsKey(v.id())) {
            cur = subst.get(v.id());
        }
        // path compression
        Operand walk = o;
        while (walk instanceof Operand.Var v && subst.containsKey(v.id()) && !subst.get(v.id()).equals(cur)) {
            Operand next = subst.get(v.id());
            subst.put(v.id(), cur);
            walk = next;
        }
        return cur;
    }

    private static boolean allConstant(Instr i) {
        for (Operand o : i.operands()) {
            if (!o.isConst()) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Instr i) {
        Fp[] s = i.sides(new Fp[0]);
        return s != null && s[0].equals(s[1]);
    }

    /** Drops operations whose results are unused, until none is left. */
    static List<Instr> removeDead(List<Instr> instrs, Set<Integer> pinned) {
        Map<Integer, Integer> uses = new HashMap<>();
        Map<Integer, Integer> definedBy = new HashMap<>();
        for (int k = 0; k < instrs.size(); k++) {
            Instr i = instrs.get(k);
            int d = i.defined();
            if (d >= 0) {
                definedBy.put(d, k);
            }
            countUses(i, d, uses, +1);
        }
        boolean[] dead = new boolean[instrs.size()];
        Deque<Integer> work = new ArrayDeque<>();
        for (Map.Entry<Integer, Integer> e : definedBy.entrySet()) {
            if (uses.getOrDefault(e.getKey(), 0) == 0 && !pinned.contains(e.getKey())) {
                work.add(e.getKey());
            }
        }
        while (!work.isEmpty()) {
            int v = work.poll();
            Integer k = definedBy.get(v);
            if (k == null || dead[k]) {
                continue;
            }
            dead[k] = true;
            Instr i = instrs.get(k);
            for (Operand o : i.operands()) {
                if (o instanceof Operand.Var u && u.id() != v) {
                    int n = uses.merge(u.id(), -1, Integer::sum);
                    if (n == 0 && definedBy.containsKey(u.id()) && !pinned.contains(u.id())) {
                        work.add(u.id());
                    }
                }
            }
        }
        List<Instr> out = new ArrayList<>();
        for (int k = 0; k < instrs.size(); k++) {
            if (!dead[k]) {
                out.add(instrs.get(k));
            }
        }
        return out;
    }

    private static void countUses(Instr i, int defined, Map<Integer, Integer> uses, int delta) {
        List<Operand> ops = i.operands();
        for (int n = 0; n < ops.size(); n++) {
            if (ops.get(n) instanceof Operand.Var v && !(n == 0 && v.id() == defined)) {
                uses.merge(v.id(), delta, Integer::sum);
            }
        }
    }
}
