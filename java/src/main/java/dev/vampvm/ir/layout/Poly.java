package dev.vampvm.ir.layout;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.Instr;
import dev.vampvm.ir.flatten.Operand;
import dev.vampvm.ir.flatten.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One constraint {@code Σ kᵢ·vᵢ + Σ mⱼ·xⱼ·yⱼ + c = 0} over circuit variables: what a row of the wide gate (plus
 * continuation rows for long sums) can hold once it has at most two products. Mutable while fusing.
 */
final class Poly {
    /** A product term {@code coeff·x·y} with {@code x ≤ y}. */
    record Product(Fp coeff, int x, int y) {
    }

    final Map<Integer, Fp> linear = new LinkedHashMap<>();
    final List<Product> products = new ArrayList<>();
    Fp constant = Fp.ZERO;
    final List<Origin> origins = new ArrayList<>();
    /** The variable this constraint defines (the instruction's output), or -1. */
    int defines = -1;

    /** The constraint of a three-address instruction (not for an equality of two variables: that is a copy). */
    static Poly of(Instr i) {
        Poly p = new Poly();
        p.origins.addAll(i.origins());
        p.defines = i.defined();
        Fp one = Fp.ONE;
        Fp minus = Fp.ONE.neg();
        switch (i) {
            case Instr.Add x -> {
                p.addTerm(x.out(), one);
                p.addTerm(x.a(), minus);
                p.addTerm(x.b(), minus);
            }
            case Instr.Sub x -> {
                p.addTerm(x.out(), one);
                p.addTerm(x.a(), minus);
                p.addTerm(x.b(), one);
            }
            case Instr.Neg x -> {
                p.addTerm(x.out(), one);
                p.addTerm(x.a(), one);
            }
            case Instr.Mul x -> {
                p.addTerm(x.out(), one);
                p.addProduct(x.a(), x.b(), minus);
            }
            case Instr.Eq x -> {
                p.addTerm(x.a(), one);
                p.addTerm(x.b(), minus);
            }
        }
        return p;
    }

    void addTerm(Operand o, Fp k) {
        switch (o) {
            case Operand.Const c -> constant = constant.add(c.value().mul(k));
            case Operand.Var v -> addLinear(v.id(), k);
        }
    }

    void addLinear(int v, Fp k) {
        Fp sum = linear.getOrDefault(v, Fp.ZERO).add(k);
        if (sum.isZero()) {
            linear.remove(v);
        } else {
            linear.put(v, sum);
        }
    }

    void addProduct(Operand a, Operand b, Fp k) {
        if (a instanceof Operand.Const ca) {
            addTerm(b, k.mul(ca.value()));
        } else if (b instanceof Operand.Const cb) {
            addTerm(a, k.mul(cb.value()));
        } else {
            addProduct(((Operand.Var) a).id(), ((Operand.Var) b).id(), k);
        }
    }

    void addProduct(int x, int y, Fp k) {
        int lo = Math.min(x, y);
        int hi = Math.max(x, y);
        for (int n = 0; n < products.size(); n++) {
            Product p = products.get(n);
            if (p.x() == lo && p.y() == hi) {
                Fp sum = p.coeff().add(k);
                if (sum.isZero()) {
                    products.remove(n);
                } else {
                    products.set(n, new Product(sum, lo, hi));
                }
                return;
            }
        }
        if (!k.isZero()) {
            products.add(new Product(k, lo, hi));
        }
    }

    /** Every variable it mentions. */
    Set<Integer> vars() {
        Set<Integer> s = new LinkedHashSet<>(linear.keySet());
        for (Product p : products) {
            s.add(p.x());
            s.add(p.y());
        }
        return s;
    }

    boolean inProduct(int v) {
        for (Product p : products) {
            if (p.x() == v || p.y() == v) {
                return true;
            }
        }
        return false;
    }

    /** {@code k·(v·v − v) = 0}: v is a bit. Returns v, or -1. */
    int booleanVar() {
        if (products.size() != 1 || linear.size() != 1 || !constant.isZero()) {
            return -1;
        }
        Product p = products.get(0);
        Fp k = linear.get(p.x());
        return p.x() == p.y() && k != null && k.add(p.coeff()).isZero() ? p.x() : -1;
    }

    /** Linear variables that do not already sit in a product's cell. */
    List<Integer> extraLinear() {
        List<Integer> out = new ArrayList<>();
        for (int v : linear.keySet()) {
            if (!inProduct(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Rows this constraint takes: a head row (products in w0·w1 and w2·w3) plus continuation rows of 3 terms. */
    int rows() {
        int free = 4 - 2 * products.size();
        int extra = extraLinear().size();
        return extra <= free ? 1 : 1 + (extra - free + 2) / 3;
    }
}
