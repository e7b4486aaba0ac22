package dev.vampvm.plonk.prover;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.AssignedCell;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.Selector;
import java.util.List;

/** Small circuits for the prover and verifier tests, each with an honest witness and broken variants. */
public final class TestCircuits {
    private TestCircuits() {
    }

    /** Which single constraint a broken witness violates. */
    public enum Tamper { NONE, GATE, COPY, LOOKUP }

    // ---------------------------------------------------------------------------------------------

    /**
     * The standard gate a·sl + b·sr + a·b·sm + c·so + sc = 0 over advice a, b, c, computing x³ + x + 5 with copies
     * between the three columns and the result copied to instance row 0. Row 4 is a lone addition (GATE breaks
     * it), row 5 a gate-free copy of a₀ (COPY breaks it).
     */
    public record StandardGate(long x, Tamper tamper) implements Circuit<dev.vampvm.plonk.StandardGate> {

        public StandardGate(long x) {
            this(x, Tamper.NONE);
        }

        public static Fp output(long x) {
            return Fp.of(x * x * x + x + 5);
        }

        public List<List<Fp>> instances() {
            return List.of(List.of(output(x)));
        }

        @Override
        public dev.vampvm.plonk.StandardGate configure(ConstraintSystem.Builder cs) {
            return dev.vampvm.plonk.StandardGate.configure(cs);
        }

        @Override
        public void synthesize(dev.vampvm.plonk.StandardGate k, Assignment t) {
            Fp vx = Fp.of(x);
            Fp x2 = vx.square();
            Fp x3 = x2.mul(vx);
            // row 0: x · x = x²
            AssignedCell a0 = t.assignAdvice(k.a(), 0, vx);
            AssignedCell b0 = t.assignAdvice(k.b(), 0, vx);
            AssignedCell c0 = t.assignAdvice(k.c(), 0, x2);
            coefficients(t, k, 0, 0, 0, 1, -1, 0);
            t.copy(a0.cell(), b0.cell());
            // row 1: x² · x = x³
            AssignedCell a1 = t.assignAdvice(k.a(), 1, x2);
            AssignedCell b1 = t.assignAdvice(k.b(), 1, vx);
            AssignedCell c1 = t.assignAdvice(k.c(), 1, x3);
            coefficients(t, k, 1, 0, 0, 1, -1, 0);
            t.copy(c0.cell(), a1.cell());
            t.copy(a0.cell(), b1.cell());
            // row 2: x³ + x
            AssignedCell a2 = t.assignAdvice(k.a(), 2, x3);
            AssignedCell b2 = t.assignAdvice(k.b(), 2, vx);
            AssignedCell c2 = t.assignAdvice(k.c(), 2, x3.add(vx));
            coefficients(t, k, 2, 1, 1, 0, -1, 0);
            t.copy(c1.cell(), a2.cell());
            t.copy(a0.cell(), b2.cell());
            // row 3: (x³ + x) + 5 = out
            AssignedCell a3 = t.assignAdvice(k.a(), 3, x3.add(vx));
            AssignedCell c3 = t.assignAdvice(k.c(), 3, x3.add(vx).add(Fp.of(5)));
            coefficients(t, k, 3, 1, 0, 0, -1, 5);
            t.copy(c2.cell(), a3.cell());
            t.copy(c3.cell(), t.instance(k.out(), 0).cell());
            // row 4: 1 + 1 = 2, no copies
            t.assignAdvice(k.a(), 4, Fp.ONE);
            t.assignAdvice(k.b(), 4, Fp.ONE);
            t.assignAdvice(k.c(), 4, Fp.of(tamper == Tamper.GATE ? 3 : 2));
            coefficients(t, k, 4, 1, 1, 0, -1, 0);
            // row 5: no gate, a copy of a₀
            AssignedCell a5 = t.assignAdvice(k.a(), 5, tamper == Tamper.COPY ? vx.add(Fp.ONE) : vx);
            t.copy(a0.cell(), a5.cell());
        }

        private static void coefficients(Assignment t, dev.vampvm.plonk.StandardGate k, int row, long sl, long sr, long sm, long so, long sc) {
            t.assignFixed(k.sl(), row, Fp.of(sl));
            t.assignFixed(k.sr(), row, Fp.of(sr));
            t.assignFixed(k.sm(), row, Fp.of(sm));
            t.assignFixed(k.so(), row, Fp.of(so));
            t.assignFixed(k.sc(), row, Fp.of(sc));
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Fibonacci in one advice column with rotations: s·(a[−1] + a[0] − a[+1]) on rows 1 … m − 2; a₀, a₁ and
     * a_(m−1) copied to the instance column [1, 1, F(m)]. COPY claims a wrong F(m).
     */
    public record Fibonacci(int m, Tamper tamper) implements Circuit<Fibonacci.Config> {
        public record Config(AdviceColumn a, Selector s, InstanceColumn pub) {
        }

        public Fibonacci(int m) {
            this(m, Tamper.NONE);
        }

        static Fp[] sequence(int m) {
            Fp[] f = new Fp[m];
            f[0] = Fp.ONE;
            f[1] = Fp.ONE;
            for (int i = 2; i < m; i++) {
                f[i] = f[i - 1].add(f[i - 2]);
            }
            return f;
        }

        public List<List<Fp>> instances() {
            Fp last = sequence(m)[m - 1];
            return List.of(List.of(Fp.ONE, Fp.ONE, tamper == Tamper.COPY ? last.add(Fp.ONE) : last));
        }

        @Override
        public Config configure(ConstraintSystem.Builder cs) {
            AdviceColumn a = cs.adviceColumn("a");
            Selector s = cs.selector("s");
            InstanceColumn pub = cs.instanceColumn("pub");
            cs.enableEquality(a);
            cs.enableEquality(pub);
            cs.createGate("fibonacci", s.expr().mul(a.prev().add(a.cur()).sub(a.next())));
            return new Config(a, s, pub);
        }

        @Override
        public void synthesize(Config k, Assignment t) {
            Fp[] f = sequence(m);
            for (int i = 0; i < m; i++) {
                t.assignAdvice(k.a(), i, tamper == Tamper.GATE && i == m / 2 ? f[i].add(Fp.ONE) : f[i]);
                if (i > 0 && i < m - 1) {
                    t.enableSelector(k.s(), i);
                }
            }
            t.copy(k.a().cell(0), t.instance(k.pub(), 0).cell());
            t.copy(k.a().cell(1), t.instance(k.pub(), 1).cell());
            t.copy(k.a().cell(m - 1), t.instance(k.pub(), 2).cell());
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Range checks by lookup: q·a into the fixed column t = 0 … 15, and the tuple (q·a, q·b) into (t, t²) with
     * b = a². LOOKUP puts 16 (and 256) on one row.
     */
    public record RangeCheck(long[] values, Tamper tamper) implements Circuit<RangeCheck.Config> {
        public record Config(AdviceColumn a, AdviceColumn b, Selector q, FixedColumn t, FixedColumn t2) {
        }

        public RangeCheck(long... values) {
            this(values, Tamper.NONE);
        }

        @Override
        public Config configure(ConstraintSystem.Builder cs) {
            AdviceColumn a = cs.adviceColumn("a");
            AdviceColumn b = cs.adviceColumn("b");
            Selector q = cs.selector("q");
            FixedColumn t = cs.fixedColumn("t");
            FixedColumn t2 = cs.fixedColumn("t2");
            cs.lookup("range", q.expr().mul(a.cur()), t.cur());
            cs.lookup("square", List.of(q.expr().mul(a.cur()), q.expr().mul(b.cur())), List.of(t.cur(), t2.cur()));
            return new Config(a, b, q, t, t2);
        }

        @Override
        public void synthesize(Config k, Assignment t) {
            for (int i = 0; i < 16; i++) {
                t.assignFixed(k.t(), i, Fp.of(i));
                t.assignFixed(k.t2(), i, Fp.of((long) i * i));
            }
            for (int i = 0; i < values.length; i++) {
                long v = tamper == Tamper.LOOKUP && i == values.length / 2 ? 16 : values[i];
                t.assignAdvice(k.a(), i, Fp.of(v));
                t.assignAdvice(k.b(), i, Fp.of(v * v));
                t.enableSelector(k.q(), i);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * A degree-5 gate s·(a⁴ − b) = 0, and a gate that reads the instance column directly at rotations 0 and 1:
     * p·(a − pub[0]) and p·(b − pub[+1]) on row 0.
     */
    public record Degree5(int rows, Tamper tamper) implements Circuit<Degree5.Config> {
        public record Config(AdviceColumn a, AdviceColumn b, Selector s, Selector p, InstanceColumn pub) {
        }

        public Degree5(int rows) {
            this(rows, Tamper.NONE);
        }

        public List<List<Fp>> instances() {
            return List.of(List.of(Fp.of(3), Fp.of(81)));
        }

        @Override
        public Config configure(ConstraintSystem.Builder cs) {
            AdviceColumn a = cs.adviceColumn("a");
            AdviceColumn b = cs.adviceColumn("b");
            Selector s = cs.selector("s");
            Selector p = cs.selector("p");
            InstanceColumn pub = cs.instanceColumn("pub");
            cs.createGate("fourth power", s.expr().mul(a.cur().pow(4).sub(b.cur())));
            cs.createGate("public", p.expr().mul(a.cur().sub(pub.cur())), p.expr().mul(b.cur().sub(pub.next())));
            return new Config(a, b, s, p, pub);
        }

        @Override
        public void synthesize(Config k, Assignment t) {
            for (int i = 0; i < rows; i++) {
                long v = i == 0 ? 3 : i + 7;
                Fp a = Fp.of(v);
                Fp b = a.square().square();
                if (tamper == Tamper.GATE && i == rows - 1) {
                    b = b.add(Fp.ONE);
                }
                t.assignAdvice(k.a(), i, a);
                t.assignAdvice(k.b(), i, b);
                t.enableSelector(k.s(), i);
            }
            t.enableSelector(k.p(), 0);
        }
    }

    /** An expression helper for generated circuits. */
    static Expression constant(long v) {
        return Expression.constant(v);
    }
}
