package dev.vampvm.ir.layout;

import dev.vampvm.ir.flatten.VarInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a temporary's definition into its only use when that saves rows: {@code t = a + b; u = t·c + d} becomes
 * {@code u = (a + b)·c + d}... as far as one row of the wide gate (two products, four cells, a constant, and a
 * continuation into the next row for long sums) can take it. The cost model is {@link Poly#rows()}: a fusion is made
 * when the fused constraint needs no more rows than the two did (equal rows still save a cell and a copy, and let
 * longer sums form). Variables that are public, or tied by a copy,
 * keep their cells.
 */
final class Fusion {
    private Fusion() {
    }

    static List<Poly> fuse(List<Poly> input, List<VarInfo> vars, Set<Integer> keep) {
        List<Poly> polys = new ArrayList<>(input);
        boolean[] alive = new boolean[polys.size()];
        java.util.Arrays.fill(alive, true);
        Map<Integer, Set<Integer>> occ = new HashMap<>();
        for (int i = 0; i < polys.size(); i++) {
            for (int v : polys.get(i).vars()) {
                occ.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(i);
            }
        }
        Deque<Integer> work = new ArrayDeque<>();
        for (VarInfo v : vars) {
            if (v.kind() == VarInfo.Kind.TEMP && !keep.contains(v.id())) {
                work.add(v.id());
            }
        }
        while (!work.isEmpty()) {
            int v = work.poll();
            Set<Integer> where = occ.get(v);
            if (where == null || where.size() != 2) {
                continue;
            }
            int d = -1;
            int u = -1;
            for (int i : where) {
                if (polys.get(i).defines == v && d < 0) {
                    d = i;
                } else {
                    u = i;
                }
            }
            if (d < 0 || u < 0) {
                continue;
            }
            Poly def = polys.get(d);
            Poly use = polys.get(u);
            Poly fused = use.substitute(v, def);
            if (fused == null || fused.products.size() > 2 || fused.vars().contains(v)
                    || fused.rows() > use.rows() + def.rows()) {
                continue;
            }
            alive[d] = false;
            for (int w : def.vars()) {
                Set<Integer> s = occ.get(w);
                if (s != null) {
                    s.remove(d);
                }
            }
            for (int w : use.vars()) {
                occ.get(w).remove(u);
            }
            polys.set(u, fused);
            for (int w : fused.vars()) {
                occ.computeIfAbsent(w, k -> new LinkedHashSet<>()).add(u);
                if (vars.get(w).kind() == VarInfo.Kind.TEMP && !keep.contains(w)) {
                    work.add(w);
                }
            }
        }
        List<Poly> out = new ArrayList<>();
        for (int i = 0; i < polys.size(); i++) {
            if (alive[i]) {
                Poly p = polys.get(i);
                if (p.linear.isEmpty() && p.products.isEmpty() && p.constant.isZero()) {
                    continue;
                }
                out.add(p);
            }
        }
        return out;
    }
}
