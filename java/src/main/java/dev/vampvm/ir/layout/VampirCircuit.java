package dev.vampvm.ir.layout;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.AdviceColumn;
import dev.vampvm.plonk.Assignment;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.Column;
import dev.vampvm.plonk.Constraint;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.InstanceColumn;
import dev.vampvm.plonk.Selector;
import dev.vampvm.plonk.Synthesis;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled program as a circuit of our constraint system. Four advice columns w0..w3 (equality enabled), one
 * instance column of public inputs, and two gates:
 * <ul>
 *   <li>{@code arith}: {@code qm1·w0·w1 + qm2·w2·w3 + q0·w0 + q1·w1 + q2·w2 + q3·w3 + qc + qn·w0[next] = 0}, with
 *       eight fixed coefficient columns: two products, a linear combination of four cells, a constant, and a
 *       partial sum carried in from the next row (long sums continue over several rows);</li>
 *   <li>{@code bits}: where selector {@code sbits} is on, each of the four cells is 0 or 1.</li>
 * </ul>
 * Degree 3. Variables used in several rows are tied by copy constraints; equalities between variables are copies.
 */
public final class VampirCircuit implements Circuit<VampirCircuit.Config> {
    public static final String ARITH = "arith";
    public static final String BITS = "bits";

    /** The columns. */
    public record Config(AdviceColumn[] w, FixedColumn[] q, Selector bits, InstanceColumn[] pub) {
    }

    private final RowPlan plan;
    private final boolean witness;
    private final int instanceColumns;

    /**
     * @param instanceColumns public value i goes to row i / instanceColumns of instance column i % instanceColumns
     *                        (one column, named {@code pub}, unless a VM block has more public values than rows)
     */
    VampirCircuit(RowPlan plan, boolean witness, int instanceColumns) {
        this.plan = plan;
        this.witness = witness;
        this.instanceColumns = instanceColumns;
    }

    /** The constraint system of every layout with {@code instanceColumns}, built once ({@link #systemOf}). */
    private static final ConstraintSystem[] SYSTEMS = new ConstraintSystem[Layout.MAX_INSTANCE_COLUMNS + 1];

    /**
     * The constraint system with {@code instanceColumns} instance columns: it depends on nothing else, and a VM
     * proof lays out every execution of its blocks again (one per step), so it is built once per process. Immutable,
     * shared between threads.
     */
    static ConstraintSystem systemOf(int instanceColumns) {
        if (instanceColumns < 1 || instanceColumns >= SYSTEMS.length) {
            throw new IllegalArgumentException("instance columns must be in [1, " + (SYSTEMS.length - 1) + "], got "
                    + instanceColumns);
        }
        synchronized (SYSTEMS) {
            ConstraintSystem cs = SYSTEMS[instanceColumns];
            if (cs == null) {
                cs = Synthesis.configure(new VampirCircuit(null, false, instanceColumns));
                SYSTEMS[instanceColumns] = cs;
            }
            return cs;
        }
    }

    @Override
    public Config configure(ConstraintSystem.Builder cs) {
        AdviceColumn[] w = new AdviceColumn[RowPlan.WIDTH];
        for (int i = 0; i < w.length; i++) {
            w[i] = cs.adviceColumn("w" + i);
            cs.enableEquality(w[i]);
        }
        String[] names = {"q0", "q1", "q2", "q3", "qm1", "qm2", "qc", "qn"};
        FixedColumn[] q = new FixedColumn[RowPlan.SLOTS];
        for (int i = 0; i < q.length; i++) {
            q[i] = cs.fixedColumn(names[i]);
        }
        Selector bits = cs.selector("sbits");
        InstanceColumn[] pub = new InstanceColumn[instanceColumns];
        for (int i = 0; i < instanceColumns; i++) {
            pub[i] = cs.instanceColumn(instanceColumns == 1 ? "pub" : "pub" + i);
            cs.enableEquality(pub[i]);
        }
        Expression arith = q[RowPlan.QM1].cur().mul(w[0].cur()).mul(w[1].cur())
                .add(q[RowPlan.QM2].cur().mul(w[2].cur()).mul(w[3].cur()));
        for (int i = 0; i < RowPlan.WIDTH; i++) {
            arith = arith.add(q[i].cur().mul(w[i].cur()));
        }
        arith = arith.add(q[RowPlan.QC].cur()).add(q[RowPlan.QN].cur().mul(w[0].next()));
        cs.createGate(ARITH, Constraint.of("qm1·w0·w1 + qm2·w2·w3 + Σ qi·wi + qc + qn·w0[next]", arith));
        List<Constraint> bitChecks = new ArrayList<>();
        for (int i = 0; i < RowPlan.WIDTH; i++) {
            bitChecks.add(Constraint.of("w" + i + " is a bit",
                    bits.column().cur().mul(w[i].cur()).mul(w[i].cur().sub(Expression.constant(1)))));
        }
        cs.createGate(BITS, bitChecks);
        return new Config(w, q, bits, pub);
    }

    @Override
    public void synthesize(Config cfg, Assignment asg) {
        for (int r = 0; r < plan.rows.size(); r++) {
            RowPlan.Row row = plan.rows.get(r);
            for (int i = 0; i < RowPlan.SLOTS; i++) {
                if (!row.q[i].isZero()) {
                    asg.assignFixed(cfg.q()[i], r, row.q[i]);
                }
            }
            if (row.bits) {
                asg.enableSelector(cfg.bits(), r);
            }
            for (int c = 0; c < RowPlan.WIDTH; c++) {
                Fp v = witness ? plan.value(row.cells[c]) : Fp.ZERO;
                asg.assignAdvice(cfg.w()[c], r, v == null ? Fp.ZERO : v);
            }
            if (!row.origins.isEmpty()) {
                asg.annotateRow(r, row.origins.get(0).label());
            }
        }
        for (RowPlan.Copy c : plan.copies) {
            asg.copy(cfg.w()[c.colA()].cell(c.rowA()), cfg.w()[c.colB()].cell(c.rowB()));
        }
        for (int i = 0; i < plan.publicCells.size(); i++) {
            int[] cell = plan.publicCells.get(i);
            Column col = cfg.w()[cell[1]];
            asg.copy(col.cell(cell[0]), asg.instance(cfg.pub()[i % instanceColumns], i / instanceColumns).cell());
        }
    }

    RowPlan plan() {
        return plan;
    }
}
