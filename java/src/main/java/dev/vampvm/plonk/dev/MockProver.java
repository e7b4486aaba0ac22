package dev.vampvm.plonk.dev;

import dev.vampvm.field.Fp;
import dev.vampvm.plonk.Cell;
import dev.vampvm.plonk.Circuit;
import dev.vampvm.plonk.ColumnKind;
import dev.vampvm.plonk.Constraint;
import dev.vampvm.plonk.ConstraintSystem;
import dev.vampvm.plonk.DenseAssignment;
import dev.vampvm.plonk.Expression;
import dev.vampvm.plonk.Expression.Query;
import dev.vampvm.plonk.FixedColumn;
import dev.vampvm.plonk.Gate;
import dev.vampvm.plonk.Lookup;
import dev.vampvm.plonk.dev.VerifyFailure.CellValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a circuit's table against its constraint system without proving, and says precisely what is wrong:
 * which gate constraint at which row (with the values of every cell it reads), which copy, which lookup row,
 * which unassigned cell an enabled gate reads.
 *
 * <p>What is checked, on the usable rows 0 … usableRows − 1 (rotations wrap modulo n, as in the proof):
 * <ul>
 *   <li>every constraint of every gate at every usable row. Unassigned advice cells and instance cells beyond
 *       the values given are "poison": a poisoned term times zero is zero (so a gate switched off by its
 *       selector may read anything), but a poisoned result is reported as a {@link VerifyFailure.CellNotAssigned}
 *       or {@link VerifyFailure.InstanceCellNotAssigned} for each such cell;</li>
 *   <li>every lookup: each usable row's input tuple must be among the table tuples of the usable rows (here
 *       unassigned cells read zero, as they do in the proof);</li>
 *   <li>every copy constraint, pair by pair, so that a failure names the copy that was made;</li>
 *   <li>the number and length of the instance columns.</li>
 * </ul>
 */
public final class MockProver {
    /** How many failures {@link #report()} lists before summarising the rest. */
    public static final int REPORT_LIMIT = 1000;

    private final DenseAssignment table;
    private final List<VerifyFailure> failures;

    private MockProver(DenseAssignment table, List<VerifyFailure> earlier) {
        this.table = table;
        List<VerifyFailure> all = new ArrayList<>(earlier);
        new Checker(table, all).run();
        this.failures = List.copyOf(all);
    }

    /**
     * Configures and synthesizes the circuit at 2^k rows with the given public values (one list per instance
     * column), then checks the table. Synthesis errors (a row out of range, a copy of a column without equality)
     * are thrown as they happen; an instance count or length that does not fit is reported as a failure.
     */
    public static MockProver run(int k, Circuit<?> circuit, List<List<Fp>> instances) {
        return runTyped(k, circuit, instances);
    }

    /** Checks a table that was already synthesized with a witness. */
    public static MockProver check(DenseAssignment table) {
        if (!table.hasWitness()) {
            throw new IllegalArgumentException("a shape-only assignment has no witness to check");
        }
        if (table.isForProving()) {
            throw new IllegalArgumentException("a table made for proving keeps no fixed values or copies: check the"
                    + " circuit with run(k, circuit, instances), or a table made with DenseAssignment.forWitness");
        }
        return new MockProver(table, List.of());
    }

    private static <C> MockProver runTyped(int k, Circuit<C> circuit, List<List<Fp>> instances) {
        Objects.requireNonNull(instances, "instances");
        ConstraintSystem.Builder builder = ConstraintSystem.builder();
        C config = circuit.configure(builder);
        ConstraintSystem cs = builder.build();
        int usable = cs.usableRows(k);
        List<VerifyFailure> shape = new ArrayList<>();
        if (instances.size() != cs.numInstanceColumns()) {
            shape.add(new VerifyFailure.InstanceColumnCount(cs.numInstanceColumns(), instances.size()));
        }
        List<List<Fp>> fitted = new ArrayList<>();
        for (int c = 0; c < cs.numInstanceColumns(); c++) {
            List<Fp> values = c < instances.size() ? instances.get(c) : List.of();
            if (values.size() > usable) {
                shape.add(new VerifyFailure.InstanceColumnTooLong(cs.instanceColumns().get(c), values.size(), usable));
                values = values.subList(0, usable);
            }
            fitted.add(values);
        }
        DenseAssignment table = DenseAssignment.forWitness(cs, k, fitted);
        circuit.synthesize(config, table);
        table.seal();
        return new MockProver(table, shape);
    }

    public ConstraintSystem constraintSystem() {
        return table.constraintSystem();
    }

    /** The synthesized table. */
    public DenseAssignment assignment() {
        return table;
    }

    /** Every failure: instance shape first, then gates (by gate, constraint, row), lookups, copies. */
    public List<VerifyFailure> failures() {
        return failures;
    }

    public boolean isSatisfied() {
        return failures.isEmpty();
    }

    /** @throws UnsatisfiedConstraintsException listing every failure, when there is any */
    public void assertSatisfied() {
        if (!failures.isEmpty()) {
            throw new UnsatisfiedConstraintsException(failures, report());
        }
    }

    /** The failures, one per line (at most {@link #REPORT_LIMIT}, then a count of the rest). */
    public String report() {
        if (failures.isEmpty()) {
            return "all constraints are satisfied";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(failures.size()).append(failures.size() == 1 ? " failure" : " failures").append(':');
        for (int i = 0; i < failures.size() && i < REPORT_LIMIT; i++) {
            sb.append("\n  - ").append(failures.get(i).message());
        }
        if (failures.size() > REPORT_LIMIT) {
            sb.append("\n  … and ").append(failures.size() - REPORT_LIMIT)
                    .append(" more (MockProver.failures() has them all)");
        }
        return sb.toString();
    }

    /** The circuit's cost figures (rows used, columns, degree, k needed). */
    public CircuitCost cost() {
        return CircuitCost.of(table);
    }

    /** The checks proper, over one table. */
    private static final class Checker {
        private final DenseAssignment t;
        private final ConstraintSystem cs;
        private final List<VerifyFailure> out;
        private final int n;
        private final int usable;

        Checker(DenseAssignment t, List<VerifyFailure> out) {
            this.t = t;
            this.cs = t.constraintSystem();
            this.out = out;
            this.n = t.n();
            this.usable = t.usableRows();
        }

        void run() {
            checkGates();
            checkLookups();
            checkCopies();
        }

        /** The value a query reads at a row, or null for an unassigned advice cell or an instance cell beyond the values. */
        private Fp read(Query q, int row) {
            int r = Math.floorMod(row + q.rotation(), n);
            int c = q.column().index();
            return switch (q.kind()) {
                case ADVICE -> t.isAdviceAssigned(c, r) ? t.advice(c, r) : null;
                case FIXED -> t.fixed(c, r);
                case INSTANCE -> r < t.instanceLength(c) ? t.instanceValue(c, r) : null;
            };
        }

        /** Evaluates with poison (null): poison · 0 = 0, otherwise poison spreads. */
        private Fp evaluatePoisoned(Expression e, int row) {
            return e.evaluate(c -> c, q -> read(q, row),
                    (x, y) -> x == null || y == null ? null : x.add(y),
                    (x, y) -> {
                        if (x == null) {
                            return y != null && y.isZero() ? Fp.ZERO : null;
                        }
                        if (y == null) {
                            return x.isZero() ? Fp.ZERO : null;
                        }
                        return x.mul(y);
                    },
                    x -> x == null ? null : x.neg(),
                    (x, f) -> x == null ? (f.isZero() ? Fp.ZERO : null) : x.mul(f));
        }

        /** Evaluates with unassigned cells read as zero, as the proof does. */
        private Fp evaluateZeroed(Expression e, int row) {
            return e.evaluate(q -> {
                Fp v = read(q, row);
                return v == null ? Fp.ZERO : v;
            });
        }

        private void checkGates() {
            List<Gate> gates = cs.gates();
            for (int gi = 0; gi < gates.size(); gi++) {
                Gate gate = gates.get(gi);
                // One report per unassigned cell per gate row, however many of the gate's constraints read it.
                Set<List<Integer>> reported = new HashSet<>();
                for (int ci = 0; ci < gate.constraints().size(); ci++) {
                    Constraint constraint = gate.constraints().get(ci);
                    Expression poly = constraint.polynomial();
                    List<Query> queries = poly.queries();
                    for (int row = 0; row < usable; row++) {
                        Fp v = evaluatePoisoned(poly, row);
                        if (v == null) {
                            reportUnassigned(gate, gi, ci, queries, row, reported);
                        } else if (!v.isZero()) {
                            List<CellValue> cells = new ArrayList<>(queries.size());
                            for (Query q : queries) {
                                cells.add(new CellValue(q, Math.floorMod(row + q.rotation(), n), read(q, row)));
                            }
                            out.add(new VerifyFailure.ConstraintNotSatisfied(gate.name(), gi, ci, constraint.name(), poly,
                                    row, t.rowAnnotation(row), cells));
                        }
                    }
                }
            }
        }

        private void reportUnassigned(Gate gate, int gi, int ci, List<Query> queries, int row, Set<List<Integer>> reported) {
            for (Query q : queries) {
                if (q.kind() == ColumnKind.FIXED || read(q, row) != null) {
                    continue;
                }
                int r = Math.floorMod(row + q.rotation(), n);
                if (!reported.add(List.of(row, q.kind().tag(), q.column().index(), r))) {
                    continue;
                }
                if (q.kind() == ColumnKind.ADVICE) {
                    out.add(new VerifyFailure.CellNotAssigned(gate.name(), gi, ci, row, q, r, r >= usable,
                            t.rowAnnotation(row)));
                } else {
                    out.add(new VerifyFailure.InstanceCellNotAssigned(gate.name(), gi, ci, row, q, r,
                            t.instanceLength(q.column().index()), t.rowAnnotation(row)));
                }
            }
        }

        private void checkLookups() {
            List<Lookup> lookups = cs.lookups();
            for (int li = 0; li < lookups.size(); li++) {
                Lookup lookup = lookups.get(li);
                Set<List<Fp>> table = new HashSet<>();
                for (int row = 0; row < usable; row++) {
                    table.add(evaluateTuple(lookup.tables(), row));
                }
                for (int row = 0; row < usable; row++) {
                    List<Fp> input = evaluateTuple(lookup.inputs(), row);
                    if (!table.contains(input)) {
                        out.add(new VerifyFailure.Lookup(lookup.name(), li, row, lookup.inputs(), input,
                                t.rowAnnotation(row)));
                    }
                }
            }
        }

        private List<Fp> evaluateTuple(List<Expression> exprs, int row) {
            List<Fp> values = new ArrayList<>(exprs.size());
            for (Expression e : exprs) {
                values.add(evaluateZeroed(e, row));
            }
            return values;
        }

        private void checkCopies() {
            for (int i = 0; i < t.copyCount(); i++) {
                Cell left = t.copyLeft(i);
                Cell right = t.copyRight(i);
                Fp a = t.value(left);
                Fp b = t.value(right);
                if (!a.equals(b)) {
                    // Name the constant side second: "x = (constant)" reads as "x should be the constant".
                    boolean leftConstant = isConstant(left);
                    Cell cell = leftConstant ? right : left;
                    Cell other = leftConstant ? left : right;
                    out.add(new VerifyFailure.Permutation(cell, leftConstant ? b : a, other, leftConstant ? a : b,
                            isConstant(other), t.rowAnnotation(cell.row())));
                }
            }
        }

        private boolean isConstant(Cell cell) {
            return cell.column() instanceof FixedColumn f && cs.isConstantColumn(f);
        }
    }
}
