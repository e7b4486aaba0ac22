package dev.vampvm.ir.layout;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.VarInfo;
import dev.vampvm.ir.layout.Poly.Product;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fusion as it was before it was made near-linear (commit 8ac686a): every fusion copies the whole use, and
 * queues every temporary of the fused constraint again. Kept to check that {@link Fusion} gives the same
 * constraints, term for term ({@link FusionTest}).
 */
final class FusionReference {
    private FusionReference() {
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
            Poly fused = substitute(use, v, def);
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

    static Poly copy(Poly self) {
        Poly p = new Poly();
        p.linear.putAll(self.linear);
        p.products.addAll(self.products);
        p.constant = self.constant;
        p.origins.addAll(self.origins);
        p.defines = self.defines;
        return p;
    }

    /**
     * This constraint with variable v replaced by its definition {@code def} (which is {@code k·v + rest = 0}),
     * or null when that would need a product of degree 3: v may sit in a product only if its definition is affine in
     * at most one variable.
     */
    static Poly substitute(Poly self, int v, Poly def) {
        Fp k = def.linear.get(v);
        if (k == null || def.inProduct(v)) {
            return null;
        }
        // v = -(rest)/k
        Fp scale = k.inverse().neg();
        Poly out = copy(self);
        Fp lin = out.linear.remove(v);
        List<Product> withV = new ArrayList<>();
        for (Product p : out.products) {
            if (p.x() == v || p.y() == v) {
                withV.add(p);
            }
        }
        if (!withV.isEmpty()) {
            if (!def.products.isEmpty() || def.linear.size() > 2) {
                return null;
            }
            for (Product p : withV) {
                if (p.x() == p.y()) {
                    return null;
                }
            }
        }
        if (lin != null) {
            Fp f = lin.mul(scale);
            for (Map.Entry<Integer, Fp> e : def.linear.entrySet()) {
                if (e.getKey() != v) {
                    out.addLinear(e.getKey(), e.getValue().mul(f));
                }
            }
            for (Product p : def.products) {
                out.addProduct(p.x(), p.y(), p.coeff().mul(f));
            }
            out.constant = out.constant.add(def.constant.mul(f));
        }
        for (Product p : withV) {
            out.products.remove(p);
            int other = p.x() == v ? p.y() : p.x();
            Fp f = p.coeff().mul(scale);
            for (Map.Entry<Integer, Fp> e : def.linear.entrySet()) {
                if (e.getKey() != v) {
                    out.addProduct(other, e.getKey(), e.getValue().mul(f));
                }
            }
            out.addLinear(other, def.constant.mul(f));
        }
        out.origins.addAll(def.origins);
        return out;
    }
}
