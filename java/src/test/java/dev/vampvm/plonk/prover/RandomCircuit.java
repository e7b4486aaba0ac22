package dev.vampvm.plonk.prover;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Cell;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.Column;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A circuit of random shape with a witness that satisfies it, from a seed: 1–3 input columns of random values;
 * 0–3 gates s_g·(P_g − o_g) with P_g a random polynomial of degree 1–4 in the inputs at rotations −1, 0, +1 and
 * in fixed coefficient columns, and o_g an output column computed from it; random copies between input cells
 * (equality on a random subset of inputs, several chunks when the degree is low); public values copied from
 * input cells; and sometimes a range lookup of one more column into a fixed table 0 … 7, or a raised degree.
 */
public record RandomCircuit(long seed) implements Circuit<RandomCircuit.Config> {

    public record Config(List<AdviceColumn> inputs, List<FixedColumn> coefficients, List<Selector> selectors,
            List<AdviceColumn> outputs, List<Expression> polynomials, InstanceColumn pub, AdviceColumn small,
            FixedColumn table, int copies, int publics) {
    }

    @Override
    public Config configure(ConstraintSystem.Builder cs) {
        SplittableRandom rng = new SplittableRandom(seed);
        int ni = 1 + rng.nextInt(3);
        List<AdviceColumn> inputs = new ArrayList<>();
        for (int i = 0; i < ni; i++) {
            inputs.add(cs.adviceColumn("in" + i));
        }
        List<FixedColumn> coefficients = new ArrayList<>();
        int nf = rng.nextInt(3);
        for (int i = 0; i < nf; i++) {
            coefficients.add(cs.fixedColumn("f" + i));
        }
        InstanceColumn pub = cs.instanceColumn("pub");
        cs.enableEquality(pub);
        for (AdviceColumn c : inputs) {
            if (rng.nextBoolean()) {
                cs.enableEquality(c);
            }
        }
        cs.enableEquality(inputs.get(0));
        int ng = rng.nextInt(4);
        List<Selector> selectors = new ArrayList<>();
        List<AdviceColumn> outputs = new ArrayList<>();
        List<Expression> polynomials = new ArrayList<>();
        for (int g = 0; g < ng; g++) {
            Selector s = cs.selector("s" + g);
            AdviceColumn o = cs.adviceColumn("out" + g);
            if (rng.nextInt(3) == 0) {
                cs.enableEquality(o);
            }
            int degree = 1 + rng.nextInt(4);
            Expression p = randomPolynomial(rng, inputs, coefficients, degree);
            cs.createGate("g" + g, s.expr().mul(p.sub(o.cur())));
            selectors.add(s);
            outputs.add(o);
            polynomials.add(p);
        }
        AdviceColumn small = null;
        FixedColumn table = null;
        if (rng.nextBoolean()) {
            small = cs.adviceColumn("small");
            table = cs.fixedColumn("table");
            if (rng.nextBoolean()) {
                cs.lookup("range", small.cur(), table.cur());
            } else {
                cs.lookup("range pair", List.of(small.cur(), small.cur().mul(small.cur())),
                        List.of(table.cur(), table.cur().mul(table.cur())));
            }
        }
        if (rng.nextInt(3) == 0) {
            cs.setMinimumDegree(3 + rng.nextInt(4));
        }
        return new Config(inputs, coefficients, selectors, outputs, polynomials, pub, small, table,
                rng.nextInt(12), 1 + rng.nextInt(3));
    }

    private static Expression randomPolynomial(SplittableRandom rng, List<AdviceColumn> inputs,
            List<FixedColumn> coefficients, int degree) {
        List<Expression> terms = new ArrayList<>();
        int nt = 1 + rng.nextInt(3);
        for (int t = 0; t < nt; t++) {
            int d = t == 0 ? degree : 1 + rng.nextInt(degree);
            List<Expression> factors = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (!coefficients.isEmpty() && rng.nextInt(4) == 0) {
                    factors.add(coefficients.get(rng.nextInt(coefficients.size())).cur());
                } else {
                    factors.add(inputs.get(rng.nextInt(inputs.size())).query(rng.nextInt(3) - 1));
                }
            }
            Expression term = Expression.product(factors);
            switch (rng.nextInt(3)) {
                case 0 -> term = term.scale(Fp.of(rng.nextLong()));
                case 1 -> term = term.neg();
                default -> { }
            }
            terms.add(term);
        }
        return Expression.sum(terms).add(rng.nextInt(100));
    }

    /** The public values the witness produces: the first inputs' values at the copied cells. */
    public List<List<Fp>> instances(int k) {
        ConstraintSystem.Builder b = ConstraintSystem.builder();
        Config c = configure(b);
        Values v = new Values(c, b.build().usableRows(k), 1 << k);
        return List.of(v.publics);
    }

    /** The witness, computed the same way in every call. */
    private final class Values {
        final Fp[][] inputs;
        final Fp[][] coefficients;
        final boolean[][] enabled;
        final Fp[][] outputs;
        final long[] small;
        final List<Cell[]> copies = new ArrayList<>();
        final List<Fp> publics = new ArrayList<>();
        final List<Cell> publicCells = new ArrayList<>();

        Values(Config c, int usable, int n) {
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed);
            int rows = usable;
            inputs = new Fp[c.inputs().size()][rows];
            for (Fp[] col : inputs) {
                for (int r = 0; r < rows; r++) {
                    col[r] = Fp.of(rng.nextLong());
                }
            }
            coefficients = new Fp[c.coefficients().size()][rows];
            for (Fp[] col : coefficients) {
                for (int r = 0; r < rows; r++) {
                    col[r] = Fp.of(rng.nextLong());
                }
            }
            // Copies between distinct untouched cells of equality-enabled inputs, so no value is changed twice.
            List<Integer> eq = new ArrayList<>();
            for (int i = 0; i < c.inputs().size(); i++) {
                eq.add(i);
            }
            Set<Long> touched = new HashSet<>();
            for (int i = 0; i < c.copies() + c.publics(); i++) {
                int c1 = rng.nextInt(c.inputs().size());
                int r1 = rng.nextInt(rows);
                int c2 = rng.nextInt(c.inputs().size());
                int r2 = rng.nextInt(rows);
                long k1 = (long) c1 << 32 | r1;
                long k2 = (long) c2 << 32 | r2;
                if (k1 == k2 || touched.contains(k1) || touched.contains(k2)) {
                    continue;
                }
                touched.add(k1);
                touched.add(k2);
                inputs[c2][r2] = inputs[c1][r1];
                copies.add(new Cell[] {c.inputs().get(c1).cell(r1), c.inputs().get(c2).cell(r2)});
            }
            for (int i = 0; i < c.publics(); i++) {
                int r = rng.nextInt(rows);
                long key = r;
                if (touched.contains(key)) {
                    continue;
                }
                touched.add(key);
                publics.add(inputs[0][r]);
                publicCells.add(c.inputs().get(0).cell(r));
            }
            enabled = new boolean[c.selectors().size()][rows];
            outputs = new Fp[c.selectors().size()][rows];
            for (int g = 0; g < outputs.length; g++) {
                for (int r = 0; r < rows; r++) {
                    if (r >= 1 && r < rows - 1 && rng.nextInt(4) != 0) {
                        enabled[g][r] = true;
                        int row = r;
                        outputs[g][r] = c.polynomials().get(g).evaluate(q -> cell(c, q, row));
                    } else {
                        outputs[g][r] = Fp.of(rng.nextLong());
                    }
                }
            }
            small = new long[rows];
            for (int r = 0; r < rows; r++) {
                small[r] = rng.nextInt(8);
            }
        }

        Fp cell(Config c, Query q, int row) {
            int r = row + q.rotation();
            return switch (q.kind()) {
                case ADVICE -> inputs[c.inputs().indexOf((AdviceColumn) q.column())][r];
                case FIXED -> coefficients[c.coefficients().indexOf((FixedColumn) q.column())][r];
                case INSTANCE -> throw new IllegalStateException();
            };
        }
    }

    @Override
    public void synthesize(Config c, Assignment t) {
        Values v = new Values(c, t.usableRows(), t.n());
        int rows = t.usableRows();
        for (int i = 0; i < v.inputs.length; i++) {
            for (int r = 0; r < rows; r++) {
                t.assignAdvice(c.inputs().get(i), r, v.inputs[i][r]);
            }
        }
        for (int i = 0; i < v.coefficients.length; i++) {
            for (int r = 0; r < rows; r++) {
                t.assignFixed(c.coefficients().get(i), r, v.coefficients[i][r]);
            }
        }
        for (int g = 0; g < v.outputs.length; g++) {
            for (int r = 0; r < rows; r++) {
                t.assignAdvice(c.outputs().get(g), r, v.outputs[g][r]);
                if (v.enabled[g][r]) {
                    t.enableSelector(c.selectors().get(g), r);
                }
            }
        }
        for (Cell[] copy : v.copies) {
            Column a = copy[0].column();
            Column b = copy[1].column();
            ConstraintSystem cs = t.constraintSystem();
            if (cs.isEqualityEnabled(a) && cs.isEqualityEnabled(b)) {
                t.copy(copy[0], copy[1]);
            }
        }
        for (int i = 0; i < v.publicCells.size(); i++) {
            t.copy(v.publicCells.get(i), t.instance(c.pub(), i).cell());
        }
        if (c.small() != null) {
            for (int r = 0; r < rows; r++) {
                t.assignAdvice(c.small(), r, Fp.of(v.small[r]));
            }
            for (int i = 0; i < 8; i++) {
                t.assignFixed(c.table(), i, Fp.of(i));
            }
        }
    }
}
