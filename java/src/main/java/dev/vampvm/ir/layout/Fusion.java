package dev.vampvm.ir.layout;

import dev.vampvm.field.Fp;
import dev.vampvm.ir.flatten.Origin;
import dev.vampvm.ir.flatten.VarInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a temporary's definition into its only use when that saves rows: {@code t = a + b; u = t·c + d} becomes
 * {@code u = (a + b)·c + d}... as far as one row of the wide gate (two products, four cells, a constant, and a
 * continuation into the next row for long sums) can take it. The cost model is {@link Poly#rows()}: a fusion is made
 * when the fused constraint needs no more rows than the two did (equal rows still save a cell and a copy, and let
 * longer sums form). Variables that are public, or tied by a copy, keep their cells.
 *
 * <p>A worklist of temporaries, first in id order; a fusion queues the temporaries of the fused constraint again, in
 * its variable order. It makes the constraints (which ones fuse, the order of their terms) that substituting whole
 * {@link Poly}s one at a time made (see below), but a fusion costs time in the smaller of the two, not in their sizes:
 *
 * <ul>
 *   <li>the fused constraint is the larger of the two, changed in place: its terms sit in a linked list with a lazy
 *       common factor (scaling it is one multiplication), the smaller one's terms are added to its end (the
 *       definition is the smaller) or to its front (the use is the smaller: its terms come first), and a
 *       rejected fusion is undone from a log;</li>
 *   <li>the cost model needs only the numbers of terms and products, and which product variables are terms;</li>
 *   <li>each variable's occurrences are the constraints that hold it, updated for the smaller one's variables;</li>
 *   <li>origins are concatenated as a tree, flattened once at the end;</li>
 *   <li>a temporary is tried when it comes off the worklist with exactly two occurrences (occurrences never grow).
 *       A fusion queues again the fused constraint's temporaries that were not tried yet or had more than two
 *       occurrences, and of those already rejected only the ones the fusion can have helped: those in a product of
 *       either constraint (a product turns linear once its other factor is a constant), and the one the fused
 *       constraint defines; and all of them when the fusion cancelled a term or a product, as the fused constraint
 *       is then smaller than its parts and a temporary rejected for its size may fit; and when the fusion gave it a
 *       product it did not hold, the rejected temporaries whose definitions hold that product (it merges now, where
 *       it made a third). Before, every fusion
 *       queued every temporary of the fused constraint again, each try copying the whole constraint.</li>
 * </ul>
 * Fusing long chains was quadratic, and cubic for a sum of products (an 8,000-term sum took 79 s, a sum of 2,000
 * products 144 s); it is now O(n log n). That a rejected temporary left out of the worklist would have stayed
 * rejected is not proven: {@code FusionTest} checks that the constraints are the old algorithm's, term for term, on
 * thousands of random fusion-heavy programs, and {@code CircuitDigestsTest} that every example's circuit is.
 */
final class Fusion {
    private Fusion() {
    }

    static List<Poly> fuse(List<Poly> input, List<VarInfo> vars, Set<Integer> keep) {
        return new Run(input, vars, keep).run();
    }

    /** A term {@code raw·factor·var} of a constraint's linear part, in a doubly linked list ordered by label. */
    private static final class Term {
        final int var;
        Fp raw;
        long label;
        Term prev;
        Term next;

        Term(int var, Fp raw, long label) {
            this.var = var;
            this.raw = raw;
            this.label = label;
        }
    }

    /** A constraint while fusing: its linear terms (each coefficient times {@code factor}), products, constant. */
    private static final class Node {
        final HashMap<Integer, Term> terms = new HashMap<>();
        Term head;
        Term tail;
        long minLabel;
        long maxLabel = -1;
        Fp factor = Fp.ONE;
        Fp factorInverse = Fp.ONE;
        List<Poly.Product> products;
        Fp constant;
        Origins origins;
        int defines;
        /** Its place in the output. */
        int slot;
        /** Temporaries it may hold that are still undecided (checked when used). */
        Set<Integer> temps = new HashSet<>();

        Fp coeff(Term t) {
            return factor == Fp.ONE ? t.raw : t.raw.mul(factor);
        }

        Fp get(int v) {
            Term t = terms.get(v);
            return t == null ? null : coeff(t);
        }

        boolean has(int v) {
            return terms.containsKey(v) || inProduct(v);
        }

        boolean inProduct(int v) {
            for (Poly.Product p : products) {
                if (p.x() == v || p.y() == v) {
                    return true;
                }
            }
            return false;
        }

        /** {@link Poly#rows()}: the linear terms not already in a product's cell go in the free cells and after. */
        int rows() {
            int free = 4 - 2 * products.size();
            int[] seen = new int[2 * products.size()];
            int distinct = 0;
            int inCells = 0;
            for (Poly.Product p : products) {
                for (int w : new int[] {p.x(), p.y()}) {
                    boolean again = false;
                    for (int i = 0; i < distinct; i++) {
                        again |= seen[i] == w;
                    }
                    if (!again) {
                        seen[distinct++] = w;
                        if (terms.containsKey(w)) {
                            inCells++;
                        }
                    }
                }
            }
            int extra = terms.size() - inCells;
            return extra <= free ? 1 : 1 + (extra - free + 2) / 3;
        }
    }

    /** A change to a node, to undo a rejected fusion (in reverse order). */
    private sealed interface Undo {
        record Linked(Node n, Term t) implements Undo {
        }

        record Unlinked(Node n, Term t, Term prev, Term next) implements Undo {
        }

        record Raw(Term t, Fp raw) implements Undo {
        }

        record Label(Node n, Term t, long label, long min) implements Undo {
        }

        record State(Node n, Fp factor, Fp factorInverse, List<Poly.Product> products, Fp constant, long min, long max)
                implements Undo {
        }
    }

    private static final class Run {
        private static final byte OPEN = 0;
        private static final byte REJECTED = 1;
        private static final byte DONE = 2;
        private static final Fp MINUS_ONE = Fp.ONE.neg();
        private final List<VarInfo> vars;
        private final Set<Integer> keep;
        private final Node[] slots;
        private final Map<Integer, Set<Node>> occ = new HashMap<>();
        /** Per variable: {@link #OPEN}, {@link #REJECTED} or {@link #DONE}. */
        private final byte[] state;
        private final ArrayDeque<Integer> work = new ArrayDeque<>();
        private final ArrayList<Undo> log = new ArrayList<>();
        /** Whether the merge being tried cancelled a term or a product (a sum that came to zero). */
        private boolean cancelled;
        /** The products (x, y) the merge being tried gave the fused constraint, which it did not hold. */
        private final List<int[]> gained = new ArrayList<>();
        /**
         * Inverses made so far: a program's coefficients repeat (sha256.pir's bit decompositions weigh by the same
         * powers of two thousands of times), and each inversion is an exponentiation: 11.5% of a profile of
         * sha256.pir's compile, 0.5% with them kept (bench/results/20261126-1012-b7df065-vs-HEAD-compile).
         */
        private final Map<Fp, Fp> inverses = new HashMap<>();

        Run(List<Poly> input, List<VarInfo> vars, Set<Integer> keep) {
            this.vars = vars;
            this.keep = keep;
            this.state = new byte[vars.size()];
            this.slots = new Node[input.size()];
            for (int i = 0; i < input.size(); i++) {
                Poly p = input.get(i);
                Node n = new Node();
                for (Map.Entry<Integer, Fp> e : p.linear.entrySet()) {
                    append(n, e.getKey(), e.getValue());
                }
                n.products = List.copyOf(p.products);
                n.constant = p.constant;
                n.origins = Origins.of(p.origins);
                n.defines = p.defines;
                n.slot = i;
                slots[i] = n;
                for (int v : p.vars()) {
                    occ.computeIfAbsent(v, k -> new HashSet<>()).add(n);
                    if (candidate(v)) {
                        n.temps.add(v);
                    }
                }
            }
            log.clear();
            for (VarInfo v : vars) {
                if (candidate(v.id())) {
                    work.add(v.id());
                }
            }
        }

        private boolean candidate(int v) {
            return vars.get(v).kind() == VarInfo.Kind.TEMP && !keep.contains(v);
        }

        List<Poly> run() {
            while (!work.isEmpty()) {
                int v = work.poll();
                if (state[v] == DONE) {
                    continue;
                }
                Set<Node> where = occ.get(v);
                int count = where == null ? 0 : where.size();
                if (count > 2) {
                    continue; // may drop to two: the fusion that drops it queues v again
                }
                if (count < 2) {
                    state[v] = DONE; // occurrences never grow
                    continue;
                }
                state[v] = REJECTED;
                Node def = null;
                Node use = null;
                for (Node n : where) {
                    if (n.defines == v && def == null) {
                        def = n;
                    } else {
                        use = n;
                    }
                }
                if (def != null && use != null && tryFuse(v, def, use)) {
                    state[v] = DONE;
                }
            }
            List<Poly> out = new ArrayList<>();
            for (Node n : slots) {
                if (n == null) {
                    continue;
                }
                if (n.terms.isEmpty() && n.products.isEmpty() && n.constant.isZero()) {
                    continue;
                }
                Poly p = new Poly();
                for (Term t = n.head; t != null; t = t.next) {
                    p.linear.put(t.var, n.coeff(t));
                }
                p.products.addAll(n.products);
                p.constant = n.constant;
                p.origins.addAll(n.origins.toList());
                p.defines = n.defines;
                out.add(p);
            }
            return out;
        }

        /** Substitutes v's definition into its use when {@link Poly#rows()} allows it; as Poly.substitute did. */
        private boolean tryFuse(int v, Node def, Node use) {
            Fp k = def.get(v);
            if (k == null || def.inProduct(v)) {
                return false;
            }
            List<Poly.Product> withV = new ArrayList<>();
            for (Poly.Product p : use.products) {
                if (p.x() == v || p.y() == v) {
                    withV.add(p);
                }
            }
            if (!withV.isEmpty()) {
                if (!def.products.isEmpty() || def.terms.size() > 2) {
                    return false;
                }
                for (Poly.Product p : withV) {
                    if (p.x() == p.y()) {
                        return false;
                    }
                }
            }
            Fp lin = use.get(v);
            int rowsBefore = use.rows() + def.rows();
            // The variables whose occurrences may change: the smaller side's terms, every product's, v.
            boolean intoDef = withV.isEmpty() && lin != null && def.terms.size() > use.terms.size();
            Node small = intoDef ? use : def;
            Node big = intoDef ? def : use;
            List<Integer> touched = new ArrayList<>(small.terms.keySet());
            for (Node n : new Node[] {use, def}) {
                for (Poly.Product p : n.products) {
                    touched.add(p.x());
                    touched.add(p.y());
                }
            }
            touched.add(v);
            boolean[] inSmall = new boolean[touched.size()];
            for (int i = 0; i < touched.size(); i++) {
                inSmall[i] = small.has(touched.get(i));
            }
            log.clear();
            cancelled = false;
            gained.clear();
            Fp scale = inverse(k).neg();
            if (intoDef) {
                mergeIntoDef(v, def, use, lin, k, scale);
            } else {
                mergeIntoUse(v, def, use, lin, scale, withV);
            }
            if (big.products.size() > 2 || big.has(v) || big.rows() > rowsBefore) {
                undo();
                return false;
            }
            log.clear();
            // Accepted: big is the fused constraint, in the use's slot.
            big.origins = Origins.concat(use.origins, def.origins);
            big.defines = use.defines;
            int slot = use.slot;
            slots[def.slot] = null;
            slots[slot] = big;
            big.slot = slot;
            for (int i = 0; i < touched.size(); i++) {
                int w = touched.get(i);
                Set<Node> s = occ.get(w);
                if (inSmall[i]) {
                    s.remove(small);
                }
                if (big.has(w)) {
                    s.add(big);
                } else {
                    s.remove(big);
                }
            }
            Set<Integer> temps = big.temps;
            Set<Integer> other = small.temps;
            if (other.size() > temps.size()) {
                Set<Integer> t = temps;
                temps = other;
                other = t;
            }
            temps.addAll(other);
            big.temps = temps;
            small.temps = Set.of();
            // A rejected temporary is tried again when a product it is in, or the constraint it defines, changed
            // (a product can become linear once its other factor is a constant, a definition can lose its product).
            // When terms or products cancelled, the fused constraint is smaller than its parts, and a temporary
            // rejected for its size (too many products, too many rows) may fit now: then all of its temporaries
            // are tried again, as every fusion once did (FusionTest found such a program: a use already holding
            // two products, one of them cancelled by a later fusion, left a third product's temporary unfused). And
            // when the fusion gave the fused constraint a product it did not hold, the rejected temporaries whose
            // definitions hold that product: theirs now merges instead of making a third (FusionTest found that too,
            // 2026-11-27). Not all of them: in a sum of products every fusion gains one, and the sum holds thousands.
            List<Integer> again = new ArrayList<>(touched.subList(small.terms.size(), touched.size() - 1));
            if (cancelled) {
                again.addAll(big.terms.keySet());
            }
            for (int[] pair : gained) {
                againForProduct(big, pair[0], pair[1], again);
            }
            for (Poly.Product p : big.products) {
                again.add(p.x());
                again.add(p.y());
            }
            again.add(big.defines);
            requeue(big, again);
            return true;
        }

        /**
         * Adds to {@code again} the temporaries of n defined by another constraint holding the product x·y: found
         * through the occurrences of whichever of x and y has fewer.
         */
        private void againForProduct(Node n, int x, int y, List<Integer> again) {
            Set<Node> ox = occ.get(x);
            Set<Node> oy = occ.get(y);
            Set<Node> fewer = ox == null || (oy != null && oy.size() < ox.size()) ? oy : ox;
            if (fewer == null) {
                return;
            }
            for (Node d : fewer) {
                int w = d.defines;
                if (d == n || w < 0 || state[w] != REJECTED || !n.has(w)) {
                    continue;
                }
                for (Poly.Product p : d.products) {
                    if ((p.x() == x && p.y() == y) || (p.x() == y && p.y() == x)) {
                        again.add(w);
                        break;
                    }
                }
            }
        }

        /**
         * Queues the fused constraint's open temporaries again, and those of {@code again} that were rejected, in
         * the order of {@link Poly#vars()}.
         */
        private void requeue(Node n, List<Integer> again) {
            List<long[]> order = new ArrayList<>();
            Set<Integer> queued = new HashSet<>();
            for (var it = n.temps.iterator(); it.hasNext();) {
                int w = it.next();
                if (state[w] != OPEN || !n.has(w)) {
                    it.remove();
                } else {
                    queued.add(w);
                    order.add(new long[] {position(n, w), w});
                }
            }
            for (int w : again) {
                if (w >= 0 && state[w] == REJECTED && candidate(w) && n.has(w) && queued.add(w)) {
                    order.add(new long[] {position(n, w), w});
                }
            }
            order.sort((a, b) -> Long.compare(a[0], b[0]));
            for (long[] e : order) {
                work.add((int) e[1]);
            }
        }

        /** Where w comes in {@link Poly#vars()}: linear terms by label, then the products' variables. */
        private static long position(Node n, int w) {
            Term t = n.terms.get(w);
            if (t != null) {
                return t.label;
            }
            for (int i = 0; i < n.products.size(); i++) {
                Poly.Product p = n.products.get(i);
                if (p.x() == w) {
                    return Long.MAX_VALUE - 8 + 2 * i;
                }
                if (p.y() == w) {
                    return Long.MAX_VALUE - 8 + 2 * i + 1;
                }
            }
            throw new IllegalStateException("not in the constraint: " + w);
        }

        /** Poly.substitute's steps, on the use's own terms (the definition is the smaller, or v sits in a product). */
        private void mergeIntoUse(int v, Node def, Node use, Fp lin, Fp scale, List<Poly.Product> withV) {
            saveState(use);
            List<Poly.Product> products = new ArrayList<>(use.products);
            Term tv = use.terms.get(v);
            if (tv != null) {
                unlink(use, tv);
            }
            if (lin != null) {
                Fp f = lin.mul(scale);
                for (Term t = def.head; t != null; t = t.next) {
                    if (t.var != v) {
                        addLinear(use, t.var, def.coeff(t).mul(f));
                    }
                }
                for (Poly.Product p : def.products) {
                    addProduct(products, p.x(), p.y(), p.coeff().mul(f));
                }
                use.constant = use.constant.add(def.constant.mul(f));
            }
            for (Poly.Product p : withV) {
                products.remove(p);
                int other = p.x() == v ? p.y() : p.x();
                Fp f = p.coeff().mul(scale);
                for (Term t = def.head; t != null; t = t.next) {
                    if (t.var != v) {
                        addProduct(products, other, t.var, def.coeff(t).mul(f));
                    }
                }
                addLinear(use, other, def.constant.mul(f));
            }
            use.products = List.copyOf(products);
        }

        /**
         * The same result built in the definition's terms (the use is the smaller, v is linear in it): scale the
         * definition, drop v, and put the use's terms in front in their order, as substituting would have left them.
         */
        private void mergeIntoDef(int v, Node def, Node use, Fp lin, Fp k, Fp scale) {
            saveState(def);
            Fp f = lin.mul(scale);
            unlink(def, def.terms.get(v));
            def.factor = def.factor.mul(f);
            def.factorInverse = def.factorInverse.mul(k.neg().mul(inverse(lin)));
            for (Term t = use.tail; t != null; t = t.prev) {
                if (t.var == v) {
                    continue;
                }
                Fp u = use.coeff(t);
                Term d = def.terms.get(t.var);
                if (d == null) {
                    Term n = new Term(t.var, u.mul(def.factorInverse), --def.minLabel);
                    linkFront(def, n);
                } else {
                    Fp sum = u.add(def.coeff(d));
                    unlink(def, d);
                    cancelled |= sum.isZero();
                    if (!sum.isZero()) {
                        log.add(new Undo.Raw(d, d.raw));
                        log.add(new Undo.Label(def, d, d.label, def.minLabel));
                        d.raw = sum.mul(def.factorInverse);
                        d.label = --def.minLabel;
                        linkFront(def, d);
                    }
                }
            }
            List<Poly.Product> products = new ArrayList<>(use.products);
            for (Poly.Product p : def.products) {
                addProduct(products, p.x(), p.y(), p.coeff().mul(f));
            }
            def.products = List.copyOf(products);
            def.constant = use.constant.add(def.constant.mul(f));
        }

        /** x⁻¹, without exponentiating for ±1, which most constraints have, or for a coefficient seen before. */
        private Fp inverse(Fp x) {
            if (x.equals(Fp.ONE)) {
                return Fp.ONE;
            }
            if (x.equals(MINUS_ONE)) {
                return MINUS_ONE;
            }
            return inverses.computeIfAbsent(x, Fp::inverse);
        }

        private void addProduct(List<Poly.Product> products, int x, int y, Fp k) {
            int lo = Math.min(x, y);
            int hi = Math.max(x, y);
            for (int n = 0; n < products.size(); n++) {
                Poly.Product p = products.get(n);
                if (p.x() == lo && p.y() == hi) {
                    Fp sum = p.coeff().add(k);
                    if (sum.isZero()) {
                        products.remove(n);
                        cancelled = true;
                    } else {
                        products.set(n, new Poly.Product(sum, lo, hi));
                    }
                    return;
                }
            }
            if (!k.isZero()) {
                products.add(new Poly.Product(k, lo, hi));
                gained.add(new int[] {lo, hi});
            }
        }

        /** {@link Poly#addLinear}: add to a term in place, drop it at zero, or append a new one. */
        private void addLinear(Node n, int v, Fp k) {
            Term t = n.terms.get(v);
            if (t == null) {
                if (!k.isZero()) {
                    append(n, v, k);
                    log.add(new Undo.Linked(n, n.tail));
                }
                return;
            }
            Fp sum = n.coeff(t).add(k);
            if (sum.isZero()) {
                unlink(n, t);
                cancelled = true;
            } else {
                log.add(new Undo.Raw(t, t.raw));
                t.raw = sum.mul(n.factorInverse);
            }
        }

        private static void append(Node n, int v, Fp k) {
            Term t = new Term(v, k.mul(n.factorInverse), ++n.maxLabel);
            if (n.head == null) {
                n.minLabel = t.label;
            }
            t.prev = n.tail;
            if (n.tail != null) {
                n.tail.next = t;
            } else {
                n.head = t;
            }
            n.tail = t;
            n.terms.put(v, t);
        }

        private void linkFront(Node n, Term t) {
            t.prev = null;
            t.next = n.head;
            if (n.head != null) {
                n.head.prev = t;
            } else {
                n.tail = t;
            }
            n.head = t;
            n.terms.put(t.var, t);
            log.add(new Undo.Linked(n, t));
        }

        private void unlink(Node n, Term t) {
            detach(n, t);
            log.add(new Undo.Unlinked(n, t, t.prev, t.next));
        }

        /** Takes t out of n's list and map, unlogged (t keeps its neighbours, for the log). */
        private static void detach(Node n, Term t) {
            if (t.prev != null) {
                t.prev.next = t.next;
            } else {
                n.head = t.next;
            }
            if (t.next != null) {
                t.next.prev = t.prev;
            } else {
                n.tail = t.prev;
            }
            n.terms.remove(t.var);
        }

        private void saveState(Node n) {
            log.add(new Undo.State(n, n.factor, n.factorInverse, n.products, n.constant, n.minLabel, n.maxLabel));
        }

        /** Undoes the logged changes, last first: each term goes back between the neighbours it had. */
        private void undo() {
            for (int i = log.size() - 1; i >= 0; i--) {
                switch (log.get(i)) {
                    case Undo.Linked l -> detach(l.n(), l.t());
                    case Undo.Unlinked u -> {
                        Term t = u.t();
                        Node n = u.n();
                        t.prev = u.prev();
                        t.next = u.next();
                        if (t.prev != null) {
                            t.prev.next = t;
                        } else {
                            n.head = t;
                        }
                        if (t.next != null) {
                            t.next.prev = t;
                        } else {
                            n.tail = t;
                        }
                        n.terms.put(t.var, t);
                    }
                    case Undo.Raw r -> r.t().raw = r.raw();
                    case Undo.Label l -> {
                        l.t().label = l.label();
                        l.n().minLabel = l.min();
                    }
                    case Undo.State s -> {
                        Node n = s.n();
                        n.factor = s.factor();
                        n.factorInverse = s.factorInverse();
                        n.products = s.products();
                        n.constant = s.constant();
                        n.minLabel = s.min();
                        n.maxLabel = s.max();
                    }
                }
            }
            log.clear();
        }
    }

    /** Origins as a concatenation tree: joining two is constant time; flattened (without recursion) at the end. */
    private abstract static sealed class Origins {
        static Origins of(List<Origin> list) {
            return new Leaf(List.copyOf(list));
        }

        static Origins concat(Origins a, Origins b) {
            if (a instanceof Leaf l && l.list.isEmpty()) {
                return b;
            }
            if (b instanceof Leaf l && l.list.isEmpty()) {
                return a;
            }
            return new Concat(a, b);
        }

        List<Origin> toList() {
            List<Origin> out = new ArrayList<>();
            ArrayDeque<Origins> stack = new ArrayDeque<>();
            stack.push(this);
            while (!stack.isEmpty()) {
                switch (stack.pop()) {
                    case Leaf l -> out.addAll(l.list);
                    case Concat c -> {
                        stack.push(c.right);
                        stack.push(c.left);
                    }
                }
            }
            return out;
        }

        private static final class Leaf extends Origins {
            final List<Origin> list;

            Leaf(List<Origin> list) {
                this.list = list;
            }
        }

        private static final class Concat extends Origins {
            final Origins left;
            final Origins right;

            Concat(Origins a, Origins b) {
                this.left = a;
                this.right = b;
            }
        }
    }
}
